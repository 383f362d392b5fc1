//! The Redis scripts against a real `redis-server` (started per test on a
//! Unix socket in a temporary directory): the same meaning as the in-memory
//! store, atomic leases with a server-side TTL, sessions racing through
//! Redis, foreign values, and a server going away mid-refresh.
//!
//! Without `redis-server` installed these tests say so and pass as skipped,
//! unless `CI=true`, where they fail.
#![allow(clippy::unwrap_used)]

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use disco_oauth2::token_store::{
    LeaseHolder, MemoryStore, RedisLayout, SessionError, SessionStep, StoreCommand, StoreError,
    StoreReply, StoredSession, TokenCodec,
};
use disco_oauth2_fake::redis_server::RedisServer;
use support::resp::{Connection, Value};
use support::world::{TestStore, World};

const KEY: &str = "user:80351110224678912";

/// A token store on Redis, carried out with the layout's scripts.
struct RedisStore {
    connection: Connection,
    layout: RedisLayout,
}

impl RedisStore {
    fn new(server: &RedisServer) -> Self {
        Self {
            connection: Connection::open(server.socket()).unwrap(),
            layout: RedisLayout::new("test:"),
        }
    }
}

impl TestStore for RedisStore {
    fn exec(&mut self, command: StoreCommand, _: Instant) -> Result<StoreReply, StoreError> {
        let call = self.layout.call(&command);
        match self.connection.eval(call.script, &call.keys, &call.args) {
            Ok(Ok(reply)) => self.layout.reply(&command, reply),
            Ok(Err(error)) => Err(StoreError::Unavailable { reason: error }),
            Err(error) => Err(StoreError::Unavailable {
                reason: error.to_string(),
            }),
        }
    }
}

fn utc() -> DateTime<Utc> {
    "2026-11-24T12:00:00Z".parse().unwrap()
}

macro_rules! redis_or_skip {
    ($name:literal) => {
        match RedisServer::start($name) {
            Some(server) => server,
            None => return,
        }
    };
}

#[test]
fn the_scripts_mean_what_the_memory_store_means() {
    let server = redis_or_skip!("the_scripts_mean_what_the_memory_store_means");
    let mut redis = RedisStore::new(&server);
    let mut memory = MemoryStore::new();
    let now = Instant::now();
    let key = |k: &str| k.to_owned();
    let put_if = |expected, value: &[u8]| StoreCommand::PutIfVersion {
        key: key("k"),
        expected,
        value: value.to_vec(),
        updated_at: utc(),
    };
    let lease = |holder: &str| StoreCommand::TryLease {
        key: key("k"),
        holder: LeaseHolder::new(holder),
        ttl: Duration::from_secs(30),
    };
    let release = |holder: &str| StoreCommand::Release {
        key: key("k"),
        holder: LeaseHolder::new(holder),
    };
    let commands = [
        StoreCommand::Get { key: key("k") },
        put_if(1, b"not yet"),
        put_if(0, b"\x01\x00binary\xff"),
        StoreCommand::Get { key: key("k") },
        put_if(0, b"again"),
        put_if(1, b"two"),
        put_if(1, b"stale"),
        StoreCommand::Get { key: key("k") },
        StoreCommand::Put {
            key: key("k"),
            value: b"login".to_vec(),
            updated_at: utc(),
        },
        StoreCommand::Get { key: key("k") },
        lease("a"),
        lease("b"),
        release("b"),
        lease("b"),
        release("a"),
        release("a"),
        lease("b"),
        StoreCommand::Delete { key: key("k") },
        StoreCommand::Delete { key: key("k") },
        StoreCommand::Get { key: key("k") },
        StoreCommand::Put {
            key: key("k"),
            value: b"fresh start".to_vec(),
            updated_at: utc(),
        },
    ];
    for command in commands {
        let described = format!("{command:?}");
        let expected = memory.execute(command.clone(), now);
        assert_eq!(redis.exec(command, now), Ok(expected), "{described}");
    }
}

#[test]
fn a_lease_lives_on_the_server_for_its_ttl() {
    let server = redis_or_skip!("a_lease_lives_on_the_server_for_its_ttl");
    let mut redis = RedisStore::new(&server);
    let lease = StoreCommand::TryLease {
        key: KEY.into(),
        holder: LeaseHolder::new("a"),
        ttl: Duration::from_millis(30_000),
    };
    assert_eq!(redis.exec(lease, Instant::now()), Ok(StoreReply::LeaseWon));
    let lease_key = redis.layout.lease_key(KEY);
    let mut connection = Connection::open(server.socket()).unwrap();
    let Value::Int(ttl) = connection
        .command(&[b"PTTL", lease_key.as_bytes()])
        .unwrap()
    else {
        panic!()
    };
    assert!((1..=30_000).contains(&ttl), "{ttl}");
    let holder = connection.command(&[b"GET", lease_key.as_bytes()]).unwrap();
    assert_eq!(holder, Value::Bulk(b"a".to_vec()));
    // The server ends it (as it would for a crashed holder): another wins.
    connection
        .command(&[b"PEXPIRE", lease_key.as_bytes(), b"1"])
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while connection
        .command(&[b"EXISTS", lease_key.as_bytes()])
        .unwrap()
        != Value::Int(0)
    {
        assert!(Instant::now() < deadline);
        std::thread::yield_now();
    }
    let lease = StoreCommand::TryLease {
        key: KEY.into(),
        holder: LeaseHolder::new("b"),
        ttl: Duration::from_secs(30),
    };
    assert_eq!(redis.exec(lease, Instant::now()), Ok(StoreReply::LeaseWon));
}

