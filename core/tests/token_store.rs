//! The token store's pieces: the in-memory store's meaning of every command,
//! the Redis layout (keys, scripts, arguments, replies), and the codecs
//! (plain JSON, sealed); with a fake clock, sessions woken by the store
//! instead of polling it, and refreshes ended by their lease.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use disco_oauth2::AccessToken;
use disco_oauth2::token_store::{
    DELETE_SCRIPT, GET_SCRIPT, LeaseHolder, MemoryStore, PUT_IF_VERSION_SCRIPT, PUT_SCRIPT,
    PlainJson, RELEASE_SCRIPT, RedisLayout, StoreCommand, StoreError, StoreReply, StoredToken,
    TRY_LEASE_SCRIPT, TokenCodec,
};

fn utc() -> DateTime<Utc> {
    "2026-11-24T12:00:00Z".parse().unwrap()
}

fn put_if(expected: u64, value: &[u8]) -> StoreCommand {
    StoreCommand::PutIfVersion {
        key: "k".into(),
        expected,
        value: value.to_vec(),
        updated_at: utc(),
    }
}

fn get() -> StoreCommand {
    StoreCommand::Get { key: "k".into() }
}

fn lease(holder: &str, ttl_ms: u64) -> StoreCommand {
    StoreCommand::TryLease {
        key: "k".into(),
        holder: LeaseHolder::new(holder),
        ttl: Duration::from_millis(ttl_ms),
    }
}

fn release(holder: &str) -> StoreCommand {
    StoreCommand::Release {
        key: "k".into(),
        holder: LeaseHolder::new(holder),
    }
}

fn token() -> AccessToken {
    AccessToken::from_response_body(
        br#"{"access_token": "s3cr3t-access", "token_type": "Bearer", "expires_in": 604800,
             "refresh_token": "s3cr3t-refresh", "scope": "identify guilds"}"#,
        utc(),
    )
    .unwrap()
}

#[test]
fn versions_start_at_one_and_a_write_names_the_version_it_replaces() {
    let mut store = MemoryStore::new();
    let now = Instant::now();
    assert_eq!(store.execute(get(), now), StoreReply::Record(None));
    assert_eq!(store.execute(put_if(1, b"x"), now), StoreReply::Conflict);
    assert_eq!(
        store.execute(put_if(0, b"one"), now),
        StoreReply::Written { version: 1 }
    );
    assert_eq!(
        store.execute(put_if(0, b"again"), now),
        StoreReply::Conflict
    );
    assert_eq!(
        store.execute(put_if(1, b"two"), now),
        StoreReply::Written { version: 2 }
    );
    // A stale writer (it read version 1) is refused; the record is unchanged.
    assert_eq!(
        store.execute(put_if(1, b"stale"), now),
        StoreReply::Conflict
    );
    assert_eq!(
        store.execute(get(), now),
        StoreReply::Record(Some(StoredToken {
            version: 2,
            value: b"two".to_vec(),
            updated_at: utc()
        }))
    );
    let put = StoreCommand::Put {
        key: "k".into(),
        value: b"login".to_vec(),
        updated_at: utc(),
    };
    assert_eq!(store.execute(put, now), StoreReply::Written { version: 3 });
    assert_eq!(store.len(), 1);
    let delete = StoreCommand::Delete { key: "k".into() };
    assert_eq!(
        store.execute(delete.clone(), now),
        StoreReply::Deleted(true)
    );
    assert_eq!(store.execute(delete, now), StoreReply::Deleted(false));
    assert!(store.is_empty());
    // After a delete the versions start again.
    assert_eq!(
        store.execute(put_if(0, b"new"), now),
        StoreReply::Written { version: 1 }
    );
}

