//! An application's role-connection metadata list on arbitrary bodies and
//! statuses; a parsed record validates or is refused, never a panic.
#![no_main]

#[path = "common.rs"]
mod common;
#[path = "responses.rs"]
mod responses;

use disco_oauth2::BotToken;
use disco_oauth2::model::RoleConnectionMetadata;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::round_trip::<Vec<RoleConnectionMetadata>>(data);
    if let Ok(records) = serde_json::from_slice::<Vec<RoleConnectionMetadata>>(data) {
        for record in &records {
            let _ = record.validate();
        }
    }
    let bot = BotToken::new("b");
    responses::respond(responses::client().role_connection_metadata(&bot), data);
});
