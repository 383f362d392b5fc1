//! A stored session's refresh protocol against a fake Discord and the
//! in-memory store, with a fake clock: when it refreshes, the 401 retry, two
//! and many holders racing, a crashed holder, `invalid_grant` after another
//! holder rotated, corrupt values and stale writes.
#![allow(clippy::unwrap_used)]

mod support;

use std::sync::Arc;
use std::time::Duration;

use disco_oauth2::model::User;
use disco_oauth2::token_store::{
    LeaseHolder, MemoryStore, PlainJson, RefreshPolicy, SessionCall, SessionError, SessionEvent,
    SessionStep, StoreCommand, StoreError, StoreReply, StoredSession,
};
use disco_oauth2::{Error, OAuth2ErrorCode};
use support::world::{World, describe};

const KEY: &str = "user:80351110224678912";

/// A world whose stored token (`a0`/`r0`, version 1) lives `lifetime` seconds.
fn world(lifetime: i64) -> (World<MemoryStore>, StoredSession) {
    let mut world = World::new(MemoryStore::new(), lifetime);
    let session = world.saved_session(KEY, Arc::new(PlainJson));
    (world, session)
}

/// The steps of one refresh of version 1, after the first read.
const REFRESH: [&str; 6] = [
    "try_lease",
    "get",
    "refresh_token",
    "put_if_version 1",
    "release",
    "call a1",
];

/// `before`, then a refresh and the call with its token, then `after`.
fn with_refresh(before: &[&str], after: &[&str]) -> Vec<String> {
    [before, &REFRESH, after]
        .concat()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

fn stored(world: &mut World<MemoryStore>) -> (u64, String, Option<String>) {
    let StoreReply::Record(Some(record)) =
        world.exec(StoreCommand::Get { key: KEY.into() }).unwrap()
    else {
        panic!("no record");
    };
    let token: disco_oauth2::AccessToken = serde_json::from_slice(&record.value).unwrap();
    (
        record.version,
        token.access_token.secret().to_owned(),
        token.refresh_token.map(|r| r.secret().to_owned()),
    )
}

#[test]
fn a_fresh_token_is_used_as_it_is() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600 - 61));
    let mut call = session.call(LeaseHolder::new("one"));
    let (result, trace) = world.drive(&mut call);
    assert_eq!(result.unwrap().username, "nelly");
    assert_eq!(trace, ["get", "call a0", "done ok"]);
    assert!(call.take_events().is_empty());
    assert_eq!(world.discord.refreshes, 0);
}

#[test]
fn a_token_inside_the_margin_is_refreshed_first_and_stored_before_the_call() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600 - 60));
    let mut call = session.call(LeaseHolder::new("one"));
    let (result, trace) = world.drive(&mut call);
    assert_eq!(result.unwrap().username, "nelly");
    assert_eq!(trace, with_refresh(&["get"], &["done ok"]));
    assert_eq!(
        world.discord.token_bodies,
        ["grant_type=refresh_token&refresh_token=r0"]
    );
    assert_eq!(
        call.take_events(),
        [
            SessionEvent::LeaseWon,
            SessionEvent::Refreshed { version: 2 }
        ]
    );
    assert_eq!(stored(&mut world), (2, "a1".into(), Some("r1".into())));
    assert_eq!(call.version(), Some(2));
    assert!(!call.holds_lease());
    // The lease was released: another holder takes it at once.
    let lease = StoreCommand::TryLease {
        key: KEY.into(),
        holder: LeaseHolder::new("next"),
        ttl: Duration::from_secs(1),
    };
    assert_eq!(world.exec(lease).unwrap(), StoreReply::LeaseWon);
}

#[test]
fn the_margin_is_configurable() {
    let (mut world, session) = world(3600);
    let session = session.with_policy(RefreshPolicy::default().margin(Duration::from_secs(600)));
    world.advance(Duration::from_secs(3000));
    let (result, _) = world.drive(&mut session.call(LeaseHolder::new("one")));
    result.unwrap();
    assert_eq!(world.discord.refreshes, 1);
}

