//! Stored sessions on a real Redis (a private `redis-server` on a Unix
//! socket, started per test) against the fake Discord: separate OS
//! processes sharing one token across real expiries (the fake's tokens live
//! seconds), a holder killed while it holds the lease, foreign values, Redis
//! unreachable, going away mid-refresh, and coming back.
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

use std::io::{BufRead, BufReader, Lines, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use store_support::{
    KEY, LIFETIME, MARGIN, PAUSE, TOKEN_PATH, USER_PATH, count, due_token, expiring_fake,
    expiring_policy, fake,
};

use chrono::Utc;
use disco_oauth2_blocking::disco_oauth2::sealing::SealingKey;
use disco_oauth2_blocking::disco_oauth2::token_store::{
    RedisLayout, RefreshPolicy, SessionError, StoreError,
};
use disco_oauth2_blocking::{AccessToken, Client, Error, RedisStore, StoredSession};
use disco_oauth2_fake::redis_server::RedisServer;
use disco_oauth2_fake::{FakeDiscord, Fault, Tokens};

const LEASE_TTL: Duration = Duration::from_secs(2);
const WORKERS: usize = 4;
const CALLS: usize = 50;
const EXPIRIES: usize = 3;

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

/// A session for the expiring fake: its margin matches the tokens' lifetime.
fn expiring_session(client: &Client, url: &str) -> StoredSession<RedisStore> {
    let policy = expiring_policy().lease_ttl(LEASE_TTL);
    session(client, url).with_policy(policy)
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

/// A worker process: this binary, run again (see [`worker_process`]), told
/// what to do on its stdin and answering on its stdout.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: Lines<BufReader<ChildStdout>>,
}

impl Worker {
    fn spawn(fake: &FakeDiscord, server: &RedisServer) -> Worker {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "worker_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("DISCO_STORE_WORKER", "calls")
            .env("WORKER_REDIS", server.url())
            .env("WORKER_FAKE", fake.api_base())
            .env("WORKER_ID", fake.client_id().to_string())
            .env("WORKER_SECRET", fake.client_secret())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap()).lines();
        Worker {
            child,
            stdin,
            stdout,
        }
    }

    /// Starts `CALLS` callers that call until `until`.
    fn call_until(&mut self, until: SystemTime) {
        let ms = until.duration_since(UNIX_EPOCH).unwrap().as_millis();
        writeln!(self.stdin, "until {ms}").unwrap();
        self.stdin.flush().unwrap();
    }

    /// How many calls the last order made (each succeeded).
    fn calls(&mut self) -> usize {
        for line in self.stdout.by_ref() {
            // The test harness may print `test worker_process ... ` on the same line.
            if let Some((_, report)) = line.unwrap().split_once("WORKER ") {
                let calls = report.strip_prefix("ok ");
                let calls = calls.unwrap_or_else(|| panic!("a worker failed: {report}"));
                return calls.parse().unwrap();
            }
        }
        panic!("a worker ended without answering");
    }

    /// Ends the worker (it exits at the end of its stdin).
    fn finish(self) {
        let Worker {
            mut child, stdin, ..
        } = self;
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}

/// The worker side: does nothing unless run by [`Worker::spawn`]. For each
/// `until <unix ms>` line on stdin, `CALLS` threads with one client and one
/// Redis pool each call, pause and call again until then; it prints
/// `WORKER ok <calls>`, or `WORKER failed …` with the first error.
#[test]
fn worker_process() {
    if std::env::var("DISCO_STORE_WORKER").is_err() {
        return;
    }
    let env = |name: &str| std::env::var(name).unwrap();
    let client = client(
        &env("WORKER_FAKE"),
        env("WORKER_ID").parse().unwrap(),
        &env("WORKER_SECRET"),
    );
    let session = expiring_session(&client, &env("WORKER_REDIS"));
    for line in std::io::stdin().lines() {
        let line = line.unwrap();
        let ms: u64 = line.strip_prefix("until ").unwrap().parse().unwrap();
        let until = UNIX_EPOCH + Duration::from_millis(ms);
        let barrier = Arc::new(Barrier::new(CALLS));
        let threads: Vec<_> = (0..CALLS)
            .map(|_| {
                let (session, barrier) = (session.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    let mut calls = 0;
                    loop {
                        session.fetch_user()?;
                        calls += 1;
                        if SystemTime::now() >= until {
                            return Ok::<_, Error>(calls);
                        }
                        std::thread::sleep(PAUSE);
                    }
                })
            })
            .collect();
        let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        match results.iter().find_map(|r| r.as_ref().err()) {
            Some(error) => println!("WORKER failed: {error}"),
            None => println!("WORKER ok {}", results.iter().flatten().sum::<usize>()),
        }
    }
}

/// When the stored token is due, by the wall clock.
fn due_at(parent: &StoredSession<RedisStore>) -> SystemTime {
    let token = parent.stored_token().unwrap().unwrap();
    SystemTime::from(token.expires_at) - MARGIN
}

fn sleep_until(at: SystemTime) {
    if let Ok(left) = at.duration_since(SystemTime::now()) {
        std::thread::sleep(left);
    }
}

