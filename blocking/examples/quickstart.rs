//! The whole "Login with Discord" flow, end to end.
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! Without `DISCORD_CLIENT_ID` / `DISCORD_CLIENT_SECRET` / `DISCORD_REDIRECT_URI`
//! it starts a fake Discord in-process and runs against it. With them it uses
//! real Discord: it prints the authorization URL, waits for the browser's
//! redirect on the redirect URI's loopback port, and goes on from there.
//! `DISCORD_API_BASE` and `DISCORD_AUTHORIZE_URL` point it at another API
//! base and authorization page; `DISCORD_BOT_TOKEN` and
//! `DISCORD_GUILD_ID` (real Discord only) let it add the user to a guild.

use std::error::Error;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

use disco_oauth2_blocking::disco_oauth2::cdn::{ImageFormat, ImageSize};
use disco_oauth2_blocking::{
    AddedMember, AuthorizationCallback, BotToken, Client, CsrfState, GuildId, Permissions,
    PkceChallenge, Scope,
};
use disco_oauth2_fake::FakeDiscord;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// Where the flow runs, and how the browser step happens there.
enum Target {
    Fake(FakeDiscord),
    Real { bot: Option<(BotToken, GuildId)> },
}

fn main() -> Result<()> {
    let (client, target) = configure()?;
    let scopes = [
        Scope::Identify,
        Scope::Email,
        Scope::Guilds,
        Scope::GuildsMembersRead,
        Scope::GuildsJoin,
        Scope::Connections,
    ];

    // 1. The authorization URL, with a CSRF state and a PKCE challenge.
    let state = CsrfState::generate()?;
    let (challenge, verifier) = PkceChallenge::generate()?;
    let url = client
        .authorize_url()
        .scopes(scopes)
        .state(&state)
        .pkce_challenge(&challenge)
        .build()?;
    println!("1. Authorization URL:\n   {url}\n");

    // 2. The user consents; Discord redirects back with a code.
    let redirect = match &target {
        Target::Fake(_) => consent_in_fake(url.as_str())?,
        Target::Real { .. } => wait_for_redirect(client.core().redirect_uri().unwrap_or_default())?,
    };
    println!("2. Redirected to:\n   {}\n", redact(&redirect));
    let callback = AuthorizationCallback::parse_verified(&redirect, &state)?;
    println!("3. State checked (constant time); exchanging the code with its PKCE verifier.");

    // 3. Code → token.
    let token = client.exchange_code_with_pkce(callback.code, verifier)?;
    println!(
        "   Token: Bearer, scopes [{}], expires {}\n",
        token.scopes.to_space_separated(),
        seconds(token.expires_at)
    );

    // 4. Who is this?
    let mut session = client.user(token);
    let user = session.fetch_user()?;
    println!(
        "4. User: {user} ({}), id {}, {}",
        user.display_name(),
        user.id,
        user.mention()
    );
    println!("   created {}", seconds(user.created_at()));
    println!(
        "   avatar {}",
        user.display_avatar_url(Some(ImageFormat::WebP), Some(ImageSize::new(256)?))
    );
    if let Some(email) = &user.email {
        println!("   e-mail {email}");
    }

    // 5. Their guilds, every page.
    let guilds = session.fetch_all_guilds()?;
    println!("\n5. {} guilds:", guilds.len());
    for guild in guilds.iter().take(10) {
        let admin = guild
            .effective_permissions()
            .contains(Permissions::ADMINISTRATOR);
        println!(
            "   - {} ({}){}{}",
            guild.name,
            guild.id,
            if guild.owner { ", owner" } else { "" },
            if admin { ", administrator" } else { "" }
        );
    }

    // 6. Linked accounts.
    let connections = session.fetch_connections()?;
    println!("\n6. {} connections:", connections.len());
    for connection in &connections {
        println!("   - {} on {}", connection.name, connection.kind);
    }

    // 7. Their membership in the first guild.
    if let Some(guild) = guilds.first() {
        match session.fetch_member(guild.id) {
            Ok(member) => println!(
                "\n7. In {}: shown as {}, {} roles, joined {}",
                guild.name,
                member.display_name().unwrap_or("?"),
                member.roles.len(),
                member
                    .joined_at
                    .map(seconds)
                    .unwrap_or_else(|| "(unknown)".into())
            ),
            Err(e) => println!("\n7. Membership in {}: {e}", guild.name),
        }
    }

    // 8. Add them to a guild with the bot (201 added, then 204 already a member).
    let bot = match &target {
        Target::Fake(fake) => Some((
            BotToken::new(fake.bot_token()),
            GuildId::new(disco_oauth2_fake::GUILD_BOT_ONLY),
        )),
        Target::Real { bot } => bot.clone(),
    };
    if let Some((bot_token, guild_id)) = bot {
        println!("\n8. Add to guild {guild_id}:");
        for attempt in ["first", "second"] {
            let outcome = session.add_to_guild(&bot_token, guild_id, |op| op)?;
            let said = match outcome {
                AddedMember::Added(member) => format!("added, with {} roles", member.roles.len()),
                AddedMember::AddedUnreadable(_) => "added (the answer did not decode)".to_owned(),
                AddedMember::AlreadyMember => "already a member".to_owned(),
            };
            println!("   {attempt} try: {said}");
        }
    } else {
        println!("\n8. (set DISCORD_BOT_TOKEN and DISCORD_GUILD_ID to add the user to a guild)");
    }

    // 9. Refresh (Discord rotates the refresh token), then revoke.
    let old = session.token().access_token.clone();
    let refreshed = session.refresh()?;
    println!(
        "\n9. Refreshed: new token expires {}, refresh token rotated: {}",
        seconds(refreshed.expires_at),
        refreshed.refresh_token.is_some()
    );
    match client.fetch_user(&old) {
        Err(e) if e.is_token_dead() => println!("   the old access token is dead: {e}"),
        Err(e) => println!("   the old access token: {e}"),
        Ok(_) => println!("   the old access token still works"),
    }
    session.revoke()?;
    match session.fetch_user() {
        Err(e) if e.is_token_dead() => println!("10. Revoked: the token is dead now ({e})."),
        Err(e) => println!("10. Revoked; then: {e}"),
        Ok(_) => println!("10. Revoked, but the token still works"),
    }
    if let Target::Fake(fake) = &target {
        println!(
            "\nThe fake Discord on {} saw {} requests.",
            fake.addr(),
            fake.requests().len()
        );
    }
    Ok(())
}

