#![no_main]

#[path = "common.rs"]
mod common;

use disco_oauth2::model::{Scope, Scopes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::round_trip::<Scopes>(data);
    common::round_trip::<Vec<Scopes>>(data);
    // Any scope that parses prints as it came, with nothing a terminal or a
    // log would interpret.
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(scope) = Scope::parse(text) {
            assert_eq!(scope.to_string(), text);
            assert!(text.bytes().all(|b| b.is_ascii_graphic()));
        }
        if let Ok(scopes) = Scopes::parse(text) {
            assert!(
                scopes
                    .iter()
                    .all(|s| s.as_str().bytes().all(|b| b.is_ascii_graphic()))
            );
            assert_eq!(Scopes::parse(&scopes.to_space_separated()), Ok(scopes));
        }
    }
});
