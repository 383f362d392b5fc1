//! The `current_user_guild_member` operation's response parser, on arbitrary statuses and bodies.
#![no_main]

#[path = "responses.rs"]
mod responses;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let client = responses::client();
    let token = disco_oauth2::BearerToken::new("token");
    let _ = &token;
    responses::respond(
        client.current_user_guild_member(&token, disco_oauth2::GuildId::new(1)),
        data,
    );
});
