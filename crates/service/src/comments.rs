//! Citizens' replies: a post from elsewhere that answers one of the node's
//! objects (or a reply to such a reply, to any depth) becomes a comment,
//! moderated as the object's kind or the object itself says; a post that
//! mentions the city or is addressed to it reaches the editors. Staff approve,
//! reject and block from the moderation queue.

use crate::convert::reply::{author, reply_text};
use crate::inbox::Received;
use crate::{Node, Result, ServiceError};
use civicpub_domain::{
    Comment, CommentState, Commentable, Consultation, Item, ItemKind, Moderation,
};
use civicpub_protocol::object::Object;
use civicpub_protocol::values::HasId;
use civicpub_store::{NewComment, RemoteActor};
use url::Url;

/// How many posts up a thread the node looks for one of its objects, when the
/// post a reply answers is not here.
const THREAD_DEPTH: u8 = 3;

/// One of the node's own objects, which people reply to, like and boost.
#[derive(Debug, Clone)]
pub enum LocalObject {
    Item(Box<Item>),
    Consultation(Consultation),
}

impl LocalObject {
    pub fn path(&self) -> String {
        match self {
            LocalObject::Item(i) => i.path(),
            LocalObject::Consultation(c) => c.path(),
        }
    }

    pub fn kind(&self) -> Commentable {
        match self {
            LocalObject::Item(i) => Commentable::from_item(i.kind),
            LocalObject::Consultation(_) => Commentable::Consultation,
        }
    }

    fn is_deleted(&self) -> bool {
        match self {
            LocalObject::Item(i) => i.deleted_at.is_some(),
            LocalObject::Consultation(c) => c.deleted_at.is_some(),
        }
    }
}

/// Where a reply belongs.
enum Thread {
    /// Under this object of the node.
    On(LocalObject),
    /// It answers an address on this node where nothing is (or nothing is any more).
    Missing(Url),
}

fn setting_key(kind: Commentable) -> String {
    format!("moderation.{}", kind.as_str())
}

impl Node {
    /// The live object of the node at `url`, if there is one.
    pub async fn local_object(&self, url: &Url) -> Result<Option<LocalObject>> {
        if !self.base.is_local(url) || url.query().is_some() {
            return Ok(None);
        }
        let segments: Vec<&str> = url.path().trim_matches('/').split('/').collect();
        let [kind, id] = segments[..] else {
            return Ok(None);
        };
        let Ok(id) = id.parse::<i64>() else {
            return Ok(None);
        };
        let object = if kind == "consultations" {
            self.store
                .consultation(id)
                .await?
                .map(LocalObject::Consultation)
        } else if let Some(kind) = ItemKind::from_path(kind) {
            self.store
                .item(id)
                .await?
                .filter(|i| i.kind == kind)
                .map(|i| LocalObject::Item(Box::new(i)))
        } else {
            None
        };
        Ok(object.filter(|o| !o.is_deleted()))
    }

    /// The object `kind`/`id` names (`news` 3, `consultation` 2), or 404.
    pub async fn commentable(&self, kind: &str, id: i64) -> Result<LocalObject> {
        let kind = Commentable::parse(kind).ok_or_else(|| {
            ServiceError::field(
                "kind",
                format!("'{kind}' is not one of news, event, document, consultation"),
            )
        })?;
        let path = match kind {
            Commentable::Consultation => format!("/consultations/{id}"),
            Commentable::News => format!("/{}/{id}", ItemKind::News.path()),
            Commentable::Event => format!("/{}/{id}", ItemKind::Event.path()),
            Commentable::Document => format!("/{}/{id}", ItemKind::Document.path()),
        };
        self.local_object(&self.base.url(&path))
            .await?
            .ok_or_else(|| {
                ServiceError::NotFound(format!("no {} {id} on this node", kind.as_str()))
            })
    }

    /// How replies to objects of `kind` are moderated, unless an object says otherwise.
    pub async fn default_moderation(&self, kind: Commentable) -> Result<Moderation> {
        Ok(self
            .store
            .setting(&setting_key(kind))
            .await?
            .as_deref()
            .and_then(Moderation::parse)
            .unwrap_or_else(|| kind.default_moderation()))
    }

    /// Sets how replies to objects of `kind` are moderated.
    pub async fn set_default_moderation(&self, kind: &str, moderation: &str) -> Result<Moderation> {
        let mut problems = crate::Problems::default();
        let k = Commentable::parse(kind.trim());
        if k.is_none() {
            problems.add("kind", "one of news, event, document, consultation");
        }
        let m = Moderation::parse(moderation.trim());
        if m.is_none() {
            problems.add("moderation", format!("one of {}", Moderation::choices()));
        }
        let (Some(k), Some(m)) = (k, m) else {
            return Err(ServiceError::Invalid(problems.0));
        };
        self.store.set_setting(&setting_key(k), m.as_str()).await?;
        self.changed().await;
        Ok(m)
    }