#[test]
fn a_401_refreshes_once_and_retries_the_call_once() {
    let (mut world, session) = world(3600);
    world.discord.refused.push("a0".into()); // revoked before its expiry
    let mut call = session.call(LeaseHolder::new("one"));
    let (result, trace) = world.drive(&mut call);
    assert_eq!(result.unwrap().username, "nelly");
    assert_eq!(
        trace,
        with_refresh(&["get", "call a0", "get"], &["done ok"])
    );
    assert_eq!(
        call.take_events(),
        [
            SessionEvent::RetryAfterUnauthorized,
            SessionEvent::LeaseWon,
            SessionEvent::Refreshed { version: 2 }
        ]
    );
    assert_eq!((world.discord.refreshes, world.discord.api_calls), (1, 2));
}

#[test]
fn a_second_401_is_the_result_without_another_refresh() {
    let (mut world, session) = world(3600);
    world.discord.refused.extend(["a0".into(), "a1".into()]);
    let (result, trace) = world.drive(&mut session.call(LeaseHolder::new("one")));
    assert!(
        matches!(
            result,
            Err(SessionError::Discord(Error::Unauthorized { .. }))
        ),
        "{result:?}"
    );
    assert_eq!(trace.iter().filter(|s| s.starts_with("call")).count(), 2);
    assert_eq!((world.discord.refreshes, world.discord.api_calls), (1, 2));
}

#[test]
fn a_401_uses_a_newer_stored_token_without_refreshing() {
    let (mut world, session) = world(3600);
    let mut call = session.call(LeaseHolder::new("one"));
    // The call reads version 1 and is about to send it…
    assert_eq!(world.step_named(&mut call), "get");
    let SessionStep::Call(token) = call.poll(world.now()) else {
        panic!("expected the call")
    };
    // …when another instance refreshes (after its own 401).
    world.discord.refused.push("a0".into());
    let (other, _) = world.drive(&mut session.call(LeaseHolder::new("other")));
    other.unwrap();
    assert_eq!(world.discord.refreshes, 1);
    // The first call's 401 makes it read the store, and use the newer token.
    let result = world.run_call(token.bearer());
    call.handle_call(result, world.now());
    let (result, trace) = world.drive(&mut call);
    result.unwrap();
    assert_eq!(trace, ["get", "call a1", "done ok"]);
    assert_eq!(call.take_events(), [SessionEvent::RetryAfterUnauthorized]);
    assert_eq!(world.discord.refreshes, 1);
}

#[test]
fn a_client_credentials_token_is_renewed_by_asking_again() {
    let (mut world, _) = world(3600);
    let session = StoredSession::new(world.client.clone(), "app", Arc::new(PlainJson))
        .with_policy(RefreshPolicy::default().client_credentials(true));
    let token = disco_oauth2::AccessToken::from_response_body(
        br#"{"access_token": "c0", "token_type": "Bearer", "expires_in": 604800, "scope": "identify"}"#,
        world.now().utc,
    )
    .unwrap();
    world
        .exec(session.save(&token, world.now().utc).unwrap())
        .unwrap();
    world.advance(Duration::from_secs(604800));
    let mut call = session.call(LeaseHolder::new("one"));
    let (result, trace) = world.drive(&mut call);
    result.unwrap();
    assert_eq!(
        trace,
        [
            "get",
            "try_lease",
            "get",
            "client_credentials",
            "put_if_version 1",
            "release",
            "call c1",
            "done ok"
        ]
    );
    assert_eq!(
        world.discord.token_bodies,
        ["grant_type=client_credentials&scope=identify"]
    );
    assert_eq!(
        call.take_events(),
        [SessionEvent::LeaseWon, SessionEvent::Renewed { version: 2 }]
    );
}

