//! The comparisons of a run, each interleaving library rounds and raw rounds
//! against the same loopback server.

use std::time::{Duration, Instant};

use disco_oauth2::BearerToken;
use disco_oauth2::model::{Connection, Guild, User};

use crate::bodies::{CONNECTIONS, GUILDS_PER_PAGE};
use crate::plain::{PlainConnection, PlainGuild, PlainUser};
use crate::raw_async::RawAsync;
use crate::raw_blocking::RawBlocking;
use crate::server::LoopbackServer;
use crate::settings::{GlobalRateLimit, Settings};
use crate::stats::Comparison;
use crate::{BenchError, USER_ID};

/// The application id both sides authenticate as.
pub const CLIENT_ID: u64 = 157730590492196864;
/// The client secret both sides send.
pub const CLIENT_SECRET: &str = "bench-secret";
/// The redirect URI both sides send.
pub const REDIRECT_URI: &str = "https://nicememe.website/callback";
/// The bearer token of the `fetch_user` loops.
pub const BEARER: &str = "6qrZcUqja7812RVdnEKjpzOL4CvHBFG";

/// How many operations a warm-up round makes: a tenth of a round, at least one.
pub fn warm_up(ops: usize) -> usize {
    (ops / 10).max(1)
}

/// How many rounds a comparison runs, and the run's `--only` filter.
#[derive(Clone, Copy)]
struct Rounds<'a> {
    count: usize,
    only: Option<&'a str>,
}

/// Runs `round(n)` once to warm up with [`warm_up`]`(n)` operations, then
/// `rounds.count` times per side, alternating which side goes first;
/// nothing when `rounds.only` is given and `name` does not contain it.
fn compare(
    name: &'static str,
    unit: &'static str,
    n: usize,
    scale: usize,
    rounds: Rounds<'_>,
    mut library: impl FnMut(usize) -> Result<(), BenchError>,
    mut raw: impl FnMut(usize) -> Result<(), BenchError>,
) -> Result<Option<Comparison>, BenchError> {
    if rounds.only.is_some_and(|only| !name.contains(only)) {
        return Ok(None);
    }
    let rounds = rounds.count;
    library(warm_up(n))?;
    raw(warm_up(n))?;
    let mut comparison = Comparison {
        name,
        unit,
        ops_per_round: n * scale,
        library: Vec::with_capacity(rounds),
        raw: Vec::with_capacity(rounds),
    };
    for round in 0..rounds {
        if round % 2 == 0 {
            comparison.library.push(timed(|| library(n))?);
            comparison.raw.push(timed(|| raw(n))?);
        } else {
            comparison.raw.push(timed(|| raw(n))?);
            comparison.library.push(timed(|| library(n))?);
        }
    }
    Ok(Some(comparison))
}

fn timed(f: impl FnOnce() -> Result<(), BenchError>) -> Result<Duration, BenchError> {
    let start = Instant::now();
    f()?;
    Ok(start.elapsed())
}

fn check_user(user: &User) -> Result<(), BenchError> {
    if user.id.get() != USER_ID {
        return Err(format!("the library parsed user {}", user.id).into());
    }
    Ok(())
}

fn check_plain_user(user: &PlainUser) -> Result<(), BenchError> {
    if user.id != USER_ID.to_string() {
        return Err(format!("the raw client parsed user {}", user.id).into());
    }
    Ok(())
}

fn check_lists(guilds: usize, connections: usize) -> Result<(), BenchError> {
    if guilds != GUILDS_PER_PAGE || connections != CONNECTIONS {
        return Err(format!("parsed {guilds} guilds and {connections} connections").into());
    }
    Ok(())
}

/// The library client both runtimes build: the bench's app, pointed at the
/// loopback server, with the run's global rate limit. (The two runtimes'
/// builders are different types with the same methods.)
macro_rules! configure {
    ($builder:expr, $server:expr, $limit:expr) => {{
        let builder = $builder
            .client_secret(CLIENT_SECRET)
            .redirect_uri(REDIRECT_URI)
            .api_base($server.api_base());
        match $limit {
            GlobalRateLimit::LibraryDefault => builder,
            GlobalRateLimit::Off => builder.global_rate_limit(None),
            GlobalRateLimit::PerSecond(n) => builder.global_rate_limit(Some(n)),
        }
    }};
}

/// How many requests of each route a run with `settings` (and no `only`) makes, on both
/// sides together: `(token, user, guilds, connections)`.
pub fn expected_requests(settings: &Settings) -> (u64, u64, u64, u64) {
    let side = |n: usize| (settings.rounds * n + warm_up(n)) as u64;
    let flows = 2 * 2 * (settings.flow_rounds * settings.flows + warm_up(settings.flows)) as u64;
    let users = 2 * 2 * side(settings.sequential_calls)
        + 2 * settings.concurrent_tasks as u64 * side(settings.calls_per_task)
        + flows;
    (flows, users, flows, flows)
}

