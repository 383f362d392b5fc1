//! The README's first command, `cargo run --example quickstart`, must keep
//! working: run the example (built by `cargo test` beside the tests) against
//! its embedded fake Discord and check what it prints.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::process::{Command, Stdio};

use disco_oauth2_fake::{FakeDiscord, GUILD_BOT_ONLY};

#[path = "../../tests/tests/runtime_support/example_binary.rs"]
mod example_binary;
use example_binary::example_binary;

#[test]
fn quickstart_runs_the_whole_flow_against_the_fake() {
    let output = Command::new(example_binary("quickstart"))
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
        "state=[redacted]",
        "\n8. Add to guild",
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
    assert_eq!(stdout.matches("\n8. ").count(), 1, "one step 8:\n{stdout}");
    // Expiry times to the second: `2026-12-08 12:00:00 UTC`, no fraction.
    let expiry = stdout
        .lines()
        .find(|l| l.contains("Token: Bearer"))
        .unwrap();
    let time = expiry.rsplit("expires ").next().unwrap();
    assert!(
        time.ends_with(" UTC") && time.len() == 23 && !time.contains('.'),
        "{expiry}"
    );
}

/// With credentials in the environment the quickstart prints the URL and
/// waits for the browser's redirect on the redirect URI's port. Here the
/// "real Discord" is a fake on another port, and this test plays the browser.
#[test]
fn quickstart_waits_for_the_browser_redirect_with_credentials() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let fake = FakeDiscord::builder()
        .redirect_uri(redirect_uri.clone())
        .start();
    let mut child = Command::new(example_binary("quickstart"))
        .env("DISCORD_CLIENT_ID", fake.application_id().to_string())
        .env("DISCORD_CLIENT_SECRET", fake.client_secret())
        .env("DISCORD_REDIRECT_URI", &redirect_uri)
        .env("DISCORD_API_BASE", fake.api_base())
        .env("DISCORD_AUTHORIZE_URL", fake.authorize_url())
        .env("DISCORD_BOT_TOKEN", fake.bot_token())
        .env("DISCORD_GUILD_ID", GUILD_BOT_ONLY.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    // Read up to the line that says it is waiting, keeping the URL.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    let mut url = None;
    loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "the quickstart ended early:\n{seen}"
        );
        seen.push_str(&line);
        if line.trim_start().starts_with(&fake.authorize_url()) {
            url = Some(line.trim().to_owned());
        }
        if line.contains("waiting for the redirect") {
            break;
        }
    }
    let url = url.unwrap_or_else(|| panic!("no authorization URL in:\n{seen}"));

    // The browser: consent at the fake, then follow its redirect to the quickstart.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let consent = agent.get(&url).call().unwrap();
    assert_eq!(consent.status(), 302);
    let location = consent.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&redirect_uri), "{location}");
    // Browsers open idle connections and ask for a favicon first.
    drop(std::net::TcpStream::connect(("127.0.0.1", port)).unwrap());
    let favicon = agent
        .get(format!("http://127.0.0.1:{port}/favicon.ico"))
        .call()
        .unwrap();
    assert_eq!(favicon.status(), 404);
    let mut page = agent.get(&location).call().unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.body_mut()
            .read_to_string()
            .unwrap()
            .contains("you can close this tab")
    );

    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "{seen}{rest}\n{stderr}");
    assert!(
        seen.contains(&format!(
            "Using Discord as the application {}.",
            fake.application_id()
        )),
        "{seen}"
    );
    for expected in [
        "4. User: nelly (Nelly)",
        "first try: added",
        "10. Revoked: the token is dead now",
    ] {
        assert!(rest.contains(expected), "missing {expected:?} in:\n{rest}");
    }
}
