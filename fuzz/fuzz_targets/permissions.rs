#![no_main]

#[path = "common.rs"]
mod common;

use disco_oauth2::model::Permissions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::round_trip::<Permissions>(data);
    common::round_trip::<Vec<Permissions>>(data);
});
