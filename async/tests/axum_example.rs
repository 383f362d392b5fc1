//! `cargo run --example axum_login` must keep working: run the example
//! (built by `cargo test` beside the tests) and drive `/login` → consent →
//! `/callback` → `/logout` with a plain HTTP client that keeps cookies and
//! follows redirects by hand.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};

use disco_oauth2_fake::FakeDiscord;

#[path = "../../tests/tests/runtime_support/example_binary.rs"]
mod example_binary;
use example_binary::example_binary;

/// The running example; killed when dropped.
struct Example {
    child: Child,
    origin: String,
    fake_origin: Option<String>,
}

impl Drop for Example {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_example(command: &mut Command) -> Example {
    let child = command.stdout(Stdio::piped()).spawn().unwrap();
    let mut example = Example {
        child,
        origin: String::new(),
        fake_origin: None,
    };
    let mut stdout = BufReader::new(example.child.stdout.take().unwrap());
    loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "the example ended early"
        );
        if let Some(origin) = line.trim().strip_prefix("using a fake Discord on ") {
            example.fake_origin = Some(origin.to_owned());
        }
        if let Some(origin) = line.trim().strip_prefix("listening on ") {
            example.origin = origin.to_owned();
            return example;
        }
    }
}

/// What a browser does here: keep cookies, show statuses and bodies.
struct Browser {
    agent: ureq::Agent,
    cookies: BTreeMap<String, String>,
}

struct Page {
    status: u16,
    location: Option<String>,
    body: String,
    set_cookies: Vec<String>,
}