#[test]
fn a_lease_is_exclusive_until_released_or_its_ttl_ends() {
    let mut store = MemoryStore::new();
    let t0 = Instant::now();
    let at = |ms| t0 + Duration::from_millis(ms);
    assert_eq!(store.execute(lease("a", 1000), t0), StoreReply::LeaseWon);
    assert_eq!(
        store.execute(lease("b", 1000), at(999)),
        StoreReply::LeaseBusy
    );
    assert_eq!(
        store.execute(lease("a", 1000), at(999)),
        StoreReply::LeaseBusy
    );
    // Only the holder releases it.
    assert_eq!(
        store.execute(release("b"), at(10)),
        StoreReply::Released(false)
    );
    assert_eq!(
        store.execute(lease("b", 1000), at(10)),
        StoreReply::LeaseBusy
    );
    assert_eq!(
        store.execute(release("a"), at(10)),
        StoreReply::Released(true)
    );
    assert_eq!(
        store.execute(lease("b", 1000), at(10)),
        StoreReply::LeaseWon
    );
    // A holder that never releases holds it for exactly its TTL.
    assert_eq!(
        store.execute(lease("c", 1000), at(1009)),
        StoreReply::LeaseBusy
    );
    assert_eq!(
        store.execute(lease("c", 1000), at(1010)),
        StoreReply::LeaseWon
    );
    // The expired holder can no longer release the new holder's lease.
    assert_eq!(
        store.execute(release("b"), at(1011)),
        StoreReply::Released(false)
    );
    assert_eq!(
        store.execute(lease("d", 1000), at(1011)),
        StoreReply::LeaseBusy
    );
    // Leases are per key.
    let other = StoreCommand::TryLease {
        key: "other".into(),
        holder: LeaseHolder::new("d"),
        ttl: Duration::from_secs(1),
    };
    assert_eq!(store.execute(other, at(1011)), StoreReply::LeaseWon);
}