#[test]
fn an_expired_token_without_a_refresh_token_asks_the_user_to_authorize() {
    let (mut world, _) = world(3600);
    let session = StoredSession::new(world.client.clone(), "implicit", Arc::new(PlainJson));
    let token = disco_oauth2::AccessToken::from_response_body(
        br#"{"access_token": "i0", "expires_in": 60}"#,
        world.now().utc,
    )
    .unwrap();
    world
        .exec(session.save(&token, world.now().utc).unwrap())
        .unwrap();
    // Inside the margin but not expired: still used.
    world.advance(Duration::from_secs(30));
    let (_, trace) = world.drive(&mut session.call(LeaseHolder::new("one")));
    assert_eq!(trace[..2], ["get", "call i0"]);
    world.advance(Duration::from_secs(30));
    let (result, trace) = world.drive(&mut session.call(LeaseHolder::new("one")));
    assert_eq!(result.unwrap_err(), SessionError::Expired);
    assert_eq!(trace, ["get", "done err"]);
    assert!(world.discord.token_bodies.is_empty());
}

#[test]
fn two_holders_racing_make_one_refresh_and_the_loser_uses_the_winners_token() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let mut a = session.call(LeaseHolder::new("a"));
    let mut b = session.call(LeaseHolder::new("b"));
    // A reads, wins the lease, reads again, and sends its refresh…
    for expected in ["get", "try_lease", "get"] {
        assert_eq!(world.step_named(&mut a), expected);
    }
    let SessionStep::Grant(grant) = a.poll(world.now()) else {
        panic!()
    };
    // …B reads the same stale token and finds the lease taken…
    for expected in ["get", "try_lease"] {
        assert_eq!(world.step_named(&mut b), expected);
    }
    let SessionStep::Wait(until) = b.poll(world.now()) else {
        panic!()
    };
    assert_eq!(until - world.now().instant, Duration::from_millis(50));
    // …A's refresh answers, A stores it and makes its call…
    let result = world.run_grant(grant);
    a.handle_grant(result, world.now());
    let (result, trace) = world.drive(&mut a);
    result.unwrap();
    assert_eq!(trace, ["put_if_version 1", "release", "call a1", "done ok"]);
    // …and B, after its wait, uses A's token.
    world.advance_to(until);
    let (result, trace) = world.drive(&mut b);
    result.unwrap();
    assert_eq!(trace, ["get", "call a1", "done ok"]);
    assert_eq!(
        b.take_events(),
        [
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
fn many_holders_interleaved_across_expiries_make_one_refresh_per_expiry() {
    let (mut world, session) = world(600);
    for expiry in 1..=3u32 {
        world.advance(Duration::from_secs(600));
        let calls = (0..200)
            .map(|i| session.call(LeaseHolder::new(format!("{expiry}-{i}"))))
            .collect();
        world.run_interleaved(calls);
        assert_eq!(world.discord.refreshes, expiry);
    }
    assert_eq!(world.discord.invalid_grants, 0);
    assert_eq!(world.discord.api_calls, 600);
    assert_eq!(stored(&mut world).0, 4);
}

#[test]
fn a_holder_that_crashes_while_leased_holds_the_others_up_only_for_the_lease_ttl() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let crashed_at = world.now().instant;
    // A takes the lease and dies before refreshing.
    let mut a = session.call(LeaseHolder::new("a"));
    for expected in ["get", "try_lease"] {
        assert_eq!(world.step_named(&mut a), expected);
    }
    assert!(a.holds_lease());
    drop(a);
    let mut b = session.call(LeaseHolder::new("b"));
    let mut waits = Vec::new();
    let result = loop {
        let step = b.poll(world.now());
        if let SessionStep::Wait(until) = &step {
            waits.push(*until - world.now().instant);
        }
        if let Some(result) = world.carry(&mut b, step) {
            break result;
        }
    };
    result.unwrap();
    let waited = world.now().instant - crashed_at;
    assert!(
        waited >= Duration::from_secs(30) && waited < Duration::from_secs(31),
        "{waited:?}"
    );
    assert_eq!(
        waits[..5],
        [50, 100, 200, 400, 800].map(Duration::from_millis)
    );
    assert!(
        waits.iter().all(|w| *w <= Duration::from_secs(1)),
        "{waits:?}"
    );
    assert_eq!(world.discord.refreshes, 1);
}

/// Steps `call` up to (not including) its refresh, and returns the refresh.
fn up_to_the_refresh(
    world: &mut World<MemoryStore>,
    call: &mut SessionCall<User>,
) -> disco_oauth2::token_store::Grant {
    for expected in ["get", "try_lease", "get"] {
        assert_eq!(world.step_named(call), expected);
    }
    match call.poll(world.now()) {
        SessionStep::Grant(grant) => grant,
        other => panic!("expected the refresh, got {}", describe(&other)),
    }
}

#[test]
fn invalid_grant_after_another_holder_rotated_the_token_recovers_by_re_reading() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    // A's refresh is slow: its lease ends while the request is in flight…
    let mut a = session.call(LeaseHolder::new("a"));
    let grant = up_to_the_refresh(&mut world, &mut a);
    world.advance(Duration::from_secs(31));
    // …so B takes the lease after its TTL, refreshes r0 and stores version 2…
    let (result, _) = world.drive(&mut session.call(LeaseHolder::new("b")));
    result.unwrap();
    // …and A's r0 arrives after the rotation: invalid_grant.
    let result = world.run_grant(grant);
    assert!(matches!(&result, Err(Error::OAuth2(e)) if e.code == OAuth2ErrorCode::InvalidGrant));
    a.handle_grant(result, world.now());
    let (result, trace) = world.drive(&mut a);
    assert_eq!(result.unwrap().username, "nelly");
    assert_eq!(trace, ["get", "release", "call a1", "done ok"]);
    assert_eq!(
        a.take_events(),
        [
            SessionEvent::LeaseWon,
            SessionEvent::UsedNewer { version: 2 }
        ]
    );
    assert_eq!(stored(&mut world), (2, "a1".into(), Some("r1".into())));
    assert_eq!(
        (world.discord.refreshes, world.discord.invalid_grants),
        (1, 1)
    );
}

