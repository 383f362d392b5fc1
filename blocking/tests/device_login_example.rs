//! `cargo run --example device_login` must keep working: run the example
//! (built by `cargo test` beside the tests) against its embedded fake
//! Discord and check what it prints.
#![allow(clippy::unwrap_used)]

#[path = "../../tests/tests/runtime_support/mod.rs"]
mod support;

#[test]
fn the_device_login_example_runs_unattended_against_the_fake() {
    let stdout = support::run_example("device_login", &["DISCORD_CLIENT_ID", "DISCORD_API_BASE"]);
    for expected in [
        "No DISCORD_CLIENT_ID: using a fake Discord on 127.0.0.1:",
        "/activate and enter the code ",
        "/activate?user_code=",
        "The code is valid for 300 s; waiting …",
        "(the fake Discord approved the login)",
        "Logged in as nelly (id 80351110224678912), with the scopes identify.",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    // The QR code: rows of Unicode half blocks.
    let qr_rows = stdout
        .lines()
        .filter(|l| l.chars().any(|c| matches!(c, '▀' | '▄' | '█')))
        .count();
    assert!(qr_rows >= 10, "no QR code in:\n{stdout}");
    // The user code itself is printed (it is shown to the user), the
    // device code never is.
    assert!(!stdout.contains("device_code"), "{stdout}");
}
