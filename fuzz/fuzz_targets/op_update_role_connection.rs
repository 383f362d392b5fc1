//! The `update_role_connection` operation's response parser, on arbitrary statuses and bodies.
#![no_main]

#[path = "responses.rs"]
mod responses;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let client = responses::client();
    let token = disco_oauth2::BearerToken::new("token");
    let _ = &token;
    responses::respond(
        client.update_role_connection(
            &token,
            disco_oauth2::RoleConnectionUpdate::new().platform_name("p"),
        ),
        data,
    );
});
