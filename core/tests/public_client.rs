//! Public clients (no secret; Discord's token endpoint auth method `none`,
//! chosen with `public_client()`): every token request carries `client_id` in
//! the form and no `Authorization` header; a confidential client never puts
//! its secret in the body unless told to; a client that is neither refuses
//! the requests that need client authentication, before sending.
#![allow(clippy::unwrap_used)]

use disco_oauth2::authorize::PkceChallenge;
use disco_oauth2::{
    BearerToken, Client, ClientAuth, DeviceCode, Error, Operation, RefreshToken, Scope,
};

const UA: &str = concat!(
    "DiscordBot (https://github.com/disco-oauth2/disco-oauth2, ",
    env!("CARGO_PKG_VERSION"),
    ")"
);

fn public() -> Client {
    Client::builder(157730590492196864u64)
        .public_client()
        .redirect_uri("https://nicememe.website")
        .build()
        .unwrap()
}

fn confidential(auth: ClientAuth) -> Client {
    Client::builder(157730590492196864u64)
        .client_secret("s3cr3t")
        .redirect_uri("https://nicememe.website")
        .client_auth(auth)
        .build()
        .unwrap()
}

/// The whole request as text: method, URI, headers in order, body.
fn golden<O: Operation>(op: O) -> String {
    let (request, _) = op.into_parts().unwrap();
    let mut text = format!("{} {}\n", request.method(), request.uri());
    for (name, value) in request.headers() {
        text.push_str(&format!("{name}: {}\n", value.to_str().unwrap()));
    }
    text.push('\n');
    text.push_str(std::str::from_utf8(request.body().as_bytes()).unwrap());
    text
}

#[test]
fn a_public_client_sends_its_id_in_the_body_and_no_authorization() {
    let verifier = disco_oauth2::PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        .expect("a valid verifier");
    assert_eq!(
        PkceChallenge::from_verifier(&verifier).as_str(),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    );
    assert_eq!(
        golden(public().exchange_code("abc").pkce_verifier(verifier)),
        format!(
            "POST https://discord.com/api/v10/oauth2/token\nuser-agent: {UA}\naccept: application/json\n\
             content-type: application/x-www-form-urlencoded\n\n\
             grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fnicememe.website\
             &code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=157730590492196864"
        )
    );
    assert_eq!(
        golden(public().refresh_token(&RefreshToken::new("rt"))),
        format!(
            "POST https://discord.com/api/v10/oauth2/token\nuser-agent: {UA}\naccept: application/json\n\
             content-type: application/x-www-form-urlencoded\n\n\
             grant_type=refresh_token&refresh_token=rt&client_id=157730590492196864"
        )
    );
    assert!(!golden(public().device_token(&DeviceCode::new("dc"))).contains("authorization:"));
    // `ClientAuth::None` is the same setting.
    let none = Client::builder(157730590492196864u64)
        .client_auth(ClientAuth::None)
        .build()
        .unwrap();
    let text = golden(none.refresh_token(&RefreshToken::new("rt")));
    assert!(text.ends_with("&client_id=157730590492196864"), "{text}");
    assert!(!text.contains("authorization:"), "{text}");
}

#[test]
fn a_secret_on_a_public_client_is_refused_at_build() {
    for builder in [
        Client::builder(1234u64)
            .client_secret("s3cr3t")
            .public_client(),
        Client::builder(1234u64)
            .public_client()
            .client_secret("s3cr3t"),
        Client::builder(1234u64)
            .client_secret("s3cr3t")
            .client_auth(ClientAuth::None),
    ] {
        match builder.build() {
            Err(Error::InvalidInput(e)) => {
                assert_eq!(e.field, "client_secret");
                assert!(e.to_string().contains("public client"), "{e}");
                assert!(!e.to_string().contains("s3cr3t"), "{e}");
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
}

#[test]
fn a_client_with_no_secret_and_not_public_refuses_client_authenticated_requests() {
    for auth in [ClientAuth::BasicAuth, ClientAuth::RequestBody] {
        let neither = Client::builder(1234u64)
            .client_auth(auth)
            .redirect_uri("https://nicememe.website")
            .scopes([Scope::Identify])
            .build()
            .unwrap();
        let refused = [
            neither
                .exchange_code("abc")
                .pkce_verifier(
                    disco_oauth2::PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
                        .unwrap(),
                )
                .into_parts()
                .map(drop),
            neither
                .refresh_token(&RefreshToken::new("rt"))
                .into_parts()
                .map(drop),
            neither
                .device_token(&DeviceCode::new("dc"))
                .into_parts()
                .map(drop),
            neither.device_authorization().into_parts().map(drop),
            neither.client_credentials().into_parts().map(drop),
            neither
                .revoke_refresh_token(&RefreshToken::new("rt"))
                .into_parts()
                .map(drop),
        ];
        for result in refused {
            match result {
                Err(Error::InvalidInput(e)) => {
                    assert_eq!(e.field, "client_secret");
                    assert!(e.reason.starts_with("is "), "{e}");
                }
                other => panic!("expected InvalidInput, got {other:?}"),
            }
        }
        let err = neither
            .refresh_token(&RefreshToken::new("rt"))
            .into_parts()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid client_secret: is not set, and this request needs client authentication: \
             give the client its secret, or make it a public client (ClientBuilder::public_client)"
        );
        // Calls that do not authenticate the client still work.
        assert!(
            neither
                .current_user(&BearerToken::new("t"))
                .into_parts()
                .is_ok()
        );
    }
}

#[test]
fn a_confidential_client_never_sends_its_secret_in_the_body_by_default() {
    let basic = confidential(ClientAuth::BasicAuth);
    for text in [
        golden(basic.exchange_code("abc")),
        golden(basic.refresh_token(&RefreshToken::new("rt"))),
        golden(basic.device_token(&DeviceCode::new("dc"))),
    ] {
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(!text.contains("client_id="), "{text}");
        assert!(
            text.contains("authorization: Basic MTU3NzMwNTkwNDkyMTk2ODY0OnMzY3IzdA==\n"),
            "{text}"
        );
    }
    let post = confidential(ClientAuth::RequestBody);
    let text = golden(post.refresh_token(&RefreshToken::new("rt")));
    assert!(text.ends_with("grant_type=refresh_token&refresh_token=rt&client_id=157730590492196864&client_secret=s3cr3t"), "{text}");
    assert!(!text.contains("authorization:"), "{text}");
}