#[test]
fn random_holders_are_distinct() {
    let a = LeaseHolder::random().unwrap();
    let b = LeaseHolder::random().unwrap();
    assert_ne!(a, b);
    assert_eq!(a.as_str().len(), 32);
    assert!(a.as_str().bytes().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn debug_shows_no_stored_bytes() {
    let command = put_if(3, b"s3cr3t");
    assert_eq!(
        format!("{command:?}"),
        r#"put_if_version { key: "k", expected: 3, value: [6 bytes], updated_at: 2026-11-24T12:00:00Z }"#
    );
    let record = StoredToken {
        version: 1,
        value: b"s3cr3t".to_vec(),
        updated_at: utc(),
    };
    assert!(!format!("{record:?}").contains("s3cr3t"));
    let call = RedisLayout::default().call(&command);
    assert!(!format!("{call:?}").contains("s3cr3t"));
}

#[test]
fn redis_keys_share_a_cluster_slot_per_application_key() {
    let layout = RedisLayout::new("app:");
    assert_eq!(layout.token_key("user:1"), "app:{user:1}:token");
    assert_eq!(layout.lease_key("user:1"), "app:{user:1}:lease");
}

#[test]
fn each_command_maps_to_its_script_and_arguments() {
    let layout = RedisLayout::default();
    let token_key = vec!["disco-oauth2:{k}:token".to_owned()];
    let lease_key = vec!["disco-oauth2:{k}:lease".to_owned()];
    let call = layout.call(&get());
    assert_eq!(
        (call.script, &call.keys, call.args.len()),
        (GET_SCRIPT, &token_key, 0)
    );
    let call = layout.call(&put_if(7, b"sealed"));
    assert_eq!(
        (call.script, &call.keys),
        (PUT_IF_VERSION_SCRIPT, &token_key)
    );
    assert_eq!(
        call.args,
        [
            b"7".to_vec(),
            b"8".to_vec(),
            b"sealed".to_vec(),
            b"2026-11-24T12:00:00.000Z".to_vec()
        ]
    );
    let call = layout.call(&StoreCommand::Put {
        key: "k".into(),
        value: b"v".to_vec(),
        updated_at: utc(),
    });
    assert_eq!((call.script, &call.keys), (PUT_SCRIPT, &token_key));
    assert_eq!(
        call.args,
        [b"v".to_vec(), b"2026-11-24T12:00:00.000Z".to_vec()]
    );
    let call = layout.call(&StoreCommand::Delete { key: "k".into() });
    assert_eq!(
        (call.script, &call.keys, call.args.len()),
        (DELETE_SCRIPT, &token_key, 0)
    );
    let call = layout.call(&lease("h", 30_000));
    assert_eq!((call.script, &call.keys), (TRY_LEASE_SCRIPT, &lease_key));
    assert_eq!(call.args, [b"h".to_vec(), b"30000".to_vec()]);
    // A TTL under a millisecond still expires (PX 0 would be refused).
    assert_eq!(layout.call(&lease("h", 0)).args[1], b"1");
    let call = layout.call(&release("h"));
    assert_eq!(
        (call.script, &call.keys, &call.args),
        (RELEASE_SCRIPT, &lease_key, &vec![b"h".to_vec()])
    );
}

fn bulk(items: &[Option<&[u8]>]) -> Vec<Option<Vec<u8>>> {
    items.iter().map(|i| i.map(<[u8]>::to_vec)).collect()
}

#[test]
fn redis_replies_read_back_into_store_replies() {
    let layout = RedisLayout::default();
    let ok = |command: &StoreCommand, reply: &[Option<&[u8]>]| layout.reply(command, bulk(reply));
    assert_eq!(
        ok(&get(), &[None, None, None]),
        Ok(StoreReply::Record(None))
    );
    assert_eq!(
        ok(
            &get(),
            &[
                Some(b"12"),
                Some(b"\x01sealed"),
                Some(b"2026-11-24T12:00:00.000Z")
            ]
        ),
        Ok(StoreReply::Record(Some(StoredToken {
            version: 12,
            value: b"\x01sealed".to_vec(),
            updated_at: utc()
        })))
    );
    assert_eq!(
        ok(&put_if(1, b""), &[Some(b"written"), Some(b"2")]),
        Ok(StoreReply::Written { version: 2 })
    );
    assert_eq!(
        ok(&put_if(1, b""), &[Some(b"conflict"), Some(b"5")]),
        Ok(StoreReply::Conflict)
    );
    assert_eq!(
        ok(&put_if(1, b""), &[Some(b"conflict")]),
        Ok(StoreReply::Conflict)
    );
    let delete = StoreCommand::Delete { key: "k".into() };
    assert_eq!(ok(&delete, &[Some(b"1")]), Ok(StoreReply::Deleted(true)));
    assert_eq!(ok(&delete, &[Some(b"0")]), Ok(StoreReply::Deleted(false)));
    assert_eq!(
        ok(&lease("h", 1), &[Some(b"won")]),
        Ok(StoreReply::LeaseWon)
    );
    assert_eq!(
        ok(&lease("h", 1), &[Some(b"busy")]),
        Ok(StoreReply::LeaseBusy)
    );
    assert_eq!(
        ok(&release("h"), &[Some(b"released")]),
        Ok(StoreReply::Released(true))
    );
    assert_eq!(
        ok(&release("h"), &[Some(b"not-held")]),
        Ok(StoreReply::Released(false))
    );
}

#[test]
fn foreign_redis_values_are_typed_errors() {
    let layout = RedisLayout::default();
    let err = |command: &StoreCommand, reply: &[Option<&[u8]>]| {
        layout.reply(command, bulk(reply)).unwrap_err()
    };
    let corrupt = |reason: &str| StoreError::Corrupt {
        reason: reason.to_owned(),
    };
    let when = Some(&b"2026-11-24T12:00:00Z"[..]);
    assert_eq!(
        err(&get(), &[Some(b"one"), Some(b"v"), when]),
        corrupt("the record's version is not a positive whole number")
    );
    assert_eq!(
        err(&get(), &[Some(b"0"), Some(b"v"), when]),
        corrupt("the record's version is not a positive whole number")
    );
    assert_eq!(
        err(&get(), &[Some(b"1"), Some(b"v"), Some(b"yesterday")]),
        corrupt("the record's updated_at is not an RFC 3339 time")
    );
    assert_eq!(
        err(&get(), &[Some(b"1"), None, when]),
        corrupt("the record lacks one of version, token and updated_at")
    );
    assert_eq!(
        err(&get(), &[Some(b"s3cr3t")]),
        StoreError::UnexpectedReply {
            command: "get",
            reply: "[6 bytes]".into()
        }
    );
    assert_eq!(
        err(&lease("h", 1), &[]),
        StoreError::UnexpectedReply {
            command: "try_lease",
            reply: "[]".into()
        }
    );
    assert!(matches!(
        err(&put_if(1, b""), &[Some(b"written"), Some(b"-3")]),
        StoreError::Corrupt { .. }
    ));
    assert!(matches!(
        err(&release("h"), &[None]),
        StoreError::UnexpectedReply {
            command: "release",
            ..
        }
    ));
}

#[test]
fn plain_json_round_trips_and_refuses_what_it_did_not_write() {
    let bytes = PlainJson.encode("k", &token()).unwrap();
    assert_eq!(PlainJson.decode("k", &bytes).unwrap(), token());
    for foreign in [
        &b""[..],
        b"{",
        b"[]",
        br#"{"access_token": 1}"#,
        b"\xff\xfe",
    ] {
        let error = PlainJson.decode("k", foreign).unwrap_err();
        assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
    }
    let error = PlainJson
        .decode("k", br#"{"access_token": "s3cr3t-access"}"#)
        .unwrap_err();
    assert!(!error.to_string().contains("s3cr3t"), "{error}");
}

#[cfg(feature = "sealing")]
mod sealing {
    use disco_oauth2::sealing::{MIN_SEALED_LEN, SealError, SealingKey};
    use disco_oauth2::token_store::{StoreError, TokenCodec};

    use super::token;

    #[test]
    fn a_sealed_value_opens_only_with_its_key_under_its_store_key() {
        let key = SealingKey::from_bytes([7; 32]);
        let sealed = key.seal(b"user:1", b"plain").unwrap();
        assert_eq!(sealed.len(), MIN_SEALED_LEN + 5);
        assert_eq!(sealed[0], 1);
        assert_eq!(key.open(b"user:1", &sealed).unwrap(), b"plain");
        // Each seal draws a new nonce.
        assert_ne!(key.seal(b"user:1", b"plain").unwrap(), sealed);
        let other = SealingKey::from_bytes([8; 32]);
        assert_eq!(other.open(b"user:1", &sealed), Err(SealError::Unauthentic));
        assert_eq!(key.open(b"user:2", &sealed), Err(SealError::Unauthentic));
    }

    #[test]
    fn a_tampered_short_or_foreign_value_is_an_error_never_a_panic() {
        let key = SealingKey::generate().unwrap();
        let sealed = key.seal(b"k", b"a token's bytes").unwrap();
        for i in 0..sealed.len() {
            let mut tampered = sealed.clone();
            tampered[i] ^= 0x01;
            let error = key.open(b"k", &tampered).unwrap_err();
            let expected = if i == 0 {
                SealError::UnknownFormat { format: 0 }
            } else {
                SealError::Unauthentic
            };
            assert_eq!(error, expected, "byte {i}");
        }
        for len in 0..MIN_SEALED_LEN {
            assert_eq!(
                key.open(b"k", &sealed[..len]),
                Err(SealError::TooShort {
                    len,
                    min: MIN_SEALED_LEN
                })
            );
        }
        assert_eq!(
            key.open(b"k", &sealed[..sealed.len() - 1]),
            Err(SealError::Unauthentic)
        );
        let foreign = br#"{"access_token": "not sealed at all", "expires_in": 1}"#;
        assert_eq!(
            key.open(b"k", foreign),
            Err(SealError::UnknownFormat { format: b'{' })
        );
    }

    #[test]
    fn the_sealing_codec_binds_a_token_to_its_store_key() {
        let key = SealingKey::from_bytes([1; 32]);
        let sealed = key.encode("user:1", &token()).unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"s3cr3t"));
        assert_eq!(key.decode("user:1", &sealed).unwrap(), token());
        assert_eq!(
            key.decode("user:2", &sealed),
            Err(StoreError::Unsealable(SealError::Unauthentic))
        );
        let error = SealingKey::from_bytes([2; 32])
            .decode("user:1", &sealed)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the stored token could not be unsealed: the sealed value does not open: wrong sealing key, altered value, or a value moved from another store key; it was left unchanged"
        );
        // A plain value is not sealed: refused, not trusted.
        let plain = disco_oauth2::token_store::PlainJson
            .encode("user:1", &token())
            .unwrap();
        assert_eq!(
            key.decode("user:1", &plain),
            Err(StoreError::Unsealable(SealError::UnknownFormat {
                format: b'{'
            }))
        );
        assert_eq!(format!("{key:?}"), "SealingKey([redacted])");
    }
}

