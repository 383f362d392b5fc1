//! OpenID Connect: ID tokens signed with test keys, verified (or refused)
//! against a key set, the key-set cache against a fake clock, and the
//! discovery, key-set and userinfo operations.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use base64::Engine as _;
use chrono::{DateTime, TimeZone, Utc};
use disco_oauth2::driver::Now;
use disco_oauth2::oidc::{
    IdTokenError, IdTokenVerifier, Jwk, Jwks, JwksCache, MAX_ID_TOKEN_LEN, Verification,
};
use disco_oauth2::{AccessToken, BearerToken, Client, Error, IdToken, Nonce, Operation};
use ring::rand::SystemRandom;
use ring::signature::{RSA_PKCS1_SHA256, RsaKeyPair, RsaPublicKeyComponents};

const CLIENT_ID: u64 = 157730590492196864;
const KEY_1: &[u8] = include_bytes!("../../tests/src/keys/signing_key_1.p8.der");
const KEY_2: &[u8] = include_bytes!("../../tests/src/keys/signing_key_2.p8.der");

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
}

fn key(der: &[u8]) -> RsaKeyPair {
    RsaKeyPair::from_pkcs8(der).unwrap()
}

fn jwk(der: &[u8], kid: &str) -> Jwk {
    let public: RsaPublicKeyComponents<Vec<u8>> = key(der).public().into();
    Jwk {
        kid: Some(kid.to_owned()),
        n: public.n,
        e: public.e,
    }
}

fn jwks() -> Jwks {
    Jwks::new(vec![jwk(KEY_1, "k1")])
}

/// A compact JWS over `header` and `claims`, signed RS256 with `der`.
fn sign(der: &[u8], header: &serde_json::Value, claims: &serde_json::Value) -> IdToken {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let pair = key(der);
    let mut signature = vec![0; pair.public().modulus_len()];
    pair.sign(
        &RSA_PKCS1_SHA256,
        &SystemRandom::new(),
        input.as_bytes(),
        &mut signature,
    )
    .unwrap();
    IdToken::new(format!("{input}.{}", b64(&signature)))
}

fn claims() -> serde_json::Value {
    serde_json::json!({
        "iss": "https://discord.com",
        "sub": "80351110224678912",
        "aud": CLIENT_ID.to_string(),
        "exp": now().timestamp() + 600,
        "iat": now().timestamp(),
        "nonce": "n-0S6_WzA2Mj",
        "preferred_username": "nelly",
        "email": "nelly@discord.com",
        "email_verified": true,
        "discord_thing": {"a": 1},
    })
}

fn header(kid: &str) -> serde_json::Value {
    serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": kid})
}

fn good_token() -> IdToken {
    sign(KEY_1, &header("k1"), &claims())
}

fn verifier() -> IdTokenVerifier {
    IdTokenVerifier::new(CLIENT_ID).nonce(Nonce::new("n-0S6_WzA2Mj"))
}

fn with(field: &str, value: serde_json::Value) -> IdToken {
    let mut claims = claims();
    claims[field] = value;
    sign(KEY_1, &header("k1"), &claims)
}

#[test]
fn a_good_token_verifies_into_typed_claims() {
    let claims = verifier().verify(&good_token(), &jwks(), now()).unwrap();
    assert_eq!(claims.iss, "https://discord.com");
    assert_eq!(claims.sub.get(), 80351110224678912);
    assert_eq!(claims.aud, [CLIENT_ID.to_string()]);
    assert_eq!(claims.exp, now() + chrono::TimeDelta::seconds(600));
    assert_eq!(claims.iat, now());
    assert_eq!(claims.nonce, Some(Nonce::new("n-0S6_WzA2Mj")));
    assert_eq!(claims.profile.preferred_username.as_deref(), Some("nelly"));
    assert_eq!(claims.profile.email_verified, Some(true));
    assert_eq!(claims.extra["discord_thing"], serde_json::json!({"a": 1}));
    assert!(!format!("{claims:?}").contains("n-0S6_WzA2Mj"));
    // Without a nonce sent, none is required.
    IdTokenVerifier::new(CLIENT_ID)
        .verify(&with("nonce", serde_json::Value::Null), &jwks(), now())
        .unwrap();
    // `aud` as an array.
    verifier()
        .verify(
            &with("aud", serde_json::json!([CLIENT_ID.to_string(), "other"])),
            &jwks(),
            now(),
        )
        .unwrap();
}

