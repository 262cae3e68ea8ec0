//! `civicpub export FILE` and `civicpub import FILE`: the whole node in one
//! archive, and back into an empty node (also from SQLite to PostgreSQL).

use crate::config::Config;
use civicpub_service::archive::{self, Manifest};
use civicpub_service::ServiceError;
use civicpub_store::MediaFiles;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The archive to write (a tar file; it must not exist yet). It holds the
    /// actors' private keys: keep it private.
    pub file: PathBuf,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// An archive `civicpub export` wrote, of a node on the same --domain
    pub file: PathBuf,
}

fn summary(m: &Manifest, out: &mut impl Write) {
    let rows: u64 = m.tables.iter().map(|t| t.rows).sum();
    let _ = writeln!(
        out,
        "{}: {rows} rows in {} tables, {} files (schema {})",
        m.base_url,
        m.tables.len(),
        m.media.len(),
        m.schema_version
    );
}

pub async fn export(
    config: &Config,
    args: ExportArgs,
    out: &mut impl Write,
) -> Result<(), ServiceError> {
    let store = crate::node::connect(config).await?;
    let manifest = archive::export(
        &store,
        &MediaFiles::new(&config.data_dir),
        &config.base,
        &config.data_dir,
        &args.file,
    )
    .await?;
    store.close().await;
    let _ = write!(out, "exported ");
    summary(&manifest, out);
    Ok(())
}

pub async fn import(
    config: &Config,
    args: ImportArgs,
    out: &mut impl Write,
) -> Result<(), ServiceError> {
    // Connected and migrated, not set up: the archive brings the actors.
    let store = crate::node::connect(config).await?;
    let manifest = archive::import(
        &store,
        &MediaFiles::new(&config.data_dir),
        &config.base,
        &config.data_dir,
        &args.file,
    )
    .await?;
    store.close().await;
    let _ = write!(out, "imported ");
    summary(&manifest, out);
    Ok(())
}