mod hostile {
    //! Whatever a store hands back, reading it is a value or a typed error.
    use proptest::prelude::*;

    use super::*;

    fn reply() -> impl Strategy<Value = Vec<Option<Vec<u8>>>> {
        let item = prop_oneof![
            Just(None),
            proptest::collection::vec(any::<u8>(), 0..24).prop_map(Some),
            prop_oneof![
                Just(b"written".to_vec()),
                Just(b"conflict".to_vec()),
                Just(b"won".to_vec()),
                Just(b"1".to_vec()),
                Just(b"18446744073709551616".to_vec()),
                Just(b"2026-11-24T12:00:00Z".to_vec()),
            ]
            .prop_map(Some),
        ];
        proptest::collection::vec(item, 0..5)
    }

    proptest! {
        #[test]
        fn any_redis_reply_reads_without_panicking(reply in reply(), which in 0usize..6) {
            let command = [
                get(),
                put_if(1, b"v"),
                StoreCommand::Put { key: "k".into(), value: vec![], updated_at: utc() },
                StoreCommand::Delete { key: "k".into() },
                lease("h", 10),
                release("h"),
            ][which]
                .clone();
            let _ = RedisLayout::default().reply(&command, reply);
        }

        #[test]
        fn any_stored_bytes_decode_to_a_token_or_a_typed_error(
            value in proptest::collection::vec(any::<u8>(), 0..200),
        ) {
            if let Err(error) = PlainJson.decode("k", &value) {
                prop_assert!(matches!(error, StoreError::Corrupt { .. }), "{:?}", error);
            }
            #[cfg(feature = "sealing")]
            {
                let key = disco_oauth2::sealing::SealingKey::from_bytes([3; 32]);
                prop_assert!(key.decode("k", &value).is_err());
            }
        }
    }
}

