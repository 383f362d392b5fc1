//! The device-code grant's token response (and its error answers:
//! `authorization_pending`, `slow_down`, …) on arbitrary statuses and bodies.
#![no_main]

#[path = "responses.rs"]
mod responses;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let code = disco_oauth2::DeviceCode::new("device-code");
    responses::respond(responses::client().device_token(&code), data);
});
