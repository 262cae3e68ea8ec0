//! A whole node in one file, and back: `civicpub export` and `civicpub import`.
//! Also the way from SQLite to PostgreSQL.
//!
//! The archive is a tar file:
//! - `manifest.json`: [`Manifest`] (the format and its version, the schema
//!   version, the node's base URL, the tables and their row counts, the files);
//! - `tables/NAME.jsonl`: each table's rows, one JSON object a line
//!   (`civicpub_store::dump`), parents before the tables that refer to them;
//! - `media/SHA256`: every uploaded file, named by the SHA-256 of its bytes.
//!
//! It holds the actors' private keys (tokens only as their hashes, as stored):
//! it is written readable by its owner only.

use crate::{Result, ServiceError};
use civicpub_domain::{NodeBase, Timestamp};
use civicpub_store::dump::TABLES;
use civicpub_store::{MediaFiles, Store, StoreError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// What the archive says of itself.
pub const FORMAT: &str = "civicpub-export";
/// The archive layout's version; an archive of another is refused.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The newest migration of the database it was made from: it is restored
    /// only into the same schema (upgrade the source first, or import with
    /// the same version and upgrade after).
    pub schema_version: i64,
    pub software: String,
    pub base_url: String,
    pub exported_at: String,
    pub tables: Vec<TableEntry>,
    pub media: Vec<MediaEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableEntry {
    pub name: String,
    pub rows: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaEntry {
    pub sha256: String,
    pub size: u64,
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> ServiceError + '_ {
    move |e| ServiceError::BadRequest(format!("{}: {e}", path.display()))
}

/// A private scratch directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(beside: &Path) -> Result<Scratch> {
        let mut bytes = [0u8; 8];
        aws_lc_rs::rand::fill(&mut bytes).map_err(ServiceError::internal)?;
        let name: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let dir = beside.join(format!(".archive-{name}"));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.recursive(true).create(&dir).map_err(io(&dir))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes the node to `path` (which must not exist yet); `scratch` is a
/// private directory for the tables on their way into the archive.
pub async fn export(
    store: &Store,
    media: &MediaFiles,
    base: &NodeBase,
    scratch: &Path,
    path: &Path,
) -> Result<Manifest> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            ServiceError::Conflict(format!("{} exists: choose a new file name", path.display()))
        }
        _ => io(path)(e),
    })?;
    let written = write_archive(store, media, base, scratch, file).await;
    if written.is_err() {
        let _ = std::fs::remove_file(path);
    }
    written
}

async fn write_archive(
    store: &Store,
    media: &MediaFiles,
    base: &NodeBase,
    scratch: &Path,
    file: File,
) -> Result<Manifest> {
    let scratch = Scratch::new(scratch)?;
    let mut tables = Vec::new();
    for (table, _) in TABLES {
        let part = scratch.0.join(format!("{table}.jsonl"));
        let mut out = std::io::BufWriter::new(File::create(&part).map_err(io(&part))?);
        let rows = store.dump_table(table, &mut out).await?;
        out.flush().map_err(io(&part))?;
        tables.push(TableEntry {
            name: table.to_string(),
            rows,
        });
    }
    let mut files = Vec::new();
    let mut missing = 0;
    for (sha256, size) in media_rows(store).await? {
        if media.path(&sha256).is_file() {
            files.push(MediaEntry {
                sha256,
                size: size as u64,
            });
        } else {
            missing += 1;
            tracing::warn!(%sha256, "a media file is missing: not in the archive");
        }
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        schema_version: store.schema_version().await?,
        software: format!(
            "{} {}",
            civicpub_domain::SOFTWARE_NAME,
            civicpub_domain::SOFTWARE_VERSION
        ),
        base_url: base.as_str().to_string(),
        exported_at: Timestamp::now().to_rfc3339(),
        tables,
        media: files,
    };
    let mut tar = tar::Builder::new(std::io::BufWriter::new(file));
    let json = serde_json::to_vec_pretty(&manifest).map_err(ServiceError::internal)?;
    append(
        &mut tar,
        "manifest.json",
        &mut json.as_slice(),
        json.len() as u64,
    )?;
    for t in &manifest.tables {
        let part = scratch.0.join(format!("{}.jsonl", t.name));
        let size = std::fs::metadata(&part).map_err(io(&part))?.len();
        let mut f = File::open(&part).map_err(io(&part))?;
        append(&mut tar, &format!("tables/{}.jsonl", t.name), &mut f, size)?;
    }
    for m in &manifest.media {
        let p = media.path(&m.sha256);
        let size = std::fs::metadata(&p).map_err(io(&p))?.len();
        let mut f = File::open(&p).map_err(io(&p))?;
        append(&mut tar, &format!("media/{}", m.sha256), &mut f, size)?;
    }
    tar.into_inner()
        .and_then(|mut w| w.flush())
        .map_err(ServiceError::internal)?;
    if missing > 0 {
        tracing::warn!(
            missing,
            "media files were missing and are not in the archive"
        );
    }
    Ok(manifest)
}

fn append(
    tar: &mut tar::Builder<impl Write>,
    name: &str,
    data: &mut impl Read,
    size: u64,
) -> Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_size(size);
    header.set_mode(0o600);
    header.set_mtime(0);
    header.set_entry_type(tar::EntryType::Regular);
    tar.append_data(&mut header, name, data)
        .map_err(ServiceError::internal)
}