#[test]
fn only_rs256_is_accepted() {
    let unsigned = format!(
        "{}.{}.",
        b64(br#"{"alg":"none"}"#),
        b64(claims().to_string().as_bytes())
    );
    assert_eq!(
        verifier().verify(&IdToken::new(unsigned.clone()), &jwks(), now()),
        Err(IdTokenError::Malformed("a part is empty"))
    );
    let unsigned = format!("{unsigned}AAAA");
    assert_eq!(
        verifier().verify(&IdToken::new(unsigned), &jwks(), now()),
        Err(IdTokenError::UnsupportedAlgorithm("none".into()))
    );
    // HS256 "signed" with the public modulus as the HMAC key: the classic confusion.
    let input = format!(
        "{}.{}",
        b64(br#"{"alg":"HS256","kid":"k1"}"#),
        b64(claims().to_string().as_bytes())
    );
    let mac = ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &jwk(KEY_1, "k1").n),
        input.as_bytes(),
    );
    let forged = IdToken::new(format!("{input}.{}", b64(mac.as_ref())));
    assert_eq!(
        verifier().verify(&forged, &jwks(), now()),
        Err(IdTokenError::UnsupportedAlgorithm("HS256".into()))
    );
    // A key in the header (`jwk`, `jku`) is never used: the set's key decides.
    let mut header = header("k1");
    header["jwk"] = serde_json::json!({"kty": "RSA", "n": b64(&jwk(KEY_2, "x").n), "e": "AQAB"});
    let token = sign(KEY_2, &header, &claims());
    assert_eq!(
        verifier().verify(&token, &jwks(), now()),
        Err(IdTokenError::BadSignature)
    );
    let critical = sign(
        KEY_1,
        &serde_json::json!({"alg": "RS256", "kid": "k1", "crit": ["exp"]}),
        &claims(),
    );
    assert!(matches!(
        verifier().verify(&critical, &jwks(), now()),
        Err(IdTokenError::Malformed(_))
    ));
}

#[test]
fn another_key_or_an_unknown_kid_is_refused() {
    let by_other_key = sign(KEY_2, &header("k1"), &claims());
    assert_eq!(
        verifier().verify(&by_other_key, &jwks(), now()),
        Err(IdTokenError::BadSignature)
    );
    let unknown = sign(KEY_2, &header("k2"), &claims());
    assert_eq!(
        verifier().verify(&unknown, &jwks(), now()),
        Err(IdTokenError::UnknownKey(Some("k2".into())))
    );
    // Both keys in the set: the kid picks the right one.
    let both = Jwks::new(vec![jwk(KEY_1, "k1"), jwk(KEY_2, "k2")]);
    verifier().verify(&unknown, &both, now()).unwrap();
    // No kid: only a set of one key is unambiguous.
    let no_kid = sign(KEY_1, &serde_json::json!({"alg": "RS256"}), &claims());
    verifier().verify(&no_kid, &jwks(), now()).unwrap();
    assert_eq!(
        verifier().verify(&no_kid, &both, now()),
        Err(IdTokenError::UnknownKey(None))
    );
    // A tampered payload.
    let token = good_token();
    let mut parts: Vec<String> = token.secret().split('.').map(str::to_owned).collect();
    let mut claims = claims();
    claims["sub"] = "1".into();
    parts[1] = b64(claims.to_string().as_bytes());
    let tampered = IdToken::new(parts.join("."));
    assert_eq!(
        verifier().verify(&tampered, &jwks(), now()),
        Err(IdTokenError::BadSignature)
    );
}