/// Real Discord when the three variables are set, else an in-process fake.
fn configure() -> Result<(Client, Target)> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (
        var("DISCORD_CLIENT_ID"),
        var("DISCORD_CLIENT_SECRET"),
        var("DISCORD_REDIRECT_URI"),
    ) {
        (Some(id), Some(secret), Some(redirect)) => {
            let mut builder = Client::builder(id.parse::<u64>()?)
                .client_secret(secret)
                .redirect_uri(redirect);
            if let Some(base) = var("DISCORD_API_BASE") {
                builder = builder.api_base(base);
            }
            if let Some(page) = var("DISCORD_AUTHORIZE_URL") {
                builder = builder.authorize_url(page);
            }
            let bot = match (var("DISCORD_BOT_TOKEN"), var("DISCORD_GUILD_ID")) {
                (Some(token), Some(guild)) => {
                    Some((BotToken::new(token), GuildId::new(guild.parse()?)))
                }
                _ => None,
            };
            println!("Using Discord as the application {id}.\n");
            Ok((builder.build()?, Target::Real { bot }))
        }
        (id, secret, redirect) => {
            if id.is_some() || secret.is_some() || redirect.is_some() {
                println!(
                    "Warning: real Discord needs all three of DISCORD_CLIENT_ID, DISCORD_CLIENT_SECRET \
                     and DISCORD_REDIRECT_URI; some are missing, so the fake is used.\n"
                );
            }
            let fake = FakeDiscord::start();
            println!(
                "No DISCORD_CLIENT_ID/DISCORD_CLIENT_SECRET/DISCORD_REDIRECT_URI: using a fake Discord on {}.\n",
                fake.addr()
            );
            let client = Client::builder(fake.application_id())
                .client_secret(fake.client_secret())
                .redirect_uri(fake.redirect_uri())
                .api_base(var("DISCORD_API_BASE").unwrap_or_else(|| fake.api_base()))
                .authorize_url(fake.authorize_url())
                .build()?;
            Ok((client, Target::Fake(fake)))
        }
    }
}

/// Plays the browser against the fake: it consents on the configured user's
/// behalf and answers with a redirect, whose `Location` we read.
fn consent_in_fake(url: &str) -> Result<String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent.get(url).call()?;
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| format!("the fake answered {} without a redirect", response.status()))?;
    Ok(location.to_owned())
}

/// Waits for the browser's redirect on the redirect URI's loopback port and
/// answers it with a short page.
fn wait_for_redirect(redirect_uri: &str) -> Result<String> {
    let rest = redirect_uri
        .split_once("://")
        .map(|(_, rest)| rest)
        .ok_or("DISCORD_REDIRECT_URI is not a URL")?;
    let authority = rest.split(['/', '?']).next().unwrap_or(rest);
    let path = rest[authority.len()..].split('?').next().unwrap_or("");
    let path = if path.is_empty() { "/" } else { path };
    let listener = TcpListener::bind(authority).map_err(|e| {
        format!("cannot listen on {authority} (the redirect URI must be a loopback address): {e}")
    })?;
    println!("   Open the URL above in a browser; waiting for the redirect on {authority} …");
    // Browsers open speculative connections and ask for /favicon.ico: answer
    // those and keep waiting for the redirect itself.
    loop {
        let (mut stream, _) = listener.accept()?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut line = String::new();
        if BufReader::new(&stream).read_line(&mut line).is_err() {
            continue;
        }
        let Some(target) = line.split_whitespace().nth(1).map(str::to_owned) else {
            continue;
        };
        let is_redirect = target.split('?').next() == Some(path);
        let (status, page) = if is_redirect {
            (
                "200 OK",
                "<!doctype html><title>disco-oauth2</title><p>Done: you can close this tab.</p>",
            )
        } else {
            (
                "404 Not Found",
                "<!doctype html><title>disco-oauth2</title><p>Not here.</p>",
            )
        };
        // The browser may have gone; that must not end the wait.
        let _ = write!(
            stream,
            "HTTP/1.1 {status}\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
            page.len()
        );
        if is_redirect {
            return Ok(format!("http://{authority}{target}"));
        }
    }
}

/// The redirect without its secrets (the one-time code and the CSRF
/// state), for printing.
fn redact(redirect: &str) -> String {
    let Some((base, query)) = redirect.split_once('?') else {
        return redirect.to_owned();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key @ ("code" | "state"), _)) => format!("{key}=[redacted]"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{base}?{}", pairs.join("&"))
}

/// A time to the second, in UTC.
fn seconds(time: chrono::DateTime<chrono::Utc>) -> String {
    time.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}
