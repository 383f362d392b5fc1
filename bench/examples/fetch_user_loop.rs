//! A profiling target: `fetch_user` in a loop against the loopback server,
//! through the blocking runtime (or the raw ureq agent with `--raw`, the async
//! runtime on one tokio worker with `--async`, raw reqwest on that worker with
//! `--async --raw`; `--tasks N` splits the async calls among N tasks,
//! `--workers N` gives tokio N worker threads instead of one).
//!
//! ```text
//! cargo build -p disco-oauth2-bench --release --example fetch_user_loop
//! valgrind --tool=callgrind --separate-threads=yes \
//!     target/release/examples/fetch_user_loop 2000
//! ```

use disco_oauth2::BearerToken;
use disco_oauth2_bench::measures::{BEARER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI};
use disco_oauth2_bench::raw_async::RawAsync;
use disco_oauth2_bench::raw_blocking::RawBlocking;
use disco_oauth2_bench::server::LoopbackServer;
use disco_oauth2_bench::{BenchError, USER_ID};

fn main() -> Result<(), BenchError> {
    let mut calls = 2000usize;
    let mut raw = false;
    let mut on_tokio = false;
    let mut tasks = 1usize;
    let mut workers = 1usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--workers" {
            workers = args.next().unwrap_or_default().parse()?;
        } else if arg == "--tasks" {
            tasks = args.next().unwrap_or_default().parse()?;
        } else if arg == "--raw" {
            raw = true;
        } else if arg == "--async" {
            on_tokio = true;
        } else {
            calls = arg.parse()?;
        }
    }
    let server = LoopbackServer::start()?;
    if on_tokio && raw {
        let client = RawAsync::new(&server.api_base(), CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)?;
        let runtime = runtime(workers)?;
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                let client = client.clone();
                runtime.spawn(async move {
                    for _ in 0..calls / tasks {
                        let user = client.fetch_user(BEARER).await?;
                        assert_eq!(user.id, USER_ID.to_string());
                    }
                    Ok::<(), BenchError>(())
                })
            })
            .collect();
        for handle in handles {
            runtime.block_on(handle)??;
        }
    } else if on_tokio {
        let client = disco_oauth2_async::Client::builder(CLIENT_ID)
            .client_secret(CLIENT_SECRET)
            .redirect_uri(REDIRECT_URI)
            .api_base(server.api_base())
            .build()?;
        let bearer = BearerToken::new(BEARER);
        let runtime = runtime(workers)?;
        let handles: Vec<_> = (0..tasks)
            .map(|_| {
                let (client, bearer) = (client.clone(), bearer.clone());
                runtime.spawn(async move {
                    for _ in 0..calls / tasks {
                        let user = client.fetch_user(&bearer).await?;
                        assert_eq!(user.id.get(), USER_ID);
                    }
                    Ok::<(), BenchError>(())
                })
            })
            .collect();
        for handle in handles {
            runtime.block_on(handle)??;
        }
    } else if raw {
        let client = RawBlocking::new(&server.api_base(), CLIENT_ID, CLIENT_SECRET, REDIRECT_URI);
        for _ in 0..calls {
            let user = client.fetch_user(BEARER)?;
            assert_eq!(user.id, USER_ID.to_string());
        }
    } else {
        let client = disco_oauth2_blocking::Client::builder(CLIENT_ID)
            .client_secret(CLIENT_SECRET)
            .redirect_uri(REDIRECT_URI)
            .api_base(server.api_base())
            .build()?;
        let bearer = BearerToken::new(BEARER);
        for _ in 0..calls {
            let user = client.fetch_user(&bearer)?;
            assert_eq!(user.id.get(), USER_ID);
        }
    }
    println!("{calls} calls, server saw {:?}", server.counts());
    Ok(())
}

/// A tokio runtime with `workers` worker threads (one by default, so that
/// its calls are counted in one thread file).
fn runtime(workers: usize) -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
}
