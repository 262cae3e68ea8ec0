//! The one Atom (RFC 4287) writer, for the node's own feeds and the network's.

use civicpub_domain::{escape_html as xml, Timestamp};

/// A feed's own description.
pub struct Feed<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub updated: Timestamp,
    pub self_url: &'a str,
    /// The HTML page the feed mirrors.
    pub alternate: &'a str,
    /// The feed's language (entries may say their own).
    pub lang: Option<&'a str>,
    /// Who publishes it, when one author stands for all entries.
    pub author: Option<&'a str>,
}

/// One entry.
pub struct Entry {
    pub id: String,
    pub title: String,
    pub url: String,
    pub lang: Option<String>,
    /// (name, uri) of who wrote it, when entries differ.
    pub author: Option<(String, String)>,
    pub published: Timestamp,
    pub updated: Timestamp,
    /// A summary: plain text, or HTML when `summary_is_html`.
    pub summary: String,
    pub summary_is_html: bool,
    pub content_html: String,
    pub categories: Vec<String>,
    /// (media type, length in bytes, URL) of files attached.
    pub enclosures: Vec<(String, i64, String)>,
}

pub fn write(feed: &Feed<'_>, entries: &[Entry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out += "<feed xmlns=\"http://www.w3.org/2005/Atom\"";
    if let Some(l) = feed.lang {
        out += &format!(" xml:lang=\"{}\"", xml(l));
    }
    out += ">\n";
    out += &format!(
        "<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(feed.id),
        xml(feed.title),
        feed.updated.to_rfc3339(),
        xml(feed.self_url),
        xml(feed.alternate),
    );
    if let Some(a) = feed.author {
        out += &format!("<author><name>{}</name></author>\n", xml(a));
    }
    out += "<generator>civicpub</generator>\n";
    for e in entries {
        out += "<entry";
        if let Some(l) = &e.lang {
            out += &format!(" xml:lang=\"{}\"", xml(l));
        }
        out += ">\n";
        out += &format!(
            "<id>{}</id>\n<title>{}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&e.id),
            xml(&e.title),
            xml(&e.url),
        );
        if let Some((name, uri)) = &e.author {
            out += &format!(
                "<author><name>{}</name><uri>{}</uri></author>\n",
                xml(name),
                xml(uri)
            );
        }
        out += &format!(
            "<published>{}</published>\n<updated>{}</updated>\n",
            e.published.to_rfc3339(),
            e.updated.to_rfc3339(),
        );
        if e.summary_is_html {
            out += &format!("<summary type=\"html\">{}</summary>\n", xml(&e.summary));
        } else {
            out += &format!("<summary>{}</summary>\n", xml(&e.summary));
        }
        out += &format!(
            "<content type=\"html\">{}</content>\n",
            xml(&e.content_html)
        );
        for c in &e.categories {
            out += &format!("<category term=\"{}\"/>\n", xml(c));
        }
        for (media_type, length, href) in &e.enclosures {
            out += &format!(
                "<link rel=\"enclosure\" type=\"{}\" length=\"{length}\" href=\"{}\"/>\n",
                xml(media_type),
                xml(href)
            );
        }
        out += "</entry>\n";
    }
    out += "</feed>\n";
    out
}
