// The catalogues are embedded at compile time; a new or removed .ftl file must
// rebuild the crate (an edited one does anyway, through include_str!).
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