#[test]
fn issuer_audience_times_and_nonce_are_checked() {
    let v = verifier();
    assert_eq!(
        v.verify(&with("iss", "https://evil.example".into()), &jwks(), now()),
        Err(IdTokenError::WrongIssuer {
            expected: "https://discord.com".into(),
            found: "https://evil.example".into()
        })
    );
    assert_eq!(
        v.verify(&with("aud", "42".into()), &jwks(), now()),
        Err(IdTokenError::WrongAudience {
            expected: CLIENT_ID.to_string(),
            found: vec!["42".into()]
        })
    );
    assert!(matches!(
        v.verify(&with("azp", "42".into()), &jwks(), now()),
        Err(IdTokenError::WrongAudience { .. })
    ));
    let exp = now().timestamp() - 61;
    assert_eq!(
        v.verify(&with("exp", exp.into()), &jwks(), now()),
        Err(IdTokenError::Expired(Utc.timestamp_opt(exp, 0).unwrap()))
    );
    // Within the 60 s leeway, and without it.
    v.verify(
        &with("exp", (now().timestamp() - 59).into()),
        &jwks(),
        now(),
    )
    .unwrap();
    assert!(matches!(
        v.clone().leeway(Duration::ZERO).verify(
            &with("exp", now().timestamp().into()),
            &jwks(),
            now()
        ),
        Err(IdTokenError::Expired(_))
    ));
    let iat = now().timestamp() + 61;
    assert_eq!(
        v.verify(&with("iat", iat.into()), &jwks(), now()),
        Err(IdTokenError::IssuedInFuture(
            Utc.timestamp_opt(iat, 0).unwrap()
        ))
    );
    assert_eq!(
        v.verify(&with("nonce", serde_json::Value::Null), &jwks(), now()),
        Err(IdTokenError::MissingNonce)
    );
    // A token from an earlier authorization (another nonce) is a replay.
    assert_eq!(
        v.verify(&with("nonce", "an-older-nonce".into()), &jwks(), now()),
        Err(IdTokenError::NonceMismatch)
    );
    assert!(matches!(
        v.verify(&with("sub", "not-a-snowflake".into()), &jwks(), now()),
        Err(IdTokenError::InvalidClaims(_))
    ));
    // Expiry at the end of time does not overflow.
    v.verify(&with("exp", 253402300799i64.into()), &jwks(), now())
        .unwrap();
    // The error texts carry no token material.
    let text = IdTokenError::NonceMismatch.to_string();
    assert!(!text.contains("n-0S6"), "{text}");
}