    /// How replies to `object` are moderated: its own setting, else its kind's.
    pub async fn moderation(&self, object: &LocalObject) -> Result<Moderation> {
        let own = match object {
            LocalObject::Item(i) => self.store.item_moderation(i.id).await?,
            LocalObject::Consultation(c) => c.moderation,
        };
        match own {
            Some(m) => Ok(m),
            None => self.default_moderation(object.kind()).await,
        }
    }

    /// Sets (`open`, `approve`, `closed`) or clears (`default`) an object's own
    /// moderation; returns the moderation now in force.
    pub async fn set_moderation(
        &self,
        object: &LocalObject,
        moderation: &str,
    ) -> Result<Moderation> {
        let m = match moderation.trim() {
            "default" => None,
            other => Some(Moderation::parse(other).ok_or_else(|| {
                ServiceError::field(
                    "moderation",
                    format!("one of {}, default", Moderation::choices()),
                )
            })?),
        };
        match object {
            LocalObject::Item(i) => self.store.set_item_moderation(i.id, m).await?,
            LocalObject::Consultation(c) => self.store.set_consultation_moderation(c.id, m).await?,
        };
        self.changed().await;
        let object = self
            .local_object(&self.base.url(&object.path()))
            .await?
            .ok_or_else(|| ServiceError::NotFound(object.path()))?;
        self.moderation(&object).await
    }