#[test]
fn invalid_grant_with_nothing_newer_stored_is_the_error_and_the_lease_is_released() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    world.discord.refresh = "revoked-by-the-user".into();
    let mut call = session.call(LeaseHolder::new("a"));
    let (result, trace) = world.drive(&mut call);
    match result {
        Err(SessionError::Discord(Error::OAuth2(e))) => {
            assert_eq!(e.code, OAuth2ErrorCode::InvalidGrant)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        trace,
        [
            "get",
            "try_lease",
            "get",
            "refresh_token",
            "get",
            "release",
            "done err"
        ]
    );
    assert!(!call.holds_lease());
    assert_eq!(stored(&mut world), (1, "a0".into(), Some("r0".into())));
}

#[test]
fn a_corrupt_value_is_a_typed_error_and_is_never_overwritten() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let garbage = StoreCommand::Put {
        key: KEY.into(),
        value: b"\x00not json".to_vec(),
        updated_at: world.now().utc,
    };
    assert_eq!(
        world.exec(garbage).unwrap(),
        StoreReply::Written { version: 2 }
    );
    let (result, trace) = world.drive(&mut session.call(LeaseHolder::new("a")));
    match result {
        Err(SessionError::Store(StoreError::Corrupt { reason })) => {
            assert_eq!(
                reason,
                "not a token's JSON: a syntax error at line 1 column 1"
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(trace, ["get", "done err"]);
    let StoreReply::Record(Some(record)) =
        world.exec(StoreCommand::Get { key: KEY.into() }).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        (record.version, record.value),
        (2, b"\x00not json".to_vec())
    );
    assert!(world.discord.token_bodies.is_empty());
}

#[test]
fn a_corrupt_value_found_under_the_lease_releases_it_and_writes_nothing() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let mut call = session.call(LeaseHolder::new("a"));
    assert_eq!(world.step_named(&mut call), "get");
    assert_eq!(world.step_named(&mut call), "try_lease");
    let foreign = StoreCommand::Put {
        key: KEY.into(),
        value: br#"{"something": "else"}"#.to_vec(),
        updated_at: world.now().utc,
    };
    world.exec(foreign).unwrap();
    let (result, trace) = world.drive(&mut call);
    assert!(
        matches!(result, Err(SessionError::Store(StoreError::Corrupt { .. }))),
        "{result:?}"
    );
    assert_eq!(trace, ["get", "release", "done err"]);
    assert_eq!(world.discord.refreshes, 0);
}

