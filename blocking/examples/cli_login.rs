//! "Login with Discord" from a command-line program: a loopback redirect
//! URI, the login flow, the user and their guilds, then a logout.
//!
//! ```text
//! cargo run -p disco-oauth2-blocking --example cli_login
//! ```
//!
//! Without settings it starts a fake Discord in-process: open the printed
//! URL in a browser on this machine. Against Discord, register
//! `http://127.0.0.1:53134/callback` as a redirect URI of your application
//! and set `DISCORD_CLIENT_ID` and `DISCORD_CLIENT_SECRET`
//! (`DISCORD_REDIRECT_URI` picks another loopback port; `DISCORD_API_BASE`
//! and `DISCORD_AUTHORIZE_URL` point at another server).

use std::error::Error;
use std::time::Duration;

use disco_oauth2_blocking::sealing::SealingKey;
use disco_oauth2_blocking::{Client, LoopbackRedirect, Scope};
use disco_oauth2_fake::FakeDiscord;

fn main() -> Result<(), Box<dyn Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let scopes = [Scope::Identify, Scope::Guilds];
    let (client, loopback, _fake) = match (var("DISCORD_CLIENT_ID"), var("DISCORD_CLIENT_SECRET")) {
        (Some(id), Some(secret)) => {
            let port = match var("DISCORD_REDIRECT_URI") {
                Some(uri) => loopback_port(&uri)?,
                None => 53134,
            };
            let loopback = LoopbackRedirect::bind(port)?;
            let mut builder = Client::builder(id.parse::<u64>()?)
                .client_secret(secret)
                .redirect_uri(loopback.redirect_uri())
                .scopes(scopes);
            if let Some(base) = var("DISCORD_API_BASE") {
                builder = builder.api_base(base);
            }
            if let Some(page) = var("DISCORD_AUTHORIZE_URL") {
                builder = builder.authorize_url(page);
            }
            println!("Using Discord as the application {id}.");
            (builder.build()?, loopback, None)
        }
        _ => {
            let loopback = LoopbackRedirect::bind(0)?;
            let fake = FakeDiscord::builder()
                .redirect_uri(loopback.redirect_uri())
                .start();
            println!(
                "No DISCORD_CLIENT_ID/DISCORD_CLIENT_SECRET: using a fake Discord on {}.",
                fake.addr()
            );
            let client = Client::builder(fake.application_id())
                .client_secret(fake.client_secret())
                .redirect_uri(loopback.redirect_uri())
                .api_base(fake.api_base())
                .authorize_url(fake.authorize_url())
                .scopes(scopes)
                .build()?;
            (client, loopback, Some(fake))
        }
    };

    // The sealed login value never leaves this process, so a key made now will do.
    let key = SealingKey::generate()?;
    let login = client.start_login(&key)?;
    println!("Open this URL in a browser to log in:\n{}", login.url());
    println!("Waiting for the redirect on {} …", loopback.redirect_uri());
    let query = loopback.wait(Duration::from_secs(300))?;
    let token = client.finish_login(&key, login.cookie_value(), &query)?;

    let mut user = client.user(token);
    let me = user.fetch_user()?;
    let guilds = user.fetch_all_guilds()?;
    println!(
        "Logged in as {me} ({}), in {} guilds.",
        me.display_name(),
        guilds.len()
    );
    user.revoke()?;
    println!("Logged out: the token is revoked.");
    Ok(())
}

/// The port of a `http://127.0.0.1:PORT/callback` redirect URI.
fn loopback_port(uri: &str) -> Result<u16, Box<dyn Error>> {
    let rest = uri
        .strip_prefix("http://127.0.0.1:")
        .ok_or("DISCORD_REDIRECT_URI must be http://127.0.0.1:PORT/callback")?;
    let port = rest.strip_suffix("/callback").unwrap_or(rest);
    Ok(port.parse()?)
}
