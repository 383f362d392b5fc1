//! `cargo run -p disco-oauth2-bench --release [-- --quick]`: the loopback
//! benchmark, printed as a Markdown table of per-round ratio medians.

use std::process::ExitCode;

use disco_oauth2_bench::machine::Machine;
use disco_oauth2_bench::server::LoopbackServer;
use disco_oauth2_bench::settings::Settings;
use disco_oauth2_bench::{BenchError, measures, report};

fn main() -> ExitCode {
    let settings = match Settings::from_args(std::env::args().skip(1)) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let machine = Machine::detect();
    eprintln!("running: {settings}");
    let result = LoopbackServer::start()
        .map_err(BenchError::from)
        .and_then(|server| {
            let comparisons = measures::run(&settings, &server)?;
            Ok((comparisons, server.counts()))
        });
    match result {
        Ok((comparisons, counts)) => {
            print!(
                "{}",
                report::render(&settings, &machine, &comparisons, &counts)
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("benchmark failed: {err}");
            ExitCode::FAILURE
        }
    }
}
