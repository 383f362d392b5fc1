//! The `--quick` smoke run, for correctness only: the server answers, both
//! runtimes and both raw clients parse every body, and every request the run
//! should make reaches the server. Nothing here looks at the times.
#![allow(clippy::unwrap_used)]

use disco_oauth2_bench::measures::{self, expected_requests};
use disco_oauth2_bench::server::LoopbackServer;
use disco_oauth2_bench::settings::{GlobalRateLimit, Settings};

#[test]
fn quick_run_makes_every_request_and_parses_every_answer() {
    let settings = Settings::quick();
    let server = LoopbackServer::start().unwrap();
    let comparisons = measures::run(&settings, &server).unwrap();

    let names: Vec<&str> = comparisons.iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            "fetch_user sequential, blocking vs raw ureq",
            "fetch_user sequential, async vs raw reqwest",
            "fetch_user concurrent tasks on one client, async vs raw reqwest",
            "login flow (token + user + guilds + connections), blocking vs raw ureq",
            "login flow (token + user + guilds + connections), async vs raw reqwest",
        ]
    );
    for c in &comparisons {
        assert_eq!(c.library.len(), settings.rounds, "{}", c.name);
        assert_eq!(c.raw.len(), settings.rounds, "{}", c.name);
    }
    assert_eq!(comparisons[2].ops_per_round, 64 * settings.calls_per_task);

    let counts = server.counts();
    let (token, user, guilds, connections) = expected_requests(&settings);
    assert_eq!(
        (
            counts.token,
            counts.user,
            counts.guilds,
            counts.connections,
            counts.other
        ),
        (token, user, guilds, connections, 0)
    );
    // Quick: 1 round of 20 + 2 warm-up, per side and runtime, and so on.
    assert_eq!((token, user), (24, 496));
}

#[test]
fn flags_are_read() {
    let args = |list: &[&str]| Settings::from_args(list.iter().map(|s| s.to_string()));
    assert_eq!(args(&[]).unwrap(), Settings::full());
    assert_eq!(args(&["--quick"]).unwrap(), Settings::quick());
    let custom = args(&[
        "--rounds",
        "3",
        "--flows",
        "10",
        "--global-rate-limit",
        "off",
    ])
    .unwrap();
    assert_eq!(
        (custom.rounds, custom.flows, custom.global_rate_limit),
        (3, 10, GlobalRateLimit::Off)
    );
    assert_eq!(
        args(&["--global-rate-limit", "500"])
            .unwrap()
            .global_rate_limit,
        GlobalRateLimit::PerSecond(500)
    );
    assert!(
        args(&["--rounds", "0"])
            .unwrap_err()
            .contains("positive number")
    );
    assert!(args(&["--rounds"]).unwrap_err().contains("needs a value"));
    assert!(
        args(&["--fast"])
            .unwrap_err()
            .contains("unknown flag --fast")
    );
}