    /// Whether a post mentions one of the node's actors or is addressed to one.
    async fn addressed_to_city(&self, object: &Object) -> Result<bool> {
        let named = object
            .to
            .iter()
            .chain(&object.cc)
            .chain(&object.bto)
            .filter_map(|a| Url::parse(a).ok())
            .chain(
                object
                    .tag
                    .iter()
                    .filter(|t| t.kind.as_deref() == Some("Mention"))
                    .filter_map(|t| t.href.clone()),
            );
        for url in named {
            if self.base.is_local(&url) && self.local_actor_at(&url).await?.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The thread a reply to `parent` belongs to, looking up the posts it
    /// answers (at most `depth` of them fetched) until one of the node's objects.
    async fn thread_of(&self, parent: &Url, depth: u8) -> Result<Option<Thread>> {
        if self.base.is_local(parent) {
            return Ok(Some(match self.local_object(parent).await? {
                Some(o) => Thread::On(o),
                None => Thread::Missing(parent.clone()),
            }));
        }
        if let Some(known) = self.store.comment(parent.as_str()).await? {
            let Some(object) = known.object_uri else {
                return Ok(None);
            };
            let url = Url::parse(&object).map_err(ServiceError::internal)?;
            return Ok(Some(match self.local_object(&url).await? {
                Some(o) => Thread::On(o),
                None => Thread::Missing(url),
            }));
        }
        if depth == 0 {
            return Ok(None);
        }
        let Ok(post) = self.fetch_object(parent).await else {
            return Ok(None);
        };
        match &post.in_reply_to {
            Some(up) => Box::pin(self.thread_of(up.url(), depth - 1)).await,
            None => Ok(None),
        }
    }

    /// A post (`Create`) from `sender`: a reply in a thread on one of the
    /// node's objects, a vote on a consultation, or a message to the city is
    /// taken (or refused) here. `None`: none of these, for the network views.
    pub(crate) async fn on_citizen_post(
        &self,
        sender: &RemoteActor,
        object: &Object,
    ) -> Result<Option<Received>> {
        let to_editors = self.addressed_to_city(object).await?;
        // Posts up the thread are fetched only for a post that names the city:
        // no other reaches the node from Mastodon, and a stranger's post must
        // not make the node fetch at will.
        let depth = if to_editors { THREAD_DEPTH } else { 0 };
        let thread = match &object.in_reply_to {
            Some(parent) => self.thread_of(parent.url(), depth).await?,
            None => None,
        };
        if thread.is_none() && !to_editors {
            return Ok(None);
        }
        if object.author().map(Url::as_str) != Some(sender.uri.as_str()) {
            return Err(ServiceError::Unauthorized(
                "the post's author is not the account that sent it".into(),
            ));
        }
        if let Some(Thread::On(LocalObject::Consultation(c))) = &thread {
            let answers_it = object
                .in_reply_to
                .as_ref()
                .is_some_and(|p| self.base.is_local(p.url()));
            if answers_it && is_vote(object) {
                return self.vote(sender, c, object).await.map(Some);
            }
        }
        let text = match reply_text(object) {
            Ok(t) => t,
            Err(why) => return Ok(Some(Received::Ignored(why))),
        };
        let (object_uri, state) = match thread {
            Some(Thread::Missing(url)) => {
                return Ok(Some(Received::Ignored(format!(
                    "{url} is not an object of this node"
                ))))
            }
            Some(Thread::On(o)) => {
                let uri = self.base.url(&o.path()).to_string();
                if !object.is_public() {
                    (Some(uri), CommentState::Private)
                } else {
                    match self.moderation(&o).await? {
                        Moderation::Closed => {
                            return Ok(Some(Received::Ignored(format!(
                                "replies to {} are closed",
                                o.path()
                            ))))
                        }
                        Moderation::Open => (Some(uri), CommentState::Approved),
                        Moderation::Approve => (Some(uri), CommentState::Pending),
                    }
                }
            }
            None => (None, CommentState::Private),
        };
        if state == CommentState::Private && !to_editors {
            return Ok(Some(Received::Ignored(
                "a reply that is not public and not addressed to the city is not kept".into(),
            )));
        }
        let inserted = self
            .store
            .insert_comment(&NewComment {
                uri: object.id().to_string(),
                object_uri,
                in_reply_to: object.in_reply_to.as_ref().map(|p| p.url().to_string()),
                author: author(sender),
                content: text.content,
                language: text.language,
                url: text.url,
                to_editors,
                state,
                published_at: text.published,
                updated_at: text.updated,
            })
            .await?;
        if inserted.is_some() {
            self.changed().await;
        }
        Ok(Some(Received::Stored))
    }

    /// An `Update` of a post: an edit of a comment (which, where replies are
    /// approved first, waits for approval again), else taken as a new post.
    pub(crate) async fn on_citizen_edit(
        &self,
        sender: &RemoteActor,
        object: &Object,
    ) -> Result<Option<Received>> {
        let Some(comment) = self.store.comment(object.id().as_str()).await? else {
            return self.on_citizen_post(sender, object).await;
        };
        if comment.author.uri != sender.uri
            || object.author().map(Url::as_str) != Some(sender.uri.as_str())
        {
            return Err(ServiceError::Unauthorized(
                "only its author can change a reply".into(),
            ));
        }
        let text = match reply_text(object) {
            Ok(t) => t,
            Err(why) => return Ok(Some(Received::Ignored(why))),
        };
        if text.updated <= comment.updated_at {
            return Ok(Some(Received::Ignored(
                "this version of the reply is not newer than the one here".into(),
            )));
        }
        let mut state = comment.state;
        if state == CommentState::Approved {
            if let Some(object) = self.object_of(&comment).await? {
                if self.moderation(&object).await? == Moderation::Approve {
                    state = CommentState::Pending;
                }
            }
        }
        self.store
            .edit_comment(
                comment.id,
                &text.content,
                text.language.as_deref(),
                text.updated,
                state,
            )
            .await?;
        self.changed().await;
        Ok(Some(Received::Stored))
    }

    /// A `Delete` of a comment by its author, or of the account itself (all it
    /// said and did here goes). `None`: neither is here.
    pub(crate) async fn on_citizen_delete(
        &self,
        sender: &RemoteActor,
        id: &Url,
    ) -> Result<Option<Received>> {
        if id.as_str() == sender.uri {
            let touched = self.store.forget_account(&sender.uri, false).await?;
            self.changed().await;
            tracing::info!(account = %sender.uri, consultations = touched.len(), "forgot a deleted account");
            return Ok(Some(Received::Stored));
        }
        if self.store.delete_comment(id.as_str(), &sender.uri).await? {
            self.changed().await;
            return Ok(Some(Received::Stored));
        }
        Ok(None)
    }

    async fn object_of(&self, comment: &Comment) -> Result<Option<LocalObject>> {
        match comment.object_uri.as_deref().map(Url::parse) {
            Some(Ok(url)) => self.local_object(&url).await,
            _ => Ok(None),
        }
    }

    /// The approved replies to `object`, oldest first, for its page.
    pub async fn comments_on(&self, object: &LocalObject) -> Result<Vec<Comment>> {
        let uri = self.base.url(&object.path());
        Ok(self.store.approved_comments(uri.as_str(), 1000).await?)
    }

    /// Replies waiting for staff, oldest first.
    pub async fn moderation_queue(&self, limit: u32) -> Result<Vec<Comment>> {
        Ok(self
            .store
            .comments_in_state(CommentState::Pending, limit)
            .await?)
    }

    /// What editors read: posts that mention the city or are addressed to it,
    /// newest first.
    pub async fn editors_inbox(&self, limit: u32) -> Result<Vec<Comment>> {
        Ok(self.store.editors_inbox(limit).await?)
    }

    async fn comment_by_id(&self, id: i64) -> Result<Comment> {
        self.store
            .comment_by_id(id)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("no comment {id}")))
    }

