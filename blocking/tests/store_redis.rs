//! Stored sessions on a real Redis (a private `redis-server` on a Unix
//! socket, started per test) against the fake Discord: separate OS
//! processes sharing one token, a holder killed while it holds the lease,
//! foreign values, Redis unreachable or going away mid-refresh.
//!
//! The worker processes are this test binary, run again with
//! `DISCO_STORE_WORKER` set (see [`worker_process`]). Without
//! `redis-server` installed the tests say so and pass as skipped, unless
//! `CI=true`, where they fail.
#![cfg(all(unix, feature = "redis"))]
#![allow(clippy::unwrap_used, missing_docs)]

#[macro_use]
#[path = "store_support/mod.rs"]
mod store_support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};
use store_support::{KEY, TOKEN_PATH, USER_PATH, count, due_token, fake};

use chrono::Utc;
use disco_oauth2_blocking::disco_oauth2::sealing::SealingKey;
use disco_oauth2_blocking::disco_oauth2::token_store::{
    LeaseHolder, RedisLayout, RefreshPolicy, SessionError, StoreCommand, StoreError, StoreReply,
};
use disco_oauth2_blocking::{AccessToken, Client, Error, RedisStore, StoredSession, TokenStore};
use disco_oauth2_fake::redis_server::RedisServer;
use disco_oauth2_fake::{FakeDiscord, Fault};

const LEASE_TTL: Duration = Duration::from_secs(2);
const WORKERS: usize = 4;
const CALLS: usize = 50;

fn sealing_key() -> Arc<SealingKey> {
    Arc::new(SealingKey::from_bytes([7; 32]))
}

fn layout() -> RedisLayout {
    RedisLayout::new("test:")
}

fn client(base: &str, id: u64, secret: &str) -> Client {
    Client::builder(id)
        .client_secret(secret)
        .api_base(base)
        .global_rate_limit(None)
        .build()
        .unwrap()
}

fn session(client: &Client, url: &str) -> StoredSession<RedisStore> {
    let store = Arc::new(RedisStore::open(url, layout()).unwrap());
    let policy = RefreshPolicy::default().lease_ttl(LEASE_TTL);
    client
        .stored_session(KEY, store, sealing_key())
        .with_policy(policy)
}

fn parent_session(fake: &FakeDiscord, server: &RedisServer) -> StoredSession<RedisStore> {
    let client = client(
        &fake.api_base(),
        fake.application_id(),
        &fake.client_secret(),
    );
    session(&client, &server.url())
}

fn redis(server: &RedisServer) -> redis::Connection {
    redis::Client::open(server.url())
        .unwrap()
        .get_connection()
        .unwrap()
}

fn token_field(server: &RedisServer, field: &str) -> Option<Vec<u8>> {
    redis::cmd("HGET")
        .arg(format!("test:{{{KEY}}}:token"))
        .arg(field)
        .query(&mut redis(server))
        .unwrap()
}

/// This binary, run again as a worker process.
fn spawn_worker(mode: &str, fake: &FakeDiscord, server: &RedisServer) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "worker_process",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("DISCO_STORE_WORKER", mode)
        .env("WORKER_REDIS", server.url())
        .env("WORKER_FAKE", fake.api_base())
        .env("WORKER_ID", fake.client_id().to_string())
        .env("WORKER_SECRET", fake.client_secret())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// Waits for a worker and returns what it printed after `WORKER `.
fn report(child: Child) -> Vec<String> {
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "a worker failed: {text}");
    // The test harness may print `test worker_process ... ` on the same line.
    let lines = text
        .lines()
        .filter_map(|l| l.split_once("WORKER ").map(|(_, r)| r));
    lines.map(str::to_owned).collect()
}

/// The worker side: does nothing unless run by [`spawn_worker`]. `calls`
/// makes 50 concurrent calls with its own client and Redis connection;
/// `hold` takes the refresh lease and never lets go (it is killed).
#[test]
fn worker_process() {
    let Ok(mode) = std::env::var("DISCO_STORE_WORKER") else {
        return;
    };
    let env = |name: &str| std::env::var(name).unwrap();
    let client = client(
        &env("WORKER_FAKE"),
        env("WORKER_ID").parse().unwrap(),
        &env("WORKER_SECRET"),
    );
    let session = session(&client, &env("WORKER_REDIS"));
    if mode == "hold" {
        let holder = LeaseHolder::new("a process that crashes");
        let lease = StoreCommand::TryLease {
            key: KEY.into(),
            holder,
            ttl: LEASE_TTL,
        };
        assert_eq!(
            session.store().execute(lease).unwrap(),
            StoreReply::LeaseWon
        );
        println!("WORKER holding");
        std::thread::sleep(Duration::from_secs(60));
        return;
    }
    let barrier = Arc::new(Barrier::new(CALLS));
    let threads: Vec<_> = (0..CALLS)
        .map(|_| {
            let (session, barrier) = (session.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                session.fetch_user()
            })
        })
        .collect();
    let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let failed: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert!(
        failed.is_empty(),
        "{} calls failed, first: {}",
        failed.len(),
        failed[0]
    );
    println!("WORKER ok {}", results.len());
}

