//! The whole "Login with Discord" of the axum example in headless Chromium,
//! driven by WebDriver (chromedriver): the login link, the fake Discord's
//! consent page, the callback's page, and the logout, whose revocation is
//! checked at the fake. A screenshot of the logged-in page is saved as
//! `target/browser-test/login.png`.
//!
//! Without `chromium` and `chromedriver` on the machine the test says it
//! was skipped and why; under `CI=true` it fails instead.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use disco_oauth2_fake::FakeDiscord;
use fantoccini::{ClientBuilder, Locator};
use serde_json::json;

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `target/<profile>`, above this test's `deps/` folder.
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().and_then(Path::parent).unwrap().to_owned()
}

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let dirs: Vec<PathBuf> = std::env::split_paths(&path).collect();
    names.iter().find_map(|name| {
        let candidate = Path::new(name);
        if candidate.is_absolute() {
            return candidate.is_file().then(|| candidate.to_owned());
        }
        dirs.iter().map(|d| d.join(name)).find(|p| p.is_file())
    })
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not listen on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_and_logout_in_headless_chromium() {
    // Debian's wrapper script, or the browser itself.
    let chromium = find_program(&["/usr/lib/chromium/chromium", "chromium", "chromium-browser"]);
    let driver = find_program(&["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        let why = "chromium and chromedriver are not both installed (apt-get install chromium chromium-driver)";
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "the browser test must run under CI: {why}"
        );
        eprintln!("browser test skipped: {why}");
        return;
    };

    // The fake Discord with its consent page, and the example against it.
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let fake = FakeDiscord::builder()
        .redirect_uri(format!("{origin}/callback"))
        .interactive(true)
        .start();
    let mut example = Running(
        Command::new(profile_dir().join("examples").join("axum_login"))
            .args(["--addr", &format!("127.0.0.1:{port}")])
            .env("DISCORD_CLIENT_ID", fake.application_id().to_string())
            .env("DISCORD_CLIENT_SECRET", fake.client_secret())
            .env("DISCORD_REDIRECT_URI", format!("{origin}/callback"))
            .env("DISCORD_API_BASE", fake.api_base())
            .env("DISCORD_AUTHORIZE_URL", fake.authorize_url())
            .env("DISCORD_CDN_BASE", fake.cdn_base())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    BufReader::new(example.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), format!("listening on {origin}"));

    let driver_port = free_port();
    let _driver = Running(
        Command::new(&driver)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for_port(driver_port, "chromedriver");

    let profile = std::env::temp_dir().join(format!(
        "disco-oauth2-browser-{}-{port}",
        std::process::id()
    ));
    let args = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1024,768",
    ];
    let mut args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".to_owned(),
        json!({ "binary": chromium, "args": args }),
    );
    let browser = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .unwrap();

    let outcome = async {
        browser.goto(&format!("{origin}/")).await?;
        browser.find(Locator::Id("login")).await?.click().await?;
        // The fake's consent page, then its redirect back to the callback.
        let authorize = browser
            .wait()
            .for_element(Locator::Css(r#"button[value="authorize"]"#))
            .await?;
        assert!(
            browser
                .current_url()
                .await?
                .as_str()
                .starts_with(&fake.authorize_url())
        );
        authorize.click().await?;
        let name = browser.wait().for_element(Locator::Id("name")).await?;
        assert_eq!(name.text().await?, "Nelly");
        assert!(
            browser
                .current_url()
                .await?
                .as_str()
                .starts_with(&format!("{origin}/callback?code="))
        );
        assert_eq!(
            browser.find(Locator::Id("guilds")).await?.text().await?,
            "3"
        );
        // The avatar comes from the fake's CDN, and the browser decoded it.
        let avatar = browser
            .find(Locator::Id("avatar"))
            .await?
            .attr("src")
            .await?;
        assert_eq!(
            avatar.as_deref(),
            Some(
                format!(
                    "{}/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png",
                    fake.cdn_base()
                )
                .as_str()
            )
        );
        let loaded = browser
            .execute(
                "const img = document.getElementById('avatar'); \
                 return img.complete && img.naturalWidth > 0 ? img.naturalWidth : 0",
                vec![],
            )
            .await?;
        assert_eq!(loaded, json!(16), "the avatar did not load");
        // The login cookie is HttpOnly: page scripts see no cookie at all.
        assert_eq!(
            browser.execute("return document.cookie", vec![]).await?,
            json!("")
        );
        let screenshot = browser.screenshot().await?;
        let dir = profile_dir().parent().unwrap().join("browser-test");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("login.png"), &screenshot).unwrap();
        assert!(screenshot.starts_with(b"\x89PNG"));

        browser.find(Locator::Id("logout")).await?.click().await?;
        browser.wait().for_element(Locator::Id("login")).await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = browser.close().await;
    let _ = std::fs::remove_dir_all(&profile);
    outcome.unwrap();

    // The logout revoked the token at the fake.
    let requests = fake.requests();
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
}
