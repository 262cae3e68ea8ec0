//! Test support: the ActivityPub documents tests read. The project's own small
//! documents (`tests/fixtures/activitypub`) are always there; the real-world
//! corpus (`../shared/fixtures/activitypub`, beside the repository, or
//! `CIVICPUB_FIXTURES`) is there in CI, and its absence is said loudly.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The repository's root, from this crate's manifest directory.
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The project's own documents: (file name, document).
pub fn own() -> Vec<(String, Value)> {
    let dir = repository().join("tests/fixtures/activitypub");
    let docs = read_dir(&dir, &dir);
    assert!(!docs.is_empty(), "no documents in {}", dir.display());
    docs
}

/// The real-world corpus, `software/file.json` → document; `None` (said on
/// stderr, past the test harness's capture) when it is not there.
pub fn corpus() -> Option<Vec<(String, Value)>> {
    let dir = std::env::var_os("CIVICPUB_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| repository().join("../shared/fixtures/activitypub"));
    if !dir.is_dir() {
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED: the real-world ActivityPub corpus is absent ({}); \
             only the project's own documents are tested. Put it there or set \
             CIVICPUB_FIXTURES to run the corpus tests. ***\n",
            dir.display()
        );
        return None;
    }
    let mut out = Vec::new();
    for software in std::fs::read_dir(&dir).expect("corpus readable") {
        let software = software.expect("corpus entry").path();
        if software.is_dir() {
            out.extend(read_dir(&software, &dir));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        out.len() > 100,
        "expected the whole corpus at {}, found {} files",
        dir.display(),
        out.len()
    );
    Some(out)
}

fn read_dir(dir: &Path, root: &Path) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for file in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = file.expect("directory entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("readable fixture");
            let value: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            out.push((name, value));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
