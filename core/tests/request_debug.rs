//! `{:?}` of every request the core builds shows no secret: not as text,
//! not base64-encoded in a header, not as the decimal byte list a plain
//! `Vec<u8>` body would print — for every operation, with HTTP Basic and
//! with form-body client authentication. The same holds for what a
//! [`Call`] hands its runtime to send.

use std::time::Instant;

use base64::Engine as _;
use disco_oauth2::driver::{BodyChunks, Call, Driver, Now, Received, Step};
use disco_oauth2::{
    AuthorizationCode, BearerToken, BotToken, Client, ClientAuth, GuildId, Operation, PkceVerifier,
    RefreshToken, RequestBody, RoleConnectionUpdate, UserId,
};

const CLIENT_SECRET: &str = "cl13nt-s3cr3t-value";
const CODE: &str = "NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const ACCESS: &str = "6qrZcUqja7812RVdnEKjpzOL4CvHBFG";
const REFRESH: &str = "D43f5y0ahjqew82jZ4NViEr2YafMKhue";
const BOT: &str = "MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs";

const SECRETS: [&str; 6] = [CLIENT_SECRET, CODE, VERIFIER, ACCESS, REFRESH, BOT];

fn client(auth: ClientAuth) -> Client {
    Client::builder(157730590492196864)
        .client_secret(CLIENT_SECRET)
        .redirect_uri("https://nicememe.website/callback")
        .scopes([disco_oauth2::Scope::Identify])
        .client_auth(auth)
        .build()
        .expect("a valid client")
}

/// The ways a secret could show in a Debug string.
fn forms(secret: &str) -> Vec<String> {
    let decimal = |bytes: &[u8]| {
        bytes
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        secret.to_owned(),
        decimal(secret.as_bytes()),
        base64::engine::general_purpose::STANDARD.encode(format!("157730590492196864:{secret}")),
        form_urlencoded::byte_serialize(secret.as_bytes()).collect(),
    ]
}

fn assert_clean(name: &str, debug: &str) {
    for secret in SECRETS {
        for form in forms(secret) {
            assert!(
                !debug.contains(&form),
                "{name}: {form:?} (of a secret) shows in {debug}"
            );
        }
    }
}

/// Every operation the client makes, with every secret it can carry.
fn every_request(client: &Client) -> Vec<(&'static str, http::Request<RequestBody>)> {
    let access = BearerToken::new(ACCESS);
    let bot = BotToken::new(BOT);
    fn parts<O: Operation>(op: O) -> (&'static str, http::Request<RequestBody>) {
        (O::NAME, op.into_parts().expect("a valid operation").0)
    }
    vec![
        parts(
            client
                .exchange_code(AuthorizationCode::new(CODE))
                .pkce_verifier(PkceVerifier::new(VERIFIER).expect("a valid verifier")),
        ),
        parts(client.refresh_token(&RefreshToken::new(REFRESH))),
        parts(client.client_credentials()),
        parts(client.revoke_access_token(&access)),
        parts(client.revoke_refresh_token(&RefreshToken::new(REFRESH))),
        parts(client.current_authorization(&access)),
        parts(client.current_application(&bot)),
        parts(client.current_user(&access)),
        parts(client.current_user_guilds(&access)),
        parts(client.current_user_connections(&access)),
        parts(client.current_user_guild_member(&access, GuildId::new(81384788765712384))),
        parts(client.role_connection(&access)),
        parts(client.update_role_connection(
            &access,
            RoleConnectionUpdate::new().platform_name("Fake Game"),
        )),
        parts(client.delete_role_connection(&access)),
        parts(client.add_guild_member(
            &bot,
            GuildId::new(81384788765712384),
            UserId::new(80351110224678912),
            &access,
        )),
    ]
}

#[test]
fn no_request_shows_a_secret_in_debug() {
    for auth in [ClientAuth::BasicAuth, ClientAuth::RequestBody] {
        let client = client(auth);
        let requests = every_request(&client);
        assert_eq!(requests.len(), 15);
        for (name, request) in requests {
            assert_clean(name, &format!("{request:?}"));
            assert_clean(name, &format!("{request:#?}"));
        }
    }
}

#[test]
fn the_secrets_are_sent_all_the_same() {
    let client = client(ClientAuth::RequestBody);
    let (_, request) = every_request(&client).remove(0);
    let body = String::from_utf8(request.body().as_bytes().to_vec()).expect("text");
    assert!(body.contains(CODE) && body.contains(VERIFIER) && body.contains(CLIENT_SECRET));
}

#[test]
fn what_a_call_hands_out_shows_no_secret() {
    for auth in [ClientAuth::BasicAuth, ClientAuth::RequestBody] {
        let client = client(auth);
        let mut limiter = client.rate_limiter();
        let now = Now::new(
            Instant::now(),
            "2026-11-24T12:00:00Z".parse().expect("a date"),
        );
        let op = client
            .exchange_code(AuthorizationCode::new(CODE))
            .pkce_verifier(PkceVerifier::new(VERIFIER).expect("a valid verifier"));
        assert_clean("exchange_code", &format!("{op:?}"));
        let mut call = Call::new(&client, op);
        assert_clean("exchange_code", &format!("{call:?}"));
        let Step::Send(transmit) = call.poll(now, &mut limiter) else {
            panic!("a send");
        };
        assert_clean("exchange_code", &format!("{transmit:?}"));
        assert_clean("exchange_code", &format!("{call:?} {limiter:?}"));
    }
}

#[test]
fn what_a_runtime_reads_shows_no_secret() {
    let body = format!(
        r#"{{"access_token": "{ACCESS}", "token_type": "Bearer", "expires_in": 604800, "refresh_token": "{REFRESH}", "scope": "identify"}}"#
    );
    let received = Received::new(http::StatusCode::OK, http::HeaderMap::new(), body.clone());
    let debug = format!("{received:?}");
    assert_clean("token response", &debug);
    assert!(
        debug.contains(&format!("body_len: {}", body.len())),
        "{debug}"
    );
    let mut chunks = BodyChunks::new(4096, None).expect("under the limit");
    chunks
        .push(body[..20].to_owned().into())
        .expect("under the limit");
    chunks
        .push(body[20..].to_owned().into())
        .expect("under the limit");
    assert_clean("body chunks", &format!("{chunks:?}"));
    assert_eq!(chunks.finish(), body.as_bytes());
}