mod woken_and_leased {
    //! Sessions whose store wakes them, and refreshes bounded by the lease,
    //! on a fake clock.

    use std::sync::Arc;
    use std::time::Duration;

    use disco_oauth2::driver::{Driver, Received, Step};
    use disco_oauth2::model::User;
    use disco_oauth2::token_store::{
        Grant, LeaseHolder, MemoryStore, PlainJson, SessionCall, SessionEvent, SessionStep,
        StoreCommand, StoreReply, StoredSession,
    };
    use disco_oauth2::{AccessToken, Error};
    use http::{HeaderMap, HeaderValue, StatusCode};

    use super::support::world::{World, describe};

    const KEY: &str = "user:80351110224678912";
    const TTL: Duration = Duration::from_secs(30);

    /// A world whose stored token (`a0`/`r0`, version 1) is due.
    fn due_world() -> (World<MemoryStore>, StoredSession) {
        let mut world = World::new(MemoryStore::new(), 3600);
        let session = world.saved_session(KEY, Arc::new(PlainJson));
        world.advance(Duration::from_secs(3600));
        (world, session)
    }

    /// Steps `call` through its first read and its lease.
    fn read_and_lease(world: &mut World<MemoryStore>, call: &mut SessionCall<User>) {
        for expected in ["get", "try_lease"] {
            assert_eq!(world.step_named(call), expected);
        }
    }

    /// Steps `call` up to its refresh, and returns it.
    fn up_to_the_refresh(world: &mut World<MemoryStore>, call: &mut SessionCall<User>) -> Grant {
        read_and_lease(world, call);
        assert_eq!(world.step_named(call), "get");
        match call.poll(world.now()) {
            SessionStep::Grant(grant) => grant,
            other => panic!("expected the refresh, got {}", describe(&other)),
        }
    }

    /// Runs `call`'s refresh and the rest of it: version 2 is stored.
    fn finish_the_refresh(
        world: &mut World<MemoryStore>,
        call: &mut SessionCall<User>,
        grant: Grant,
    ) {
        let result = world.run_grant(grant);
        call.handle_grant(result, world.now());
        let (result, trace) = world.drive(call);
        assert_eq!(result.unwrap().username, "nelly");
        assert_eq!(trace, ["put_if_version 1", "release", "call a1", "done ok"]);
    }

    fn stored(world: &mut World<MemoryStore>) -> (u64, String) {
        let StoreReply::Record(Some(record)) =
            world.exec(StoreCommand::Get { key: KEY.into() }).unwrap()
        else {
            panic!("no record");
        };
        let token: AccessToken = serde_json::from_slice(&record.value).unwrap();
        (record.version, token.access_token.secret().to_owned())
    }