    /// Shows a comment on its object's page and in its `replies`.
    pub async fn approve_comment(&self, id: i64) -> Result<Comment> {
        self.decide_comment(id, CommentState::Approved).await
    }

    /// Keeps a comment off the pages.
    pub async fn reject_comment(&self, id: i64) -> Result<Comment> {
        self.decide_comment(id, CommentState::Rejected).await
    }

    async fn decide_comment(&self, id: i64, state: CommentState) -> Result<Comment> {
        let mut comment = self.comment_by_id(id).await?;
        if comment.state == CommentState::Private {
            return Err(ServiceError::Conflict(format!(
                "comment {id} was not written in public: it is for the editors only"
            )));
        }
        self.store.set_comment_state(id, state).await?;
        self.changed().await;
        comment.state = state;
        Ok(comment)
    }

    /// Blocks a comment's author: their replies, reactions, votes and reports
    /// are refused from now on, and what they said and did here goes.
    /// Returns the account blocked.
    pub async fn block_author(&self, comment_id: i64) -> Result<String> {
        let comment = self.comment_by_id(comment_id).await?;
        self.block_account(&comment.author.uri).await?;
        Ok(comment.author.uri)
    }

    /// Blocks the server of a comment's author (the federation policy turns to
    /// `blocklist` if it was open). Returns the domain blocked.
    pub async fn block_author_domain(&self, comment_id: i64) -> Result<String> {
        let comment = self.comment_by_id(comment_id).await?;
        self.block_domain(&comment.author.host).await?;
        Ok(comment.author.host)
    }

    /// Blocks a domain for good: listed as blocked, the policy made to apply
    /// the list, and what its accounts said and did here forgotten.
    pub async fn block_domain(&self, domain: &str) -> Result<()> {
        if civicpub_domain::parse_domain(domain).ok().as_deref() == Some(self.base.domain()) {
            return Err(ServiceError::field("domain", "this node's own domain"));
        }
        let policy = self.set_domain_rule(domain, "block").await?;
        if policy.mode == civicpub_domain::FederationMode::Open {
            self.set_federation_mode("blocklist").await?;
        }
        Ok(())
    }

    /// Blocks an account (`@user@host` or its URL).
    pub async fn block_account(&self, account: &str) -> Result<String> {
        let url = self.resolve_handle(account).await?;
        if self.base.is_local(&url) {
            return Err(ServiceError::field("account", "an account of this node"));
        }
        let touched = self.store.forget_account(url.as_str(), true).await?;
        self.changed().await;
        tracing::info!(account = %url, consultations = touched.len(), "blocked an account");
        Ok(url.to_string())
    }

    /// The accounts blocked, and since when, by address.
    pub async fn blocked_accounts(&self) -> Result<Vec<(String, civicpub_domain::Timestamp)>> {
        Ok(self.store.blocked_accounts().await?)
    }

    /// Lets a blocked account be heard again.
    pub async fn unblock_account(&self, account: &str) -> Result<String> {
        let url = self.resolve_handle(account).await?;
        if !self.store.unblock_account(url.as_str()).await? {
            return Err(ServiceError::NotFound(format!("{url} is not blocked")));
        }
        Ok(url.to_string())
    }

    /// Refuses an account that staff blocked.
    pub(crate) async fn require_not_blocked(&self, account: &str) -> Result<()> {
        if self.store.is_blocked_account(account).await? {
            return Err(ServiceError::Forbidden(format!(
                "{} does not accept activities from this account",
                self.base.domain()
            )));
        }
        Ok(())
    }
}

/// Whether a post answering a consultation is a vote: it names an option and
/// says nothing else (Mastodon's and Misskey's votes have no content).
fn is_vote(object: &Object) -> bool {
    object.name.as_deref().is_some_and(|n| !n.trim().is_empty())
        && object
            .content
            .as_deref()
            .is_none_or(|c| civicpub_domain::plain_text(c).trim().is_empty())
        && object.content_map.is_empty()
        && (object.is_a("Note") || object.is_a("Answer"))
}