impl Browser {
    fn new() -> Self {
        let agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into();
        Self {
            agent,
            cookies: BTreeMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn get(&mut self, url: &str) -> Page {
        let response = self
            .agent
            .get(url)
            .header("Cookie", self.cookie_header())
            .call()
            .unwrap();
        self.read(response)
    }

    fn post(&mut self, url: &str, body: &str) -> Page {
        let response = self
            .agent
            .post(url)
            .header("Cookie", self.cookie_header())
            .content_type("application/x-www-form-urlencoded")
            .send(body)
            .unwrap();
        self.read(response)
    }

    fn read(&mut self, mut response: http::Response<ureq::Body>) -> Page {
        let set_cookies: Vec<String> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect();
        for cookie in &set_cookies {
            let (pair, attributes) = cookie.split_once(';').unwrap_or((cookie, ""));
            let (name, value) = pair.split_once('=').unwrap();
            if attributes.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        Page {
            status: response.status().as_u16(),
            location: response
                .headers()
                .get("location")
                .map(|v| v.to_str().unwrap().to_owned()),
            body: response.body_mut().read_to_string().unwrap(),
            set_cookies,
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `/login` sets the sealed cookie and redirects to the authorize page.
fn begin_login(browser: &mut Browser, example: &Example) -> String {
    let home = browser.get(&format!("{}/", example.origin));
    assert_eq!(home.status, 200);
    assert!(
        home.body
            .contains(r#"<a id="login" href="/login">Login with Discord</a>"#),
        "{}",
        home.body
    );
    let login = browser.get(&format!("{}/login", example.origin));
    assert_eq!(login.status, 303);
    assert_eq!(login.set_cookies.len(), 1);
    let cookie = &login.set_cookies[0];
    assert!(cookie.starts_with("discord_login="), "{cookie}");
    assert!(
        cookie.ends_with("; Max-Age=600; Path=/; HttpOnly; SameSite=Lax"),
        "{cookie}"
    );
    login.location.unwrap()
}

/// The callback's page: the user, the guild count and the avatar on `cdn`.
fn check_profile(page: &Page, cdn: &str) {
    assert_eq!(page.status, 200, "{}", page.body);
    let avatar = format!(
        r#"<img id="avatar" src="{cdn}/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png""#
    );
    for expected in [
        r#"Logged in as <b id="name">Nelly</b> (<span id="username">nelly</span>)."#,
        r#"You are in <span id="guilds">3</span> guilds."#,
        &avatar,
    ] {
        assert!(
            page.body.contains(expected),
            "missing {expected:?} in:\n{}",
            page.body
        );
    }
}

#[test]
fn axum_login_logs_in_and_out_against_a_fake_discord() {
    let port = free_port();
    let redirect_uri = format!("http://127.0.0.1:{port}/callback");
    let fake = FakeDiscord::builder()
        .redirect_uri(redirect_uri.clone())
        .start();
    let example = start_example(
        Command::new(example_binary("axum_login"))
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .env("DISCORD_CLIENT_ID", fake.application_id().to_string())
            .env("DISCORD_CLIENT_SECRET", fake.client_secret())
            .env("DISCORD_REDIRECT_URI", &redirect_uri)
            .env("DISCORD_API_BASE", fake.api_base())
            .env("DISCORD_AUTHORIZE_URL", fake.authorize_url())
            .env("DISCORD_CDN_BASE", fake.cdn_base()),
    );
    assert_eq!(example.origin, format!("http://127.0.0.1:{port}"));
    assert_eq!(example.fake_origin, None);
    let mut browser = Browser::new();
    let authorize = begin_login(&mut browser, &example);
    assert!(authorize.starts_with(&fake.authorize_url()), "{authorize}");

    // A callback without the login cookie (another browser) is refused.
    let consent = browser.get(&authorize);
    assert_eq!(consent.status, 302);
    let callback_url = consent.location.unwrap();
    assert!(
        callback_url.starts_with(&format!("{redirect_uri}?code=")),
        "{callback_url}"
    );
    let mut stranger = Browser::new();
    let refused = stranger.get(&callback_url);
    assert_eq!(refused.status, 400);
    assert!(
        refused.body.contains("The login did not complete."),
        "{}",
        refused.body
    );

    let page = browser.get(&callback_url);
    check_profile(&page, &fake.cdn_base());
    // The avatar is there to load: a PNG from the fake's CDN.
    let avatar = ureq::get(format!(
        "{}/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png",
        fake.cdn_base()
    ))
    .call()
    .unwrap()
    .body_mut()
    .read_to_vec()
    .unwrap();
    assert!(avatar.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(
        page.set_cookies
            .iter()
            .any(|c| c == "discord_login=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax")
    );
    assert!(
        browser.cookies.contains_key("session") && !browser.cookies.contains_key("discord_login")
    );
    // The code went with a PKCE verifier.
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

    // Replaying the callback (the cookie is gone) is refused too.
    assert_eq!(browser.get(&callback_url).status, 400);
    // `/` shows the user from the server-side session.
    check_profile(
        &browser.get(&format!("{}/", example.origin)),
        &fake.cdn_base(),
    );

    let logout = browser.post(&format!("{}/logout", example.origin), "");
    assert_eq!(logout.status, 303);
    assert_eq!(logout.location.as_deref(), Some("/"));
    let revoke = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/v10/oauth2/token/revoke")
        .unwrap();
    let (_, token) = revoke
        .form()
        .into_iter()
        .find(|(k, _)| k == "token")
        .unwrap();
    assert!(!fake.access_token_alive(&token));
    assert!(!browser.cookies.contains_key("session"));
    let home = browser.get(&format!("{}/", example.origin));
    assert!(home.body.contains("Login with Discord"));
}

#[test]
fn axum_login_runs_against_its_embedded_fake_on_port_zero() {
    let example = start_example(
        Command::new(example_binary("axum_login"))
            .args(["--addr", "127.0.0.1:0"])
            .env_remove("DISCORD_CLIENT_ID")
            .env_remove("DISCORD_CLIENT_SECRET")
            .env_remove("DISCORD_REDIRECT_URI"),
    );
    let fake_origin = example.fake_origin.clone().unwrap();
    assert!(!example.origin.ends_with(":0"), "{}", example.origin);
    let mut browser = Browser::new();
    let authorize = begin_login(&mut browser, &example);
    // The embedded fake shows its consent page; approve it as its form does.
    let consent = browser.get(&authorize);
    assert_eq!(consent.status, 200);
    assert!(
        consent
            .body
            .contains(r#"value="authorize">Authorize</button>"#),
        "{}",
        consent.body
    );
    let query = authorize.split_once('?').unwrap().1;
    let approved = browser.post(
        &format!("{fake_origin}/oauth2/authorize"),
        &format!("{query}&action=authorize"),
    );
    assert_eq!(approved.status, 302);
    let page = browser.get(&approved.location.unwrap());
    // The embedded fake serves the avatar too: the example points its CDN base there.
    check_profile(&page, &fake_origin);
}