/// Makes the stored token due again: the same token, expiring within the margin.
fn expire_soon(session: &StoredSession<RedisStore>) -> String {
    let mut token = session.stored_token().unwrap().unwrap();
    token.expires_at = Utc::now() + chrono::TimeDelta::seconds(30);
    session.login(&token).unwrap();
    token.refresh_token.unwrap().secret().to_owned()
}

/// Runs `WORKERS` processes at once; asserts every call of each succeeded.
fn run_workers(fake: &FakeDiscord, server: &RedisServer) {
    let children: Vec<_> = (0..WORKERS)
        .map(|_| spawn_worker("calls", fake, server))
        .collect();
    for child in children {
        assert_eq!(report(child), [format!("ok {CALLS}")]);
    }
}

#[test]
fn processes_share_one_refresh_per_expiry_and_outlive_a_crashed_holder() {
    let server = redis_or_skip!("processes_share_one_refresh_per_expiry");
    let fake = fake();
    let parent = parent_session(&fake, &server);
    parent.login(&due_token(&fake)).unwrap();
    let mut used = Vec::new();

    for round in 0..3 {
        used.push(if round == 0 {
            parent
                .stored_token()
                .unwrap()
                .unwrap()
                .refresh_token
                .unwrap()
                .secret()
                .to_owned()
        } else {
            expire_soon(&parent)
        });
        let before = fake.requests();
        run_workers(&fake, &server);
        let after = fake.requests();
        let refreshes = count(&after, TOKEN_PATH) - count(&before, TOKEN_PATH);
        assert_eq!(
            refreshes, 1,
            "round {round}: one refresh for {WORKERS} processes"
        );
        let calls = count(&after, USER_PATH) - count(&before, USER_PATH);
        assert_eq!(calls, WORKERS * CALLS, "round {round}: no call was refused");
    }

    // A process takes the lease and dies before refreshing: the others wait
    // for its time-to-live, then one of them refreshes.
    used.push(expire_soon(&parent));
    let mut victim = spawn_worker("hold", &fake, &server);
    let holding = BufReader::new(victim.stdout.as_mut().unwrap())
        .lines()
        .map(Result::unwrap)
        .any(|l| l.ends_with("WORKER holding"));
    assert!(holding, "the victim took the lease");
    victim.kill().unwrap();
    victim.wait().unwrap();
    let (before, started) = (fake.requests(), Instant::now());
    run_workers(&fake, &server);
    let refreshes = count(&fake.requests(), TOKEN_PATH) - count(&before, TOKEN_PATH);
    assert_eq!(refreshes, 1, "after the crash: one refresh");
    assert!(
        started.elapsed() >= LEASE_TTL / 2,
        "the survivors waited for the lease"
    );

    // Every refresh token used once is dead; the grant is alive.
    let stored = parent.stored_token().unwrap().unwrap();
    for refresh_token in &used {
        assert!(!fake.refresh_token_alive(refresh_token));
    }
    assert!(fake.refresh_token_alive(stored.refresh_token.as_ref().unwrap().secret()));
    assert!(fake.access_token_alive(stored.access_token.secret()));
    // 1 login, 3 tokens made due again, 4 refreshes.
    assert_eq!(token_field(&server, "version").unwrap(), b"8");
}

fn store_error(result: Result<disco_oauth2_blocking::User, Error>) -> StoreError {
    match result {
        Err(Error::Session(SessionError::Store(error))) => error,
        other => panic!("expected a store error, got {other:?}"),
    }
}