#[test]
fn a_write_over_a_newer_version_is_refused_and_the_newer_token_used() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let mut call = session.call(LeaseHolder::new("a"));
    let grant = up_to_the_refresh(&mut world, &mut call);
    let result = world.run_grant(grant);
    // The user logs in again meanwhile: version 2, a new grant.
    world.login(&session);
    let login = stored(&mut world);
    assert_eq!(login.0, 2);
    call.handle_grant(result, world.now());
    let (result, trace) = world.drive(&mut call);
    result.unwrap();
    assert_eq!(
        trace,
        ["put_if_version 1", "get", "release", "call a2", "done ok"]
    );
    assert_eq!(stored(&mut world), login);
}

#[test]
fn a_logout_during_the_refresh_is_not_undone() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let mut call = session.call(LeaseHolder::new("a"));
    let grant = up_to_the_refresh(&mut world, &mut call);
    let result = world.run_grant(grant);
    assert_eq!(
        world.exec(session.forget()).unwrap(),
        StoreReply::Deleted(true)
    );
    call.handle_grant(result, world.now());
    let (result, trace) = world.drive(&mut call);
    assert_eq!(
        result.unwrap_err(),
        SessionError::Store(StoreError::NoToken)
    );
    assert_eq!(trace, ["put_if_version 1", "get", "release", "done err"]);
    assert_eq!(
        world.exec(StoreCommand::Get { key: KEY.into() }).unwrap(),
        StoreReply::Record(None)
    );
}

#[test]
fn no_stored_token_is_a_typed_error() {
    let mut world = World::new(MemoryStore::new(), 3600);
    let session = StoredSession::new(world.client.clone(), KEY, Arc::new(PlainJson));
    let (result, trace) = world.drive(&mut session.call(LeaseHolder::new("a")));
    assert_eq!(
        result.unwrap_err(),
        SessionError::Store(StoreError::NoToken)
    );
    assert_eq!(trace, ["get", "done err"]);
}

#[test]
fn a_failing_store_ends_the_call_with_its_error() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let mut call = session.call(LeaseHolder::new("a"));
    assert_eq!(world.step_named(&mut call), "get");
    let SessionStep::Store(StoreCommand::TryLease { .. }) = call.poll(world.now()) else {
        panic!()
    };
    let down = StoreError::Unavailable {
        reason: "connection refused".into(),
    };
    call.handle_store(Err(down.clone()), world.now());
    let (result, trace) = world.drive(&mut call);
    assert_eq!(result.unwrap_err(), SessionError::Store(down));
    assert_eq!(trace, ["done err"]);
    assert_eq!(world.discord.refreshes, 0);
}

#[test]
fn waiting_for_another_holder_is_bounded() {
    let (mut world, session) = world(3600);
    let session = session.with_policy(
        RefreshPolicy::default()
            .lease_ttl(Duration::from_secs(30))
            .max_wait(Duration::from_secs(5)),
    );
    world.advance(Duration::from_secs(3600));
    let mut a = session.call(LeaseHolder::new("a"));
    let _grant = up_to_the_refresh(&mut world, &mut a); // never answers
    let started = world.now().instant;
    let (result, _) = world.drive(&mut session.call(LeaseHolder::new("b")));
    assert_eq!(
        result.unwrap_err(),
        SessionError::Store(StoreError::LeaseWaitTimedOut {
            waited: Duration::from_secs(5)
        })
    );
    assert_eq!(world.now().instant - started, Duration::from_secs(5));
    assert_eq!(world.discord.refreshes, 0);
}