    #[test]
    fn a_woken_waiter_sleeps_until_the_token_is_written_then_reads_once() {
        let (mut world, session) = due_world();
        let mut a = session.call(LeaseHolder::new("a"));
        let mut b = session.call(LeaseHolder::new("b")).woken_by_store(true);
        let grant = up_to_the_refresh(&mut world, &mut a);
        read_and_lease(&mut world, &mut b);
        // B waits up to the lease's end, not a 50 ms backoff…
        let SessionStep::Wait(until) = b.poll(world.now()) else {
            panic!()
        };
        assert_eq!(until - world.now().instant, TTL);
        assert!(!world.store.changed_since(KEY, 1, world.now().instant));
        // …and a wake before anything changed (spurious) costs one read.
        world.advance(Duration::from_millis(5));
        assert_eq!(world.step_named(&mut b), "get");
        assert_eq!(world.step_named(&mut b), "try_lease");
        let SessionStep::Wait(_) = b.poll(world.now()) else {
            panic!()
        };
        // A's refresh answers, A stores version 2: the store has news for B.
        finish_the_refresh(&mut world, &mut a, grant);
        assert!(
            world
                .store
                .changed_since(KEY, b.version().unwrap(), world.now().instant)
        );
        // B is woken 1 ms later, long before its wait's end, reads once and calls.
        world.advance(Duration::from_millis(1));
        let (result, trace) = world.drive(&mut b);
        result.unwrap();
        assert_eq!(trace, ["get", "call a1", "done ok"]);
        assert_eq!(
            b.take_events(),
            [
                SessionEvent::LeaseBusy,
                SessionEvent::LeaseBusy,
                SessionEvent::UsedNewer { version: 2 }
            ]
        );
        assert_eq!(
            (world.discord.refreshes, world.discord.invalid_grants),
            (1, 0)
        );
    }

    #[test]
    fn a_polling_waiter_polled_early_waits_on() {
        let (mut world, session) = due_world();
        let mut a = session.call(LeaseHolder::new("a"));
        let mut b = session.call(LeaseHolder::new("b"));
        let _grant = up_to_the_refresh(&mut world, &mut a);
        read_and_lease(&mut world, &mut b);
        let SessionStep::Wait(until) = b.poll(world.now()) else {
            panic!()
        };
        assert_eq!(until - world.now().instant, Duration::from_millis(50));
        world.advance(Duration::from_millis(10));
        let SessionStep::Wait(again) = b.poll(world.now()) else {
            panic!()
        };
        assert_eq!(
            again, until,
            "a polling store's early return is no reason to read"
        );
    }

    #[test]
    fn a_woken_waiter_outlives_a_crashed_holder_by_one_lease_ttl_without_polling() {
        let (mut world, session) = due_world();
        let mut a = session.call::<User>(LeaseHolder::new("a"));
        read_and_lease(&mut world, &mut a);
        drop(a);
        let crashed_at = world.now().instant;
        let mut b = session.call(LeaseHolder::new("b")).woken_by_store(true);
        read_and_lease(&mut world, &mut b);
        let SessionStep::Wait(until) = b.poll(world.now()) else {
            panic!()
        };
        assert_eq!(until, crashed_at + TTL);
        // Nothing to wake B before the crashed holder's lease ends…
        assert!(
            !world
                .store
                .changed_since(KEY, 1, until - Duration::from_millis(1))
        );
        assert!(world.store.changed_since(KEY, 1, until));
        // …then B reads once, takes the lease and refreshes.
        world.advance_to(until);
        let (result, trace) = world.drive(&mut b);
        result.unwrap();
        assert_eq!(
            trace,
            [
                "get",
                "try_lease",
                "get",
                "refresh_token",
                "put_if_version 1",
                "release",
                "call a1",
                "done ok"
            ]
        );
        assert_eq!(world.discord.refreshes, 1);
    }