#[test]
fn foreign_and_corrupt_values_are_typed_errors_and_left_alone() {
    let server = redis_or_skip!("foreign_and_corrupt_values");
    let fake = fake();
    let parent = parent_session(&fake, &server);
    let hset = |fields: &[(&str, &[u8])]| {
        let mut cmd = redis::cmd("HSET");
        cmd.arg(format!("test:{{{KEY}}}:token"));
        for (name, value) in fields {
            cmd.arg(*name).arg(*value);
        }
        let () = cmd.query(&mut redis(&server)).unwrap();
    };
    let now = b"2026-11-24T12:00:00.000Z";

    // Bytes that are not sealed at all, a plain JSON token, a value sealed
    // for another key, a value sealed with another key.
    let token = serde_json_token(&due_token(&fake));
    let other_key = SealingKey::from_bytes([8; 32])
        .seal(KEY.as_bytes(), &token)
        .unwrap();
    let other_user = SealingKey::from_bytes([7; 32])
        .seal(b"user:1", &token)
        .unwrap();
    for value in [b"garbage".to_vec(), token.clone(), other_key, other_user] {
        hset(&[("version", b"1"), ("token", &value), ("updated_at", now)]);
        assert!(matches!(
            store_error(parent.fetch_user()),
            StoreError::Unsealable(_)
        ));
        assert_eq!(
            token_field(&server, "token").unwrap(),
            value,
            "left as it was"
        );
        assert_eq!(token_field(&server, "version").unwrap(), b"1");
    }
    // A record that is not this library's shape.
    hset(&[("version", b"not a number")]);
    assert!(matches!(
        store_error(parent.fetch_user()),
        StoreError::Corrupt { .. }
    ));
    assert_eq!(token_field(&server, "version").unwrap(), b"not a number");
    assert!(fake.requests().is_empty(), "nothing was sent to Discord");
}

fn serde_json_token(token: &AccessToken) -> Vec<u8> {
    use disco_oauth2_blocking::disco_oauth2::token_store::{PlainJson, TokenCodec};
    PlainJson.encode(KEY, token).unwrap()
}

#[test]
fn redis_unreachable_is_a_typed_error() {
    let fake = fake();
    let client = client(
        &fake.api_base(),
        fake.application_id(),
        &fake.client_secret(),
    );
    let session = session(&client, "unix:///nonexistent/disco-oauth2/redis.sock");
    assert!(matches!(
        store_error(session.fetch_user()),
        StoreError::Unavailable { .. }
    ));
    assert!(matches!(
        session.login(&due_token(&fake)),
        Err(Error::Session(SessionError::Store(
            StoreError::Unavailable { .. }
        )))
    ));
    assert!(fake.requests().is_empty());
}

/// Logs a due token in, starts a call whose refresh the fake holds for
/// 300 ms, and returns once that refresh is out.
fn call_while_refreshing(
    fake: &FakeDiscord,
    session: &StoredSession<RedisStore>,
) -> std::thread::JoinHandle<Result<disco_oauth2_blocking::User, Error>> {
    session.login(&due_token(fake)).unwrap();
    fake.inject_at(TOKEN_PATH, Fault::Delay(Duration::from_millis(300)), 1);
    let call = std::thread::spawn({
        let session = session.clone();
        move || session.fetch_user()
    });
    refresh_in_flight(fake);
    call
}

/// Waits until the fake has received a refresh request.
fn refresh_in_flight(fake: &FakeDiscord) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while count(&fake.requests(), TOKEN_PATH) == 0 {
        assert!(Instant::now() < deadline, "no refresh was sent");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn redis_going_away_mid_refresh_is_a_typed_error() {
    let mut server = redis_or_skip!("redis_going_away_mid_refresh");
    let fake = fake();
    let parent = parent_session(&fake, &server);
    let call = call_while_refreshing(&fake, &parent);
    server.kill();
    assert!(matches!(
        store_error(call.join().unwrap()),
        StoreError::Unavailable { .. }
    ));
}

#[test]
fn a_newer_token_written_during_a_refresh_is_never_overwritten() {
    let server = redis_or_skip!("a_newer_token_is_never_overwritten");
    let fake = fake();
    let parent = parent_session(&fake, &server);
    let call = call_while_refreshing(&fake, &parent);
    // The user logs in again elsewhere while the refresh is out.
    let mut newer = due_token(&fake);
    newer.expires_at = Utc::now() + chrono::TimeDelta::days(7);
    assert_eq!(parent.login(&newer).unwrap(), 2);
    assert!(
        call.join().unwrap().is_ok(),
        "the call used the newer token"
    );
    let stored = parent.stored_token().unwrap().unwrap();
    assert_eq!(stored.access_token.secret(), newer.access_token.secret());
    assert_eq!(token_field(&server, "version").unwrap(), b"2");
}
