//! The `current_application` operation's response parser, on arbitrary statuses and bodies.
#![no_main]

#[path = "responses.rs"]
mod responses;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let client = responses::client();
    responses::respond(
        client.current_application(&disco_oauth2::BotToken::new("bot")),
        data,
    );
});