/// Runs every comparison against `server`, in this order: sequential
/// `fetch_user` (blocking, async), concurrent `fetch_user` (async), the full
/// login flow (blocking, async).
pub fn run(settings: &Settings, server: &LoopbackServer) -> Result<Vec<Comparison>, BenchError> {
    let base = server.api_base();
    let limit = settings.global_rate_limit;
    let lib_blocking = configure!(
        disco_oauth2_blocking::Client::builder(CLIENT_ID),
        server,
        limit
    )
    .build()?;
    let lib_async = configure!(
        disco_oauth2_async::Client::builder(CLIENT_ID),
        server,
        limit
    )
    .build()?;
    let raw_blocking = RawBlocking::new(&base, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI);
    let raw_async = RawAsync::new(&base, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let bearer = BearerToken::new(BEARER);
    let rounds = settings.rounds;
    let only = settings.only.as_deref();
    let mut out = Vec::new();

    out.extend(compare(
        "fetch_user sequential, blocking vs raw ureq",
        "call",
        settings.sequential_calls,
        1,
        Rounds {
            count: rounds,
            only,
        },
        |n| {
            for _ in 0..n {
                check_user(&lib_blocking.fetch_user(&bearer)?)?;
            }
            Ok(())
        },
        |n| {
            for _ in 0..n {
                check_plain_user(&raw_blocking.fetch_user(BEARER)?)?;
            }
            Ok(())
        },
    )?);

    out.extend(compare(
        "fetch_user sequential, async vs raw reqwest",
        "call",
        settings.sequential_calls,
        1,
        Rounds {
            count: rounds,
            only,
        },
        |n| {
            let client = lib_async.clone();
            let bearer = bearer.clone();
            runtime.block_on(runtime.spawn(async move {
                for _ in 0..n {
                    check_user(&client.fetch_user(&bearer).await?)?;
                }
                Ok::<(), BenchError>(())
            }))?
        },
        |n| {
            let client = raw_async.clone();
            runtime.block_on(runtime.spawn(async move {
                for _ in 0..n {
                    check_plain_user(&client.fetch_user(BEARER).await?)?;
                }
                Ok::<(), BenchError>(())
            }))?
        },
    )?);

    let tasks = settings.concurrent_tasks;
    out.extend(compare(
        "fetch_user concurrent tasks on one client, async vs raw reqwest",
        "call",
        settings.calls_per_task,
        tasks,
        Rounds {
            count: rounds,
            only,
        },
        |n| {
            runtime.block_on(async {
                let handles: Vec<_> = (0..tasks)
                    .map(|_| {
                        let client = lib_async.clone();
                        let bearer = bearer.clone();
                        tokio::spawn(async move {
                            for _ in 0..n {
                                check_user(&client.fetch_user(&bearer).await?)?;
                            }
                            Ok::<(), BenchError>(())
                        })
                    })
                    .collect();
                for handle in handles {
                    handle.await??;
                }
                Ok(())
            })
        },
        |n| {
            runtime.block_on(async {
                let handles: Vec<_> = (0..tasks)
                    .map(|_| {
                        let client = raw_async.clone();
                        tokio::spawn(async move {
                            for _ in 0..n {
                                check_plain_user(&client.fetch_user(BEARER).await?)?;
                            }
                            Ok::<(), BenchError>(())
                        })
                    })
                    .collect();
                for handle in handles {
                    handle.await??;
                }
                Ok(())
            })
        },
    )?);

    out.extend(compare(
        "login flow (token + user + guilds + connections), blocking vs raw ureq",
        "flow",
        settings.flows,
        1,
        Rounds {
            count: settings.flow_rounds,
            only,
        },
        |n| {
            for _ in 0..n {
                let token = lib_blocking.exchange_code("bench-code")?;
                let mut session = lib_blocking.user(token);
                check_user(&session.fetch_user()?)?;
                let guilds: Vec<Guild> = session.fetch_guilds()?;
                let connections: Vec<Connection> = session.fetch_connections()?;
                check_lists(guilds.len(), connections.len())?;
            }
            Ok(())
        },
        |n| {
            for _ in 0..n {
                let token = raw_blocking.exchange_code("bench-code")?;
                check_plain_user(&raw_blocking.fetch_user(&token.access_token)?)?;
                let guilds: Vec<PlainGuild> = raw_blocking.fetch_guilds(&token.access_token)?;
                let connections: Vec<PlainConnection> =
                    raw_blocking.fetch_connections(&token.access_token)?;
                check_lists(guilds.len(), connections.len())?;
            }
            Ok(())
        },
    )?);

    out.extend(compare(
        "login flow (token + user + guilds + connections), async vs raw reqwest",
        "flow",
        settings.flows,
        1,
        Rounds {
            count: settings.flow_rounds,
            only,
        },
        |n| {
            let client = lib_async.clone();
            runtime.block_on(runtime.spawn(async move {
                for _ in 0..n {
                    let token = client.exchange_code("bench-code").await?;
                    let mut session = client.user(token);
                    check_user(&session.fetch_user().await?)?;
                    let guilds: Vec<Guild> = session.fetch_guilds().await?;
                    let connections: Vec<Connection> = session.fetch_connections().await?;
                    check_lists(guilds.len(), connections.len())?;
                }
                Ok::<(), BenchError>(())
            }))?
        },
        |n| {
            let client = raw_async.clone();
            runtime.block_on(runtime.spawn(async move {
                for _ in 0..n {
                    let token = client.exchange_code("bench-code").await?;
                    check_plain_user(&client.fetch_user(&token.access_token).await?)?;
                    let guilds: Vec<PlainGuild> = client.fetch_guilds(&token.access_token).await?;
                    let connections: Vec<PlainConnection> =
                        client.fetch_connections(&token.access_token).await?;
                    check_lists(guilds.len(), connections.len())?;
                }
                Ok::<(), BenchError>(())
            }))?
        },
    )?);

    Ok(out)
}