#[test]
fn malformed_and_huge_tokens_are_typed_errors() {
    let v = verifier();
    for (token, error) in [
        ("", IdTokenError::Malformed("not three dot-separated parts")),
        (
            "a.b",
            IdTokenError::Malformed("not three dot-separated parts"),
        ),
        (
            "a.b.c.d",
            IdTokenError::Malformed("not three dot-separated parts"),
        ),
        (
            "!!.e30.AAAA",
            IdTokenError::Malformed("the header is not base64url"),
        ),
        (
            "e30.e30.AAAA",
            IdTokenError::Malformed("the header is not a JOSE header"),
        ),
    ] {
        assert_eq!(
            v.verify(&IdToken::new(token), &jwks(), now()),
            Err(error),
            "{token}"
        );
    }
    let huge = "a".repeat(MAX_ID_TOKEN_LEN + 1);
    assert_eq!(
        v.verify(&IdToken::new(huge), &jwks(), now()),
        Err(IdTokenError::TooLarge {
            len: MAX_ID_TOKEN_LEN + 1,
            max: MAX_ID_TOKEN_LEN
        })
    );
    let long_alg = format!(r#"{{"alg":"{}"}}"#, "X".repeat(500));
    let token = IdToken::new(format!("{}.e30.AAAA", b64(long_alg.as_bytes())));
    match v.verify(&token, &jwks(), now()) {
        Err(IdTokenError::UnsupportedAlgorithm(alg)) => assert!(alg.len() < 80, "{alg}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn key_sets_parse_strictly() {
    let n = b64(&jwk(KEY_1, "k1").n);
    let body = format!(
        r#"{{"keys": [
            {{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "k1", "n": "{n}", "e": "AQAB"}},
            {{"kty": "RSA", "use": "enc", "kid": "enc", "n": "{n}", "e": "AQAB"}},
            {{"kty": "RSA", "alg": "RS512", "kid": "rs512", "n": "{n}", "e": "AQAB"}},
            {{"kty": "EC", "kid": "ec", "crv": "P-256", "x": "AA", "y": "AA"}}
        ]}}"#
    );
    let set = Jwks::from_slice(body.as_bytes()).unwrap();
    assert_eq!(set.keys(), [jwk(KEY_1, "k1")]);
    verifier().verify(&good_token(), &set, now()).unwrap();

    let bad = |body: String, path: &str| {
        let err = Jwks::from_slice(body.as_bytes()).unwrap_err();
        assert_eq!(err.what, "jwks");
        assert_eq!(err.path, path, "{err}");
    };
    bad("[]".into(), ".");
    bad(r#"{"keys": {}}"#.into(), "keys");
    bad(
        r#"{"keys": [{"kty": "RSA", "e": "AQAB"}]}"#.into(),
        "keys[0].n",
    );
    bad(
        format!(r#"{{"keys": [{{"kty": "RSA", "n": "{n}", "e": "%%"}}]}}"#),
        "keys[0].e",
    );
    bad(
        r#"{"keys": [{"kty": "RSA", "n": "AAAA", "e": "AQAB"}]}"#.into(),
        "keys[0].n",
    );
    let too_long = b64(&vec![0xff; 1025]);
    bad(
        format!(r#"{{"keys": [{{"kty": "RSA", "n": "{too_long}", "e": "AQAB"}}]}}"#),
        "keys[0].n",
    );
    let many = vec![r#"{"kty": "EC"}"#; Jwks::MAX_KEYS + 1].join(",");
    bad(format!(r#"{{"keys": [{many}]}}"#), "keys");
    bad(
        format!(r#"{{"keys": [], "pad": "{}"}}"#, "x".repeat(Jwks::MAX_LEN)),
        ".",
    );
    // A modulus too short for ring (a 1024-bit key) is refused at verification.
    let short = Jwks::new(vec![Jwk {
        kid: Some("k1".into()),
        n: vec![0xc1; 128],
        e: vec![1, 0, 1],
    }]);
    assert_eq!(
        verifier().verify(&good_token(), &short, now()),
        Err(IdTokenError::BadSignature)
    );
}

fn at(start: Instant, secs: u64) -> Now {
    Now::new(
        start + Duration::from_secs(secs),
        now() + chrono::TimeDelta::seconds(secs as i64),
    )
}

#[test]
fn the_cache_fetches_when_empty_stale_or_rotated_and_never_in_a_loop() {
    let start = Instant::now();
    let mut cache = JwksCache::new();
    let v = verifier();
    let token = good_token();
    assert!(cache.is_stale(start));
    assert_eq!(
        cache.verify(&v, &token, at(start, 0)),
        Ok(Verification::FetchKeys)
    );
    cache.insert(jwks(), start);
    assert!(!cache.is_stale(start));
    assert!(
        matches!(cache.verify(&v, &token, at(start, 1)), Ok(Verification::Verified(c)) if c.sub.get() == 80351110224678912)
    );

    // Discord rotated: a token names k2. Within a minute of the last fetch, no refetch.
    let rotated = sign(KEY_2, &header("k2"), &claims());
    assert_eq!(
        cache.verify(&v, &rotated, at(start, 30)),
        Err(IdTokenError::UnknownKey(Some("k2".into())))
    );
    // After the interval: one refetch is asked for …
    assert_eq!(
        cache.verify(&v, &rotated, at(start, 61)),
        Ok(Verification::FetchKeys)
    );
    cache.insert(
        Jwks::new(vec![jwk(KEY_2, "k2")]),
        start + Duration::from_secs(61),
    );
    assert!(matches!(
        cache.verify(&v, &rotated, at(start, 62)),
        Ok(Verification::Verified(_))
    ));

    // … and forged key ids cost at most one fetch per interval.
    let mut fetches = 0;
    for second in 62..62 + 300 {
        let forged = sign(KEY_2, &header(&format!("forged-{second}")), &claims());
        if cache.verify(&v, &forged, at(start, second)) == Ok(Verification::FetchKeys) {
            fetches += 1;
        }
    }
    assert_eq!(fetches, 5);

    // Stale after an hour: refetched even for a known key; stale keys still
    // serve while a refetch is not allowed.
    let mut cache = JwksCache::new().max_age(Duration::from_secs(3600));
    cache.insert(jwks(), start);
    let token = with("exp", (now().timestamp() + 7200).into());
    assert!(matches!(
        cache.verify(&v, &token, at(start, 3599)),
        Ok(Verification::Verified(_))
    ));
    assert_eq!(
        cache.verify(&v, &token, at(start, 3600)),
        Ok(Verification::FetchKeys)
    );
    assert!(matches!(
        cache.verify(&v, &token, at(start, 3601)),
        Ok(Verification::Verified(_))
    ));
}

#[test]
fn the_token_response_keeps_the_id_token() {
    let body = br#"{"access_token": "a", "token_type": "Bearer", "expires_in": 604800,
        "refresh_token": "r", "scope": "identify openid", "id_token": "eyJ.secret.sig"}"#;
    let token = AccessToken::from_response_body(body, now()).unwrap();
    assert_eq!(token.id_token, Some(IdToken::new("eyJ.secret.sig")));
    assert!(!format!("{token:?}").contains("secret"));
    let token =
        AccessToken::from_response_body(br#"{"access_token": "a", "expires_in": 1}"#, now())
            .unwrap();
    assert_eq!(token.id_token, None);
}

fn respond<O: Operation>(op: O, status: u16, body: &[u8]) -> disco_oauth2::Result<O::Output> {
    let (_, pending) = op.into_parts().unwrap();
    let response = http::Response::builder()
        .status(status)
        .body(body.to_vec())
        .unwrap();
    pending.parse(&response, now())
}

#[test]
fn discovery_keys_and_userinfo_operations() {
    let client = Client::builder(CLIENT_ID).build().unwrap();
    let (request, _) = client.discovery_document().into_parts().unwrap();
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.uri(),
        "https://discord.com/.well-known/openid-configuration"
    );
    assert_eq!(request.headers()["accept"], "application/json");
    assert!(
        request.headers()["user-agent"]
            .to_str()
            .unwrap()
            .starts_with("DiscordBot (")
    );
    assert!(request.headers().get("authorization").is_none());
    assert!(request.body().is_empty());

    let (request, _) = client.fetch_jwks().into_parts().unwrap();
    assert_eq!(request.uri(), "https://discord.com/api/oauth2/keys");
    let (request, _) = client
        .fetch_jwks()
        .uri("https://discord.com/api/v10/oauth2/keys")
        .into_parts()
        .unwrap();
    assert_eq!(request.uri(), "https://discord.com/api/v10/oauth2/keys");
    assert!(matches!(
        client.fetch_jwks().uri("file:///etc/passwd").into_parts(),
        Err(Error::InvalidInput(_))
    ));

    let fake = Client::builder(CLIENT_ID)
        .api_base("http://127.0.0.1:4000/api/v10")
        .build()
        .unwrap();
    let (request, _) = fake.discovery_document().into_parts().unwrap();
    assert_eq!(
        request.uri(),
        "http://127.0.0.1:4000/.well-known/openid-configuration"
    );
    let (request, _) = fake.fetch_jwks().into_parts().unwrap();
    assert_eq!(request.uri(), "http://127.0.0.1:4000/api/oauth2/keys");

    let (request, _) = client
        .userinfo(&BearerToken::new("tok"))
        .into_parts()
        .unwrap();
    assert_eq!(request.uri(), "https://discord.com/api/v10/oauth2/userinfo");
    assert_eq!(request.headers()["authorization"], "Bearer tok");

    let doc = respond(
        client.discovery_document(),
        200,
        br#"{"issuer": "https://discord.com", "authorization_endpoint": "https://discord.com/oauth2/authorize",
            "token_endpoint": "https://discord.com/api/oauth2/token", "jwks_uri": "https://discord.com/api/oauth2/keys",
            "userinfo_endpoint": "https://discord.com/api/oauth2/userinfo",
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"],
            "authorization_response_iss_parameter_supported": true, "new_field": 1}"#,
    )
    .unwrap();
    assert_eq!(doc.issuer, "https://discord.com");
    assert_eq!(
        doc.token_endpoint_auth_methods_supported,
        ["client_secret_basic", "client_secret_post", "none"]
    );
    assert!(doc.authorization_response_iss_parameter_supported);
    assert_eq!(doc.extra["new_field"], 1);
    assert!(matches!(
        respond(client.discovery_document(), 200, b"{}"),
        Err(Error::Decode(_))
    ));

    let n = b64(&jwk(KEY_1, "k1").n);
    let set = respond(
        client.fetch_jwks(),
        200,
        format!(r#"{{"keys": [{{"kty": "RSA", "kid": "k1", "n": "{n}", "e": "AQAB"}}]}}"#)
            .as_bytes(),
    )
    .unwrap();
    assert_eq!(set, jwks());
    match respond(client.fetch_jwks(), 200, b"<html>") {
        Err(Error::Decode(e)) => assert_eq!(e.status, Some(http::StatusCode::OK)),
        other => panic!("{other:?}"),
    }

    let info = respond(
        client.userinfo(&BearerToken::new("tok")),
        200,
        br#"{"sub": "80351110224678912", "email": "nelly@discord.com", "locale": "en-US", "x": true}"#,
    )
    .unwrap();
    assert_eq!(info.user_id().get(), 80351110224678912);
    assert_eq!(info.profile.email.as_deref(), Some("nelly@discord.com"));
    assert_eq!(info.extra["x"], true);
    assert!(matches!(
        respond(
            client.userinfo(&BearerToken::new("tok")),
            401,
            br#"{"message": "401: Unauthorized", "code": 0}"#
        ),
        Err(Error::Unauthorized { .. })
    ));
}

#[test]
fn nonces_are_fresh_and_compared_in_full() {
    let a = Nonce::generate().unwrap();
    assert_eq!(a.secret().len(), 43);
    assert_ne!(a, Nonce::generate().unwrap());
    assert!(a.matches(a.secret()));
    assert!(!a.matches(&a.secret()[..42]));
    assert_eq!(format!("{a:?}"), "Nonce([redacted])");
}

#[test]
fn the_authorization_url_carries_the_nonce() {
    let client = Client::builder(CLIENT_ID)
        .redirect_uri("https://nicememe.website")
        .scopes([disco_oauth2::Scope::Identify, disco_oauth2::Scope::OpenId])
        .build()
        .unwrap();
    let url = client
        .authorize_url()
        .state(&disco_oauth2::CsrfState::new("st"))
        .nonce(&Nonce::new("n-0S6_WzA2Mj"))
        .build()
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://discord.com/oauth2/authorize?response_type=code&client_id=157730590492196864\
         &scope=identify%20openid&state=st&redirect_uri=https%3A%2F%2Fnicememe.website&nonce=n-0S6_WzA2Mj"
    );
}

#[test]
fn verify_cached_uses_the_keys_as_they_are_and_never_asks() {
    let start = Instant::now();
    let v = verifier();
    let mut cache = JwksCache::new().min_refetch_interval(Duration::ZERO);
    // Empty: an unknown key, not a request to fetch.
    assert_eq!(
        cache.verify_cached(&v, &good_token(), at(start, 0)),
        Err(IdTokenError::UnknownKey(Some("k1".into())))
    );
    cache.insert(jwks(), start);
    let verified = cache
        .verify_cached(&v, &good_token(), at(start, 1))
        .unwrap();
    assert_eq!(verified.sub.get(), 80351110224678912);
    // With no interval the cache would ask again for a forged key; this does not.
    let forged = sign(KEY_2, &header("forged"), &claims());
    assert_eq!(
        cache.verify(&v, &forged, at(start, 2)),
        Ok(Verification::FetchKeys)
    );
    assert_eq!(
        cache.verify_cached(&v, &forged, at(start, 2)),
        Err(IdTokenError::UnknownKey(Some("forged".into())))
    );
}