async fn media_rows(store: &Store) -> Result<Vec<(String, i64)>> {
    let mut out = Vec::new();
    store.dump_table("media", &mut out).await?;
    let mut rows = Vec::new();
    for line in out.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        let v: serde_json::Value = serde_json::from_slice(line).map_err(ServiceError::internal)?;
        rows.push((
            v["sha256"].as_str().unwrap_or_default().to_string(),
            v["size"].as_i64().unwrap_or_default(),
        ));
    }
    Ok(rows)
}

/// Reads an archive into `store`, which must be an empty node on the same
/// base URL and schema; refused (with nothing changed) otherwise. Files go
/// under `media` first, then every table in one transaction.
pub async fn import(
    store: &Store,
    media: &MediaFiles,
    base: &NodeBase,
    scratch: &Path,
    path: &Path,
) -> Result<Manifest> {
    let file = File::open(path).map_err(io(path))?;
    let scratch = Scratch::new(scratch)?;
    let not_archive = |why: String| {
        ServiceError::BadRequest(format!(
            "{} is not a civicpub export: {why}",
            path.display()
        ))
    };
    let mut manifest: Option<Manifest> = None;
    let mut tables: HashMap<String, PathBuf> = HashMap::new();
    let mut files: HashMap<String, PathBuf> = HashMap::new();
    let mut archive = tar::Archive::new(BufReader::new(file));
    let entries = archive.entries().map_err(|e| not_archive(e.to_string()))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| not_archive(e.to_string()))?;
        let name = entry
            .path()
            .map_err(|e| not_archive(e.to_string()))?
            .to_string_lossy()
            .into_owned();
        if name == "manifest.json" {
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| not_archive(e.to_string()))?;
            let m: Manifest = serde_json::from_slice(&bytes)
                .map_err(|e| not_archive(format!("manifest.json: {e}")))?;
            check_manifest(&m, store, base).await?;
            manifest = Some(m);
            continue;
        }
        // Names are checked before anything is written: no path leaves the scratch.
        let target = if let Some(t) = name
            .strip_prefix("tables/")
            .and_then(|n| n.strip_suffix(".jsonl"))
            .filter(|t| TABLES.iter().any(|(known, _)| known == t))
        {
            let p = scratch.0.join(format!("{t}.jsonl"));
            tables.insert(t.to_string(), p.clone());
            p
        } else if let Some(sha) = name
            .strip_prefix("media/")
            .filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            let p = scratch.0.join(sha);
            files.insert(sha.to_string(), p.clone());
            p
        } else {
            return Err(not_archive(format!("unexpected entry {name}")));
        };
        let mut out = File::create(&target).map_err(io(&target))?;
        std::io::copy(&mut entry, &mut out).map_err(|e| not_archive(e.to_string()))?;
    }
    let manifest = manifest.ok_or_else(|| not_archive("no manifest.json".into()))?;
    for t in &manifest.tables {
        if !tables.contains_key(&t.name) {
            return Err(not_archive(format!("the table {} is missing", t.name)));
        }
    }
    // Every file is what its name says, before any is kept.
    for m in &manifest.media {
        let p = files
            .get(&m.sha256)
            .ok_or_else(|| not_archive(format!("the file {} is missing", m.sha256)))?;
        let bytes = std::fs::read(p).map_err(io(p))?;
        if MediaFiles::sha256(&bytes) != m.sha256 {
            return Err(not_archive(format!("the file {} is damaged", m.sha256)));
        }
    }
    // Checked again just before writing: another process may have set the node up.
    if !store.is_empty_node().await? {
        return Err(not_empty());
    }
    for m in &manifest.media {
        let to = media.path(&m.sha256);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::copy(&files[&m.sha256], &to).map_err(io(&to))?;
    }
    store
        .restore(|table| match tables.get(table) {
            Some(p) => Ok(Some(Box::new(BufReader::new(
                File::open(p).map_err(|e| StoreError::Config(e.to_string()))?,
            )))),
            None => Ok(None),
        })
        .await?;
    Ok(manifest)
}

fn not_empty() -> ServiceError {
    ServiceError::Conflict(
        "this node is not empty: import only into a new database (and data directory) \
         that no `serve` or other command has set up"
            .into(),
    )
}

async fn check_manifest(m: &Manifest, store: &Store, base: &NodeBase) -> Result<()> {
    if m.format != FORMAT || m.format_version != FORMAT_VERSION {
        return Err(ServiceError::BadRequest(format!(
            "this archive is {} version {}; this civicpub reads {FORMAT} version {FORMAT_VERSION}",
            m.format, m.format_version
        )));
    }
    let here = store.schema_version().await?;
    if m.schema_version != here {
        return Err(ServiceError::BadRequest(format!(
            "this archive was made from schema {} ({}); this node's schema is {here}: \
             import it with the civicpub version that made it, then upgrade",
            m.schema_version, m.software
        )));
    }
    if m.base_url != base.as_str() {
        return Err(ServiceError::BadRequest(format!(
            "this archive is of the node {}, and ActivityPub ids cannot change: \
             import it with the same --domain",
            m.base_url
        )));
    }
    if !store.is_empty_node().await? {
        return Err(not_empty());
    }
    Ok(())
}
