//! A profiling target: the login flow (`exchange_code`, then `fetch_user`,
//! `fetch_guilds` and `fetch_connections` with the new token) in a loop
//! against the loopback server, through the blocking runtime, with the
//! library's default limiter. `--raw` makes the same four requests over the
//! raw client; `--async` runs either side on one tokio worker (then read the
//! worker's thread file).
//!
//! ```text
//! cargo build -p disco-oauth2-bench --release --example flow_loop
//! valgrind --tool=callgrind --separate-threads=yes \
//!     target/release/examples/flow_loop 300
//! ```

use disco_oauth2_bench::bodies::{CONNECTIONS, GUILDS_PER_PAGE};
use disco_oauth2_bench::measures::{CLIENT_ID, CLIENT_SECRET, REDIRECT_URI};
use disco_oauth2_bench::raw_async::RawAsync;
use disco_oauth2_bench::raw_blocking::RawBlocking;
use disco_oauth2_bench::server::LoopbackServer;
use disco_oauth2_bench::{BenchError, USER_ID};

const CODE: &str = "bench-code";

fn main() -> Result<(), BenchError> {
    let (mut flows, mut raw, mut on_tokio) = (300usize, false, false);
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--raw" => raw = true,
            "--async" => on_tokio = true,
            _ => flows = arg.parse()?,
        }
    }
    let server = LoopbackServer::start()?;
    let base = server.api_base();
    let check = |user: bool, guilds: usize, connections: usize| {
        assert!(user, "the user parsed");
        assert_eq!((guilds, connections), (GUILDS_PER_PAGE, CONNECTIONS));
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    match (on_tokio, raw) {
        (false, false) => {
            let client = disco_oauth2_blocking::Client::builder(CLIENT_ID)
                .client_secret(CLIENT_SECRET)
                .redirect_uri(REDIRECT_URI)
                .api_base(base)
                .build()?;
            for _ in 0..flows {
                let mut session = client.user(client.exchange_code(CODE)?);
                let user = session.fetch_user()?.id.get() == USER_ID;
                check(
                    user,
                    session.fetch_guilds()?.len(),
                    session.fetch_connections()?.len(),
                );
            }
        }
        (false, true) => {
            let client = RawBlocking::new(&base, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI);
            for _ in 0..flows {
                let token = client.exchange_code(CODE)?.access_token;
                let user = client.fetch_user(&token)?.id == USER_ID.to_string();
                let guilds = client.fetch_guilds(&token)?.len();
                check(user, guilds, client.fetch_connections(&token)?.len());
            }
        }
        (true, false) => {
            let client = disco_oauth2_async::Client::builder(CLIENT_ID)
                .client_secret(CLIENT_SECRET)
                .redirect_uri(REDIRECT_URI)
                .api_base(base)
                .build()?;
            runtime.block_on(runtime.spawn(async move {
                for _ in 0..flows {
                    let mut session = client.user(client.exchange_code(CODE).await?);
                    let user = session.fetch_user().await?.id.get() == USER_ID;
                    let guilds = session.fetch_guilds().await?.len();
                    check(user, guilds, session.fetch_connections().await?.len());
                }
                Ok::<(), BenchError>(())
            }))??;
        }
        (true, true) => {
            let client = RawAsync::new(&base, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)?;
            runtime.block_on(runtime.spawn(async move {
                for _ in 0..flows {
                    let token = client.exchange_code(CODE).await?.access_token;
                    let user = client.fetch_user(&token).await?.id == USER_ID.to_string();
                    let guilds = client.fetch_guilds(&token).await?.len();
                    check(user, guilds, client.fetch_connections(&token).await?.len());
                }
                Ok::<(), BenchError>(())
            }))??;
        }
    }
    println!("{flows} flows, server saw {:?}", server.counts());
    Ok(())
}
