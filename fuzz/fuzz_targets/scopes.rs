#![no_main]

#[path = "common.rs"]
mod common;

use disco_oauth2::model::Scopes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::round_trip::<Scopes>(data);
    common::round_trip::<Vec<Scopes>>(data);
});
