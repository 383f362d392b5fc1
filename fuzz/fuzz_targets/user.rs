#![no_main]

#[path = "common.rs"]
mod common;

use disco_oauth2::model::User;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::round_trip::<User>(data);
    common::round_trip::<Vec<User>>(data);
});
