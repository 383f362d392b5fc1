#![no_main]

#[path = "common.rs"]
mod common;

use disco_oauth2::model::Connection;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::round_trip::<Connection>(data);
    common::round_trip::<Vec<Connection>>(data);
});
