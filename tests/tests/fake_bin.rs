//! The `disco-oauth2-fake` binary: prints its URLs and credentials, serves, stops when
//! standard input closes.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod fake_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use fake_support::*;

#[test]
fn the_binary_prints_its_urls_serves_and_stops_when_stdin_closes() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_disco-oauth2-fake"))
        .args(["--port", "0", "--lifetime", "120"])
        .args(["--redirect-uri", "http://127.0.0.1:3000/callback"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let origin = first
        .strip_prefix("disco-oauth2-fake listening on ")
        .unwrap()
        .to_owned();
    assert!(origin.starts_with("http://127.0.0.1:"), "{origin}");
    let vars: Vec<(String, String)> = lines
        .by_ref()
        .take(8)
        .map(|l| {
            let l = l.unwrap();
            let (k, v) = l.split_once('=').unwrap();
            (k.to_owned(), v.to_owned())
        })
        .collect();
    let var = |name: &str| {
        vars.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap()
    };
    assert_eq!(var("DISCORD_API_BASE"), format!("{origin}/api/v10"));
    assert_eq!(
        var("DISCORD_AUTHORIZE_URL"),
        format!("{origin}/oauth2/authorize")
    );
    assert_eq!(
        var("DISCORD_TOKEN_URL"),
        format!("{origin}/api/v10/oauth2/token")
    );
    assert_eq!(var("DISCORD_CDN_BASE"), origin);
    assert_eq!(var("DISCORD_CLIENT_ID"), "159799960412356608");
    assert_eq!(
        var("DISCORD_CLIENT_SECRET"),
        disco_oauth2_fake::CLIENT_SECRET
    );
    assert_eq!(
        var("DISCORD_REDIRECT_URI"),
        "http://127.0.0.1:3000/callback"
    );
    assert_eq!(var("DISCORD_BOT_TOKEN"), disco_oauth2_fake::BOT_TOKEN);

    // A client-credentials grant from another process, with the configured lifetime.
    let body = "grant_type=client_credentials&scope=identify";
    let auth = basic(&var("DISCORD_CLIENT_ID"), &var("DISCORD_CLIENT_SECRET"));
    let resp = send(
        "POST",
        &var("DISCORD_TOKEN_URL"),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    );
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(resp.json()["expires_in"], 120);
    let avatar = get(&format!("{origin}/embed/avatars/0.png"), &[]);
    assert_eq!(avatar.status, 200);

    drop(child.stdin.take());
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn bad_arguments_exit_with_2_and_say_why() {
    let out = Command::new(env!("CARGO_BIN_EXE_disco-oauth2-fake"))
        .args(["--port", "eighty"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("disco-oauth2-fake: --port: not a port: \"eighty\""),
        "{err}"
    );
}
