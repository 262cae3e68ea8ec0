//! Collections: an actor's outbox, followers, following and featured items, and
//! their pages.

use crate::values::{lenient, lenient_list, IdRef, ObjectRef};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CollectionType {
    OrderedCollection,
    Collection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PageType {
    OrderedCollectionPage,
    CollectionPage,
}

/// An `OrderedCollection` (or `Collection`) of `T`: listing its items inline,
/// or pointing at its first page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: DeserializeOwned"))]
pub struct Collection<T> {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: CollectionType,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub total_items: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub first: Option<ObjectRef<CollectionPage<T>>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub last: Option<IdRef>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_items"
    )]
    pub ordered_items: Option<Vec<T>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_items"
    )]
    pub items: Option<Vec<T>>,
}

impl<T> Collection<T> {
    /// An ordered collection listing `items` inline (small ones, such as
    /// `featured`, which Mastodon wants inline: rule 19).
    pub fn inline(id: Url, items: Vec<T>) -> Self {
        Collection {
            context: Some(crate::context::activity_streams()),
            id,
            kind: CollectionType::OrderedCollection,
            total_items: Some(items.len() as u64),
            first: None,
            last: None,
            ordered_items: Some(items),
            items: None,
        }
    }

    /// An ordered collection that only counts: its items are on pages, or private.
    pub fn counted(id: Url, total: u64, first: Option<Url>) -> Self {
        Collection {
            context: Some(crate::context::activity_streams()),
            id,
            kind: CollectionType::OrderedCollection,
            total_items: Some(total),
            first: first.map(ObjectRef::Id),
            last: None,
            ordered_items: None,
            items: None,
        }
    }

    /// The items listed inline, whichever property holds them.
    pub fn entries(&self) -> &[T] {
        self.ordered_items
            .as_deref()
            .or(self.items.as_deref())
            .unwrap_or(&[])
    }
}

/// A page of a collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: DeserializeOwned"))]
pub struct CollectionPage<T> {
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
    pub id: Url,
    #[serde(rename = "type")]
    pub kind: PageType,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub part_of: Option<IdRef>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub total_items: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub next: Option<IdRef>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient"
    )]
    pub prev: Option<IdRef>,
    #[serde(default, deserialize_with = "lenient_list")]
    pub ordered_items: Vec<T>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "lenient_list"
    )]
    pub items: Vec<T>,
}

impl<T> CollectionPage<T> {
    /// A page of an ordered collection.
    pub fn ordered(id: Url, part_of: Url, items: Vec<T>, next: Option<Url>) -> Self {
        CollectionPage {
            context: None,
            id,
            kind: PageType::OrderedCollectionPage,
            part_of: Some(IdRef(part_of)),
            total_items: None,
            next: next.map(IdRef),
            prev: None,
            ordered_items: items,
            items: Vec::new(),
        }
    }

    /// The items listed, whichever property holds them.
    pub fn entries(&self) -> &[T] {
        if self.ordered_items.is_empty() {
            &self.items
        } else {
            &self.ordered_items
        }
    }
}

impl<T> crate::values::HasId for CollectionPage<T> {
    fn id(&self) -> &Url {
        &self.id
    }
}

/// Items of a collection: the ones that parse (the field's absence is `None`).
fn lenient_items<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: DeserializeOwned,
{
    lenient_list(d).map(Some)
}