#[cfg(feature = "sealing")]
fn codec() -> Arc<dyn TokenCodec> {
    Arc::new(disco_oauth2::sealing::SealingKey::from_bytes([9; 32]))
}

#[cfg(not(feature = "sealing"))]
fn codec() -> Arc<dyn TokenCodec> {
    Arc::new(disco_oauth2::token_store::PlainJson)
}

#[test]
fn sessions_racing_through_redis_make_one_refresh_per_expiry() {
    let server = redis_or_skip!("sessions_racing_through_redis_make_one_refresh_per_expiry");
    let mut world = World::new(RedisStore::new(&server), 600);
    let session = world.saved_session(KEY, codec());
    for expiry in 1..=3u32 {
        world.advance(Duration::from_secs(600));
        let calls = (0..20)
            .map(|i| session.call(LeaseHolder::new(format!("{expiry}-{i}"))))
            .collect();
        world.run_interleaved(calls);
        assert_eq!(world.discord.refreshes, expiry);
    }
    assert_eq!(world.discord.invalid_grants, 0);
    let StoreReply::Record(Some(record)) =
        world.exec(StoreCommand::Get { key: KEY.into() }).unwrap()
    else {
        panic!()
    };
    assert_eq!(record.version, 4);
    // What Redis holds is no usable token.
    #[cfg(feature = "sealing")]
    assert!(!record.value.windows(2).any(|w| w == b"a3"));
}

#[test]
fn a_foreign_value_in_redis_is_a_typed_error_and_stays_as_it_is() {
    let server = redis_or_skip!("a_foreign_value_in_redis_is_a_typed_error_and_stays_as_it_is");
    let mut world = World::new(RedisStore::new(&server), 600);
    let session = StoredSession::new(world.client.clone(), KEY, codec());
    let token_key = world.store.layout.token_key(KEY);
    let mut planter = Connection::open(server.socket()).unwrap();
    let mut plant = |value: &[u8]| {
        let command: [&[u8]; 8] = [
            b"HSET",
            token_key.as_bytes(),
            b"version",
            b"7",
            b"token",
            value,
            b"updated_at",
            b"2026-11-24T12:00:00Z",
        ];
        planter.command(&command).unwrap();
    };
    let mut connection = Connection::open(server.socket()).unwrap();
    let mut foreign: Vec<&[u8]> = vec![b"\x02 not ours", b""];
    // Sealed, a token planted in plain text is refused too.
    if cfg!(feature = "sealing") {
        foreign.push(br#"{"access_token": "planted", "expires_in": 999999}"#);
    }
    for value in foreign {
        plant(value);
        let (result, trace) = world.drive(&mut session.call(LeaseHolder::new("a")));
        assert!(
            matches!(
                result,
                Err(SessionError::Store(
                    StoreError::Corrupt { .. } | StoreError::Unsealable(_)
                ))
            ),
            "{result:?}"
        );
        assert_eq!(trace, ["get", "done err"]);
        let StoreReply::Record(Some(record)) =
            world.exec(StoreCommand::Get { key: KEY.into() }).unwrap()
        else {
            panic!()
        };
        assert_eq!((record.version, record.value.as_slice()), (7, value));
    }
    // Not a hash at all.
    connection.command(&[b"DEL", token_key.as_bytes()]).unwrap();
    connection
        .command(&[b"SET", token_key.as_bytes(), b"a string"])
        .unwrap();
    let (result, _) = world.drive(&mut session.call(LeaseHolder::new("a")));
    let Err(SessionError::Store(StoreError::Unavailable { reason })) = result else {
        panic!("{result:?}")
    };
    assert!(reason.starts_with("WRONGTYPE"), "{reason}");
    let value = connection.command(&[b"GET", token_key.as_bytes()]).unwrap();
    assert_eq!(value, Value::Bulk(b"a string".to_vec()));
    assert_eq!(world.discord.token_bodies.len(), 0);
}

#[test]
fn redis_going_away_mid_refresh_is_a_typed_error() {
    let server = redis_or_skip!("redis_going_away_mid_refresh_is_a_typed_error");
    let mut world = World::new(RedisStore::new(&server), 600);
    let session = world.saved_session(KEY, codec());
    world.advance(Duration::from_secs(600));
    let mut call = session.call(LeaseHolder::new("a"));
    for expected in ["get", "try_lease", "get"] {
        assert_eq!(world.step_named(&mut call), expected);
    }
    let SessionStep::Grant(grant) = call.poll(world.now()) else {
        panic!()
    };
    let result = world.run_grant(grant);
    drop(server); // Redis goes away while the refresh is in flight.
    call.handle_grant(result, world.now());
    let (result, trace) = world.drive(&mut call);
    assert!(
        matches!(
            result,
            Err(SessionError::Store(StoreError::Unavailable { .. }))
        ),
        "{result:?}"
    );
    assert_eq!(trace, ["put_if_version 1", "done err"]);
    // And a server that is not there at all.
    let missing = Connection::open(std::path::Path::new("/nonexistent/redis.sock"));
    assert!(missing.is_err());
}
