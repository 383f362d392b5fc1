//! The fake's application role-connection metadata over real loopback
//! sockets, driven by the core's operations.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod core_support;
mod fake_support;

use core_support::run;
use disco_oauth2::model::{RoleConnectionMetadata, RoleConnectionMetadataType as Type};
use disco_oauth2::{BotToken, Client, Error};
use disco_oauth2_fake::FakeDiscord;
use fake_support::*;

#[test]
fn records_are_replaced_and_read_back() {
    let fake = FakeDiscord::start();
    let client = Client::builder(fake.application_id())
        .api_base(fake.api_base())
        .build()
        .unwrap();
    let bot = BotToken::new(fake.bot_token());
    assert_eq!(run(client.role_connection_metadata(&bot)).unwrap(), []);

    let records = vec![
        RoleConnectionMetadata::new(
            Type::IntegerGreaterThanOrEqual,
            "cookies",
            "Cookies",
            "Cookies eaten",
        )
        .name_localization("fr", "Biscuits"),
        RoleConnectionMetadata::new(
            Type::BooleanEqual,
            "verified",
            "Verified",
            "Has a verified account",
        ),
    ];
    let stored = run(client.replace_role_connection_metadata(&bot, records.clone())).unwrap();
    assert_eq!(stored, records);
    assert_eq!(run(client.role_connection_metadata(&bot)).unwrap(), records);
    assert_eq!(fake.role_connection_metadata().len(), 2);
    assert_eq!(fake.role_connection_metadata()[0]["type"], 2);

    assert!(matches!(
        run(client.role_connection_metadata(&BotToken::new("wrong"))),
        Err(Error::Unauthorized { .. })
    ));
    let other_app = Client::builder(1u64)
        .api_base(fake.api_base())
        .build()
        .unwrap();
    match run(other_app.role_connection_metadata(&bot)) {
        Err(Error::Api(e)) => assert_eq!(e.code.0, 50001),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_fake_enforces_the_limits_the_core_checks() {
    let fake = FakeDiscord::start();
    let url = format!(
        "{}/applications/{}/role-connections/metadata",
        fake.api_base(),
        fake.client_id()
    );
    let auth = format!("Bot {}", fake.bot_token());
    let put = |body: &str| {
        send(
            "PUT",
            &url,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            body.as_bytes(),
        )
    };
    let resp = put(r#"[{"type": 9, "key": "Bad-Key", "name": "", "description": "d"}]"#);
    assert_eq!(resp.status, 400);
    let body = resp.json();
    assert_eq!(body["code"], 50035);
    for field in ["type", "key", "name"] {
        assert!(
            body["errors"]["0"][field]["_errors"].is_array(),
            "{field}: {body}"
        );
    }
    let six = [r#"{"type": 1, "key": "k", "name": "n", "description": "d"}"#; 6].join(",");
    assert_eq!(put(&format!("[{six}]")).status, 400);
    assert_eq!(put("{}").status, 400);
    assert_eq!(put("[]").status, 200);
}
