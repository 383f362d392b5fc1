//! Device-code login, as on a console or in a CLI: the device shows a code
//! and a link (and the link as a QR code), the user approves on another
//! device, and this one gets the token.
//!
//! ```sh
//! cargo run --example device_login
//! ```
//!
//! Without `DISCORD_CLIENT_ID` it starts a fake Discord in-process and,
//! after printing the code, approves the login itself, so it runs
//! unattended. With it, it logs in to real Discord as that application (a
//! public client: no secret); `DISCORD_API_BASE` points it at another API base.

use std::error::Error;
use std::time::Duration;

use disco_oauth2_blocking::{Client, Scope};
use disco_oauth2_fake::FakeDiscord;
use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `text` as a QR code of Unicode half blocks (two modules per character).
fn qr(text: &str) -> Result<String> {
    let code = QrCode::new(text.as_bytes())?;
    Ok(code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}

fn main() -> Result<()> {
    let (client, fake) = match var("DISCORD_CLIENT_ID") {
        Some(id) => {
            let mut builder = Client::builder(id.parse::<u64>()?).public_client();
            if let Some(base) = var("DISCORD_API_BASE") {
                builder = builder.api_base(base);
            }
            println!("Using Discord as the application {id}.");
            (builder.build()?, None)
        }
        None => {
            let fake = FakeDiscord::builder().public_client(true).start();
            // Poll every second, so that the run takes a second or two.
            fake.set_device_timing(Duration::from_secs(1), Duration::from_secs(300));
            println!(
                "No DISCORD_CLIENT_ID: using a fake Discord on {}.",
                fake.addr()
            );
            let client = Client::builder(fake.application_id())
                .public_client()
                .api_base(fake.api_base())
                .build()?;
            (client, Some(fake))
        }
    };

    let login = client.start_device_login([Scope::Identify])?;
    println!(
        "On your phone or computer, open {} and enter the code {}",
        login.verification_uri, login.user_code
    );
    if let Some(link) = &login.verification_uri_complete {
        println!("or scan this code to open {link}:\n{}", qr(link)?);
    }
    println!(
        "The code is valid for {} s; waiting …",
        login.expires_in.as_secs()
    );
    if let Some(fake) = &fake {
        // What the user would do on the fake's /activate page.
        fake.approve_device(&login.user_code);
        println!("(the fake Discord approved the login)");
    }

    let token = client.wait_for_device_login(&login)?;
    let user = client.fetch_user(token.bearer())?;
    println!(
        "Logged in as {} (id {}), with the scopes {}.",
        user.username,
        user.id,
        token.scopes.to_space_separated()
    );
    Ok(())
}