/// Has every worker call from a little before the stored token's expiry to
/// a little after; returns how many calls they made and the refreshes the
/// fake saw meanwhile.
fn across_the_next_expiry(
    workers: &mut [Worker],
    parent: &StoredSession<RedisStore>,
    fake: &FakeDiscord,
    tokens: &Tokens,
) -> (usize, u64) {
    let due = due_at(parent);
    sleep_until(due - Duration::from_millis(300));
    let before = fake.refresh_count(&tokens.access_token);
    for worker in workers.iter_mut() {
        worker.call_until(due + Duration::from_millis(500));
    }
    let calls = workers.iter_mut().map(Worker::calls).sum();
    (calls, fake.refresh_count(&tokens.access_token) - before)
}

#[test]
fn processes_share_one_refresh_per_expiry_and_outlive_a_crashed_holder() {
    let server = redis_or_skip!("processes_share_one_refresh_per_expiry");
    let fake = expiring_fake();
    let base = (fake.api_base(), fake.application_id(), fake.client_secret());
    let parent = expiring_session(&client(&base.0, base.1, &base.2), &server.url());
    let mut workers: Vec<_> = (0..WORKERS)
        .map(|_| Worker::spawn(&fake, &server))
        .collect();
    let mut victim = Worker::spawn(&fake, &server);
    // Logged in with a token of the fake's that is due already.
    let tokens = fake.grant(&["identify", "guilds"]);
    parent
        .login(&store_support::token(&tokens, MARGIN.as_secs(), true))
        .unwrap();

    // The victim's refresh is held at the fake, and the victim killed while
    // it holds the lease. The others wait for the lease's time-to-live, then
    // one of them refreshes.
    fake.inject_at(TOKEN_PATH, Fault::Delay(Duration::from_secs(30)), 1);
    victim.call_until(SystemTime::now() + Duration::from_secs(60));
    let deadline = Instant::now() + Duration::from_secs(10);
    while count(&fake.requests(), TOKEN_PATH) == 0 {
        assert!(Instant::now() < deadline, "the victim sent no refresh");
        std::thread::sleep(Duration::from_millis(5));
    }
    let leased_by_then = Utc::now();
    victim.child.kill().unwrap();
    victim.child.wait().unwrap();
    for worker in workers.iter_mut() {
        worker.call_until(SystemTime::now() + LEASE_TTL + Duration::from_millis(500));
    }
    let calls: usize = workers.iter_mut().map(Worker::calls).sum();
    assert!(calls >= WORKERS * CALLS);
    assert_eq!(
        fake.refresh_count(&tokens.access_token),
        1,
        "after the crash: one refresh"
    );
    let refreshed_at = parent.stored_token().unwrap().unwrap().expires_at - LIFETIME;
    let waited = (refreshed_at - leased_by_then).to_std().unwrap_or_default();
    assert!(
        waited >= LEASE_TTL - Duration::from_millis(100),
        "the survivors waited for the crashed holder's lease to end: {waited:?}"
    );

    // Then each expiry, straddled by 4 × 50 callers: one refresh.
    for expiry in 1..=EXPIRIES {
        let user_calls = count(&fake.requests(), USER_PATH);
        let (calls, refreshes) = across_the_next_expiry(&mut workers, &parent, &fake, &tokens);
        assert_eq!(
            refreshes, 1,
            "expiry {expiry}: one refresh for {WORKERS} processes"
        );
        assert!(calls >= WORKERS * CALLS, "expiry {expiry}: {calls} calls");
        assert!(count(&fake.requests(), USER_PATH) - user_calls >= calls);
    }
    for worker in workers {
        worker.finish();
    }

    // One refresh per expiry, never revoked; the stored refresh token is the
    // live one; one version per write (1 login, EXPIRIES + 1 refreshes).
    assert_eq!(
        fake.refresh_count(&tokens.access_token),
        EXPIRIES as u64 + 1
    );
    assert!(fake.grant_alive(&tokens.access_token));
    assert!(!fake.grant_revoked_for_reuse(&tokens.access_token));
    let stored = parent.stored_token().unwrap().unwrap();
    assert!(fake.refresh_token_alive(stored.refresh_token.as_ref().unwrap().secret()));
    assert_eq!(
        token_field(&server, "version").unwrap(),
        (EXPIRIES + 2).to_string().into_bytes()
    );
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

#[test]
fn the_pool_reconnects_once_redis_is_back() {
    let mut server = redis_or_skip!("redis_comes_back");
    let fake = fake();
    let parent = parent_session(&fake, &server);
    let token = store_support::token(&fake.grant(&["identify"]), 604_800, true);
    parent.login(&token).unwrap();
    parent.fetch_user().unwrap();

    // Redis goes away: a call fails, typed, within the pool's 5 s wait.
    server.kill();
    let started = Instant::now();
    let error = store_error(parent.fetch_user());
    assert!(matches!(error, StoreError::Unavailable { .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(6));
    // It comes back on the same socket (empty): the next call succeeds.
    server.restart();
    assert_eq!(parent.login(&token).unwrap(), 1);
    assert_eq!(parent.fetch_user().unwrap().id.get(), fake.user_id());
}
