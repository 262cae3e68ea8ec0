//! Whatever arrives at an inbox is read into `Incoming` without panicking, and
//! what is read serialises again.
#![no_main]

use civicpub_protocol::activity::Incoming;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        if let Ok(activity) = Incoming::decode(&value) {
            let _ = activity.kind();
            let _ = activity.object_id();
            serde_json::to_string(&activity).expect("a decoded activity serialises");
        }
    }
});
