//! Any signature headers (draft-cavage `Signature`/`Authorization`, RFC 9421
//! `Signature-Input` and `Signature`, `Digest`, `Content-Digest`, `Date`) are
//! parsed or refused without panicking.
#![no_main]

use civicpub_transport::signatures::{parse, Request};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 7] = [
    "signature",
    "signature-input",
    "authorization",
    "digest",
    "content-digest",
    "date",
    "host",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Lines are header values, in the order of NAMES; what is left is the body.
    let mut lines = text.splitn(NAMES.len() + 1, '\n');
    let mut headers = Vec::new();
    for name in NAMES {
        if let Some(value) = lines.next() {
            if !value.is_empty() {
                headers.push((name.to_string(), value.to_string()));
            }
        }
    }
    let body = lines.next().unwrap_or("").as_bytes();
    for method in ["POST", "GET"] {
        let request = Request {
            method,
            target: "/inbox",
            scheme: "https",
            headers: headers.clone(),
            body: (method == "POST").then_some(body),
        };
        let _ = parse(&request, 1_700_000_000);
    }
});