#[test]
fn polling_out_of_turn_is_an_error_not_a_panic() {
    let (world, session) = world(3600);
    let mut call = session.call::<User>(LeaseHolder::new("a"));
    let SessionStep::Store(_) = call.poll(world.now()) else {
        panic!()
    };
    // Polled again before the store's reply.
    let SessionStep::Done(Err(SessionError::Discord(Error::InvalidInput(e)))) =
        call.poll(world.now())
    else {
        panic!()
    };
    assert_eq!(e.field, "session_call");
    // Fed a reply it never asked for.
    let mut call = session.call::<User>(LeaseHolder::new("b"));
    call.handle_grant(Ok(world.issued_token()), world.now());
    assert!(matches!(call.poll(world.now()), SessionStep::Done(Err(_))));
    // A store reply of the wrong kind.
    let mut call = session.call::<User>(LeaseHolder::new("c"));
    let _ = call.poll(world.now());
    call.handle_store(Ok(StoreReply::LeaseWon), world.now());
    let SessionStep::Done(Err(SessionError::Store(StoreError::UnexpectedReply { command, reply }))) =
        call.poll(world.now())
    else {
        panic!()
    };
    assert_eq!((command, reply.as_str()), ("get", "LeaseWon"));
}

#[test]
fn no_secret_reaches_debug_or_errors() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let mut call = session.call::<User>(LeaseHolder::new("a"));
    let mut seen = format!("{session:?} {call:?}");
    loop {
        let step = call.poll(world.now());
        seen.push_str(&format!("{step:?}"));
        if let Some(result) = world.carry(&mut call, step) {
            seen.push_str(&format!("{result:?} {:?}", call.take_events()));
            break;
        }
        seen.push_str(&format!("{call:?}"));
    }
    for secret in ["a0", "r0", "a1", "r1", "s3cr3t-client"] {
        assert!(
            !seen.contains(&format!("\"{secret}\"")),
            "{secret} in {seen}"
        );
        assert!(
            !seen.contains(&format!("{secret}\\\"")),
            "{secret} in {seen}"
        );
    }
    assert!(seen.contains("[redacted]"));
}

#[test]
fn a_lease_that_ended_before_the_refresh_is_sent_is_taken_again_first() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let mut call = session.call(LeaseHolder::new("a"));
    for expected in ["get", "try_lease", "get"] {
        assert_eq!(world.step_named(&mut call), expected);
    }
    let lease_ends = call.lease_ends().unwrap();
    assert_eq!(lease_ends - world.now().instant, Duration::from_secs(30));
    world.advance(Duration::from_secs(30)); // a very slow store
    let (result, trace) = world.drive(&mut call);
    result.unwrap();
    assert_eq!(trace, with_refresh(&[], &["done ok"])[..]);
    assert_eq!(world.discord.refreshes, 1);
}

#[test]
fn a_failed_release_does_not_fail_the_call() {
    let (mut world, session) = world(3600);
    world.advance(Duration::from_secs(3600));
    let mut call = session.call(LeaseHolder::new("a"));
    let grant = up_to_the_refresh(&mut world, &mut call);
    let result = world.run_grant(grant);
    call.handle_grant(result, world.now());
    assert_eq!(world.step_named(&mut call), "put_if_version 1");
    let SessionStep::Store(StoreCommand::Release { .. }) = call.poll(world.now()) else {
        panic!()
    };
    let down = StoreError::Unavailable {
        reason: "connection reset".into(),
    };
    call.handle_store(Err(down), world.now());
    let (result, trace) = world.drive(&mut call);
    result.unwrap();
    assert_eq!(trace, ["call a1", "done ok"]);
}