    fn respond(status: u16, headers: &[(&'static str, &'static str)], body: &str) -> Received {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_static(value));
        }
        Received::new(
            StatusCode::from_u16(status).unwrap(),
            map,
            body.as_bytes().to_vec(),
        )
    }

    #[test]
    fn a_refresh_request_ends_with_the_lease() {
        let (mut world, session) = due_world();
        let mut a = session.call::<User>(LeaseHolder::new("a"));
        let grant = up_to_the_refresh(&mut world, &mut a);
        let lease_ends = a.lease_ends().unwrap();
        assert_eq!(lease_ends, world.now().instant + TTL);
        let mut refresh = a.grant_call(grant);
        assert_eq!(refresh.lease_ends(), Some(lease_ends));
        let mut limiter = world.client.rate_limiter();

        // Sent 10 s into the lease: the request may take the 20 s left.
        world.advance(Duration::from_secs(10));
        let Step::Send(transmit) = refresh.poll(world.now(), &mut limiter) else {
            panic!()
        };
        assert_eq!(transmit.operation, "refresh_token");
        assert_eq!(transmit.timeout, Some(Duration::from_secs(20)));
        // A 429 whose wait ends past the lease: over, nothing more is sent.
        let limited =
            r#"{"message": "You are being rate limited.", "retry_after": 25, "global": false}"#;
        refresh.handle_response(respond(429, &[("retry-after", "25")], limited), world.now());
        let Step::Done(Err(Error::DeadlineExceeded {
            operation, timeout, ..
        })) = refresh.poll(world.now(), &mut limiter)
        else {
            panic!()
        };
        assert_eq!(
            (operation, timeout),
            ("refresh_token", Duration::from_secs(20))
        );

        // Polled once the lease is over: not sent at all.
        let mut late = a.grant_call(Grant::Refresh(
            world
                .client
                .refresh_token(&disco_oauth2::RefreshToken::new("r0")),
        ));
        world.advance(Duration::from_secs(20));
        assert!(matches!(
            late.poll(world.now(), &mut limiter),
            Step::Done(Err(Error::DeadlineExceeded { .. }))
        ));
    }

    #[test]
    fn a_refresh_answered_as_its_lease_ends_is_taken_never_thrown_away() {
        let (mut world, session) = due_world();
        let mut a = session.call::<User>(LeaseHolder::new("a"));
        let grant = up_to_the_refresh(&mut world, &mut a);
        let mut refresh = a.grant_call(grant);
        let mut limiter = world.client.rate_limiter();
        let Step::Send(_) = refresh.poll(world.now(), &mut limiter) else {
            panic!()
        };
        // The answer comes at the lease's last instant; the next poll is past it.
        world.advance(TTL);
        let body = r#"{"access_token": "a1", "token_type": "Bearer", "expires_in": 604800, "refresh_token": "r1", "scope": "identify"}"#;
        refresh.handle_response(respond(200, &[], body), world.now());
        let Step::Done(Ok(token)) = refresh.poll(world.now(), &mut limiter) else {
            panic!()
        };
        assert_eq!(token.access_token.secret(), "a1");
    }

    #[test]
    fn a_refresh_answered_after_its_lease_and_another_holders_refresh_never_overwrites_it() {
        let (mut world, session) = due_world();
        // A's refresh is out when its lease ends…
        let mut a = session.call::<User>(LeaseHolder::new("a"));
        let _grant = up_to_the_refresh(&mut world, &mut a);
        world.advance(TTL + Duration::from_secs(1));
        // …B takes the lease after its TTL, refreshes and stores version 2…
        let (result, _) = world.drive(&mut session.call(LeaseHolder::new("b")));
        result.unwrap();
        assert_eq!(stored(&mut world), (2, "a1".into()));
        // …then A's answer (a token of its own) comes: the write over version 1
        // is refused, and A uses B's token.
        let late = AccessToken::from_response_body(
            br#"{"access_token": "late", "token_type": "Bearer", "expires_in": 604800, "refresh_token": "r-late", "scope": "identify"}"#,
            world.now().utc,
        )
        .unwrap();
        a.handle_grant(Ok(late), world.now());
        let (result, trace) = world.drive(&mut a);
        assert_eq!(result.unwrap().username, "nelly");
        assert_eq!(
            trace,
            ["put_if_version 1", "get", "release", "call a1", "done ok"]
        );
        assert_eq!(
            stored(&mut world),
            (2, "a1".into()),
            "the newer token stays"
        );
    }
}
