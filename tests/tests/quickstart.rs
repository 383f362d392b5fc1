//! The README's first command, `cargo run --example quickstart`, must keep
//! working: run the example (built by `cargo test` beside the tests) against
//! its embedded fake Discord and check what it prints.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

/// `target/<profile>/examples/quickstart`, next to this test's `deps/` folder.
fn quickstart_binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    let binary = profile_dir
        .join("examples")
        .join(format!("quickstart{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.exists(),
        "cargo test builds the examples; {} is missing",
        binary.display()
    );
    binary
}

#[test]
fn quickstart_runs_the_whole_flow_against_the_fake() {
    let output = Command::new(quickstart_binary())
        .env_remove("DISCORD_CLIENT_ID")
        .env_remove("DISCORD_CLIENT_SECRET")
        .env_remove("DISCORD_REDIRECT_URI")
        .env_remove("DISCORD_API_BASE")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "quickstart failed:\n{stdout}\n{stderr}"
    );
    for expected in [
        "using a fake Discord on 127.0.0.1:",
        "&code_challenge_method=S256",
        "code=[redacted]",
        "4. User: nelly (Nelly), id 80351110224678912, <@80351110224678912>",
        "5. 3 guilds:",
        "6. 2 connections:",
        "first try: added",
        "second try: already a member",
        "the old access token is dead",
        "10. Revoked: the token is dead now",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in:\n{stdout}"
        );
    }
    assert!(
        !stdout.contains("fake-client-secret"),
        "the secret leaked:\n{stdout}"
    );
}
