//! `cargo run --example cli_login` must keep working: run the example
//! (built by `cargo test` beside the tests) against a fake Discord of this
//! test's own, play the browser on its loopback redirect URI, and check
//! what it prints and that its logout revoked the token at the fake.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::process::{Command, Stdio};

use disco_oauth2_fake::FakeDiscord;

#[path = "../../tests/tests/runtime_support/example_binary.rs"]
mod example_binary;
use example_binary::example_binary;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn cli_login_logs_in_through_the_loopback_redirect_and_logs_out() {
    let port = free_port();
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let fake = FakeDiscord::builder()
        .redirect_uri(redirect_uri.clone())
        .start();
    let mut child = Command::new(example_binary("cli_login"))
        .env("DISCORD_CLIENT_ID", fake.application_id().to_string())
        .env("DISCORD_CLIENT_SECRET", fake.client_secret())
        .env("DISCORD_REDIRECT_URI", &redirect_uri)
        .env("DISCORD_API_BASE", fake.api_base())
        .env("DISCORD_AUTHORIZE_URL", fake.authorize_url())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let (mut seen, mut url) = (String::new(), None);
    loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "the example ended early:\n{seen}"
        );
        seen.push_str(&line);
        if line.starts_with(&fake.authorize_url()) {
            url = Some(line.trim().to_owned());
        }
        if line.starts_with("Waiting for the redirect on ") {
            break;
        }
    }
    let url = url.unwrap_or_else(|| panic!("no authorization URL in:\n{seen}"));
    assert!(url.contains("&code_challenge_method=S256"), "{url}");
    assert!(
        seen.contains(&format!("Waiting for the redirect on {redirect_uri} …")),
        "{seen}"
    );

    // The browser: consent at the fake, then follow its redirect to the CLI,
    // after an idle connection and a favicon request, as browsers do.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let consent = agent.get(&url).call().unwrap();
    assert_eq!(consent.status(), 302);
    let location = consent.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with(&format!("{redirect_uri}?code=")),
        "{location}"
    );
    drop(std::net::TcpStream::connect(("127.0.0.1", port)).unwrap());
    let favicon = agent
        .get(format!("http://127.0.0.1:{port}/favicon.ico"))
        .call()
        .unwrap();
    assert_eq!(favicon.status(), 404);
    let mut page = agent.get(&location).call().unwrap();
    assert_eq!(page.status(), 200);
    let body = page.body_mut().read_to_string().unwrap();
    assert!(body.contains("you can close this tab"), "{body}");

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
    assert_eq!(
        rest,
        "Logged in as nelly (Nelly), in 3 guilds.\nLogged out: the token is revoked.\n"
    );

    // The code was exchanged with a PKCE verifier, and the token revoked.
    let requests = fake.requests();
    let exchange = requests
        .iter()
        .find(|r| r.path == "/api/v10/oauth2/token")
        .unwrap();
    assert!(
        exchange
            .form()
            .iter()
            .any(|(k, v)| k == "code_verifier" && v.len() == 43)
    );
    let revoke = requests
        .iter()
        .find(|r| r.path == "/api/v10/oauth2/token/revoke")
        .unwrap();
    let (_, token) = revoke
        .form()
        .into_iter()
        .find(|(k, _)| k == "token")
        .unwrap();
    assert!(!fake.access_token_alive(&token));
}

#[test]
fn cli_login_runs_against_its_embedded_fake_without_settings() {
    // Without credentials the example starts its own fake; this test plays
    // the browser against it.
    let mut child = Command::new(example_binary("cli_login"))
        .env_remove("DISCORD_CLIENT_ID")
        .env_remove("DISCORD_CLIENT_SECRET")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = [const { String::new() }; 4];
    for line in &mut lines {
        stdout.read_line(line).unwrap();
    }
    let [first, open, url, _waiting] = lines;
    assert!(
        first.starts_with(
            "No DISCORD_CLIENT_ID/DISCORD_CLIENT_SECRET: using a fake Discord on 127.0.0.1:"
        ),
        "{first}"
    );
    assert_eq!(open, "Open this URL in a browser to log in:\n");
    assert!(
        url.contains("/oauth2/authorize?response_type=code&"),
        "{url}"
    );
    let mut location = ureq::get(url.trim()).call().unwrap();
    let page = location.body_mut().read_to_string().unwrap();
    assert!(page.contains("you can close this tab"), "{page}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{rest}");
    assert!(
        rest.starts_with("Logged in as nelly (Nelly), in 3 guilds.\n"),
        "{rest}"
    );
}
