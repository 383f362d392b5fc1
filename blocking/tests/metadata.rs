//! Linked-role metadata through the blocking runtime, against the fake
//! Discord over loopback.

#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;

use disco_oauth2_blocking::disco_oauth2::Error as CoreError;
use disco_oauth2_blocking::{BotToken, Client, Error};
use disco_oauth2_fake::FakeDiscord;
use support::{metadata_records, requests_to};

#[test]
fn metadata_records_round_trip_and_a_sixth_is_refused_unsent() {
    let fake = FakeDiscord::start();
    let client = fake_builder!(Client, &fake).build().unwrap();
    let bot = BotToken::new(fake.bot_token());
    let path = format!(
        "/api/v10/applications/{}/role-connections/metadata",
        fake.application_id()
    );
    assert_eq!(client.fetch_role_connection_metadata(&bot).unwrap(), []);

    let records = metadata_records(2);
    let stored = client
        .replace_role_connection_metadata(&bot, records.clone())
        .unwrap();
    assert_eq!(stored, records);
    assert_eq!(
        client.fetch_role_connection_metadata(&bot).unwrap(),
        records
    );
    assert_eq!(fake.role_connection_metadata().len(), 2);
    let put = fake
        .requests()
        .into_iter()
        .find(|r| r.method == "PUT")
        .unwrap();
    assert_eq!(put.path, path);
    assert_eq!(
        put.header("authorization"),
        Some(format!("Bot {}", fake.bot_token()).as_str())
    );

    match client.replace_role_connection_metadata(&bot, metadata_records(6)) {
        Err(Error::Core(CoreError::InvalidInput(e))) => assert_eq!(e.field, "records"),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(
        requests_to(&fake, "PUT", &path),
        1,
        "the sixth record was not sent"
    );
    assert_eq!(fake.role_connection_metadata().len(), 2);
}
