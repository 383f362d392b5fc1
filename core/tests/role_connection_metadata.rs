//! Application role-connection metadata: the exact requests, the parse, and
//! the documented limits checked before anything is sent.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use disco_oauth2::model::{RoleConnectionMetadata, RoleConnectionMetadataType as Type};
use disco_oauth2::{BotToken, Client, Error, Operation};

fn client() -> Client {
    Client::builder(157730590492196864u64).build().unwrap()
}

fn bot() -> BotToken {
    BotToken::new("MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs")
}

fn record(key: &str) -> RoleConnectionMetadata {
    RoleConnectionMetadata::new(
        Type::IntegerGreaterThanOrEqual,
        key,
        "Cookies Eaten",
        "Cookies eaten, at least",
    )
}

fn field_of(op: disco_oauth2::api::applications::ReplaceRoleConnectionMetadata) -> &'static str {
    match op.into_parts() {
        Err(Error::InvalidInput(e)) => e.field,
        other => panic!("{other:?}"),
    }
}

#[test]
fn get_and_put_request_bytes() {
    let (request, _) = client()
        .role_connection_metadata(&bot())
        .into_parts()
        .unwrap();
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.uri(),
        "https://discord.com/api/v10/applications/157730590492196864/role-connections/metadata"
    );
    assert_eq!(
        request.headers()["authorization"],
        "Bot MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs"
    );
    assert!(request.body().is_empty());

    let records = vec![
        record("cookies_eaten")
            .name_localization("fr", "Biscuits mangés")
            .description_localization("fr", "Biscuits mangés, au moins"),
        RoleConnectionMetadata::new(
            Type::DatetimeLessThanOrEqual,
            "member_since",
            "Member since",
            "Days since joining",
        ),
    ];
    let (request, _) = client()
        .replace_role_connection_metadata(&bot(), records)
        .into_parts()
        .unwrap();
    assert_eq!(request.method(), "PUT");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(
        String::from_utf8(request.body().as_bytes().to_vec()).unwrap(),
        r#"[{"type":2,"key":"cookies_eaten","name":"Cookies Eaten","name_localizations":{"fr":"Biscuits mangés"},"description":"Cookies eaten, at least","description_localizations":{"fr":"Biscuits mangés, au moins"}},{"type":5,"key":"member_since","name":"Member since","description":"Days since joining"}]"#
    );
    // An empty list clears the records.
    let (request, _) = client()
        .replace_role_connection_metadata(&bot(), vec![])
        .into_parts()
        .unwrap();
    assert_eq!(request.body(), b"[]");
    let route = client()
        .replace_role_connection_metadata(&bot(), vec![])
        .route();
    assert_eq!(
        route.to_string(),
        "PUT /applications/{application.id}/role-connections/metadata"
    );
}

#[test]
fn the_documented_limits_are_checked_before_sending() {
    let put = |records: Vec<RoleConnectionMetadata>| {
        client().replace_role_connection_metadata(&bot(), records)
    };
    let five: Vec<_> = (0..5).map(|i| record(&format!("key_{i}"))).collect();
    let _ = put(five.clone()).into_parts().unwrap();
    let mut six = five;
    six.push(record("key_5"));
    assert_eq!(field_of(put(six)), "records");
    assert_eq!(field_of(put(vec![record("same"), record("same")])), "key");

    let _ = put(vec![record(&"k".repeat(50))]).into_parts().unwrap();
    for key in ["", "Upper", "with-dash", "spa ce", "é", &"k".repeat(51)] {
        assert_eq!(field_of(put(vec![record(key)])), "key", "{key:?}");
    }
    let mut r = record("k");
    r.name = "n".repeat(100);
    r.description = "é".repeat(200); // characters, not bytes
    let _ = put(vec![r.clone()]).into_parts().unwrap();
    r.name = "n".repeat(101);
    assert_eq!(field_of(put(vec![r.clone()])), "name");
    r.name = String::new();
    assert_eq!(field_of(put(vec![r.clone()])), "name");
    r.name = "n".into();
    r.description = "d".repeat(201);
    assert_eq!(field_of(put(vec![r.clone()])), "description");
    r.description = String::new();
    assert_eq!(field_of(put(vec![r.clone()])), "description");

    assert_eq!(
        field_of(put(vec![record("k").name_localization("fr", "")])),
        "name_localizations"
    );
    assert_eq!(
        field_of(put(vec![record("k").name_localization("", "x")])),
        "name_localizations"
    );
    assert_eq!(
        field_of(put(vec![
            record("k").description_localization("de", "d".repeat(201))
        ])),
        "description_localizations"
    );
    for kind in [0, 9, -1] {
        let mut r = record("k");
        r.kind = Type::from_value(kind);
        assert_eq!(field_of(put(vec![r])), "type", "{kind}");
    }
    let err = put(vec![record("Bad")])
        .into_parts()
        .unwrap_err()
        .to_string();
    assert_eq!(err, "invalid key: may only hold a-z, 0-9 and _ characters");
}

#[test]
fn responses_parse() {
    let body = r#"[{"type": 7, "key": "verified", "name": "Verified", "description": "Is verified",
        "name_localizations": {"fr": "Vérifié"}, "description_localizations": null},
        {"type": 42, "key": "future", "name": "F", "description": "D"}]"#
        .as_bytes();
    let (_, pending) = client()
        .role_connection_metadata(&bot())
        .into_parts()
        .unwrap();
    let response = http::Response::builder()
        .status(200)
        .body(body.to_vec())
        .unwrap();
    let records = pending
        .parse(&response, chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].kind, Type::BooleanEqual);
    assert_eq!(
        records[0].name_localizations,
        Some(BTreeMap::from([("fr".to_owned(), "Vérifié".to_owned())]))
    );
    assert_eq!(records[0].description_localizations, None);
    assert_eq!(records[1].kind, Type::Unknown(42));

    let (_, pending) = client()
        .replace_role_connection_metadata(&bot(), vec![])
        .into_parts()
        .unwrap();
    let response = http::Response::builder()
        .status(400)
        .body(br#"{"code": 50035, "message": "Invalid Form Body", "errors": {"0": {"key": {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH", "message": "Must be between 1 and 50 in length."}]}}}}"#.to_vec())
        .unwrap();
    match pending.parse(&response, chrono::DateTime::UNIX_EPOCH) {
        Err(Error::Api(e)) => assert_eq!(e.code.0, 50035),
        other => panic!("{other:?}"),
    }
}