mod schedules {
    //! Random schedules of many calls on one stored token: whichever call
    //! steps next, however the clock jumps, and whichever holders crash
    //! before sending their refresh.
    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone)]
    enum Move {
        /// Step the call at this index (modulo the live ones).
        Step(usize),
        /// Move the clock on by this many seconds.
        Advance(u64),
        /// The call at this index crashes (unless its refresh is in flight).
        Crash(usize),
        /// A new call starts.
        Spawn,
    }

    fn moves() -> impl Strategy<Value = Vec<Move>> {
        let one = prop_oneof![
            8 => any::<usize>().prop_map(Move::Step),
            2 => (0u64..400).prop_map(Move::Advance),
            1 => any::<usize>().prop_map(Move::Crash),
            1 => Just(Move::Spawn),
        ];
        proptest::collection::vec(one, 0..400)
    }

    /// A call succeeds, unless it lived through the token's whole lifetime
    /// (the clock jumped past it twice): then a second 401 is its answer.
    fn check(result: Result<User, SessionError>, age: Duration) -> Result<(), TestCaseError> {
        match result {
            Ok(user) => prop_assert_eq!(user.username, "nelly"),
            Err(SessionError::Discord(Error::Unauthorized { .. }))
                if age >= Duration::from_secs(600 - 60) => {}
            Err(error) => prop_assert!(false, "a call of age {age:?} failed: {error:?}"),
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn every_call_succeeds_with_no_invalid_grant_and_no_lost_version(
            calls in 2usize..12,
            moves in moves(),
        ) {
            let (mut world, session) = world(600);
            // Clock jumps here stand for paused processes: the property is
            // about correctness, so no waiter gives up.
            let policy = RefreshPolicy::default().max_wait(Duration::from_secs(86_400));
            let session = session.with_policy(policy);
            let mut live: Vec<(SessionCall<User>, bool, Duration)> = (0..calls)
                .map(|i| (session.call(LeaseHolder::new(format!("h{i}"))), false, world.elapsed))
                .collect();
            let mut spawned = calls;
            for m in moves {
                if live.is_empty() {
                    break;
                }
                // A refresh is in flight from its send until its lease is
                // released. The protocol assumes the lease outlives it: no
                // clock jump then, and no crash (a crash after the send
                // loses the rotated token — Discord's rotation, not ours).
                let in_flight = live.iter().any(|(_, sent, _)| *sent);
                match m {
                    Move::Step(i) => {
                        let i = i % live.len();
                        let bodies = world.discord.token_bodies.len();
                        let (call, sent, born) = &mut live[i];
                        let result = world.step(call);
                        *sent = call.holds_lease()
                            && (*sent || world.discord.token_bodies.len() > bodies);
                        if let Some(result) = result {
                            let age = world.elapsed - *born;
                            check(result, age)?;
                            live.swap_remove(i);
                        }
                    }
                    Move::Spawn => {
                        let holder = LeaseHolder::new(format!("h{spawned}"));
                        live.push((session.call(holder), false, world.elapsed));
                        spawned += 1;
                    }
                    Move::Advance(s) if !in_flight => world.advance(Duration::from_secs(s)),
                    Move::Advance(_) => {}
                    Move::Crash(i) => {
                        let i = i % live.len();
                        if !live[i].1 {
                            live.swap_remove(i);
                        }
                    }
                }
            }
            // The rest run to their end, one step each in turn (a refresh in
            // flight is never held up past its lease).
            while !live.is_empty() {
                let mut i = 0;
                while i < live.len() {
                    let (call, _, born) = &mut live[i];
                    if let Some(result) = world.step(call) {
                        let age = world.elapsed - *born;
                        check(result, age)?;
                        live.swap_remove(i);
                    } else {
                        i += 1;
                    }
                }
            }
            // The grant is never lost: a new call works.
            let (result, _) = world.drive(&mut session.call(LeaseHolder::new("last")));
            prop_assert_eq!(result.unwrap().username, "nelly");
            prop_assert_eq!(world.discord.invalid_grants, 0);
            let (version, access, _) = stored(&mut world);
            prop_assert_eq!(version, u64::from(world.discord.refreshes) + 1);
            prop_assert_eq!(access, world.discord.access.clone());
        }
    }
}
