//! [`LoopbackRedirect`]: a CLI's redirect URI on `127.0.0.1`.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::time::{Duration, Instant};

use disco_oauth2::authorize::CallbackQuery;
use disco_oauth2::login::answer_loopback_request;

/// A listener on `127.0.0.1` for the authorization redirect of a program
/// without a web server: register [`redirect_uri`](Self::redirect_uri)
/// (`http://127.0.0.1:PORT/callback`) in the Developer Portal, open the
/// authorization URL in a browser, then [`wait`](Self::wait).
///
/// ```no_run
/// use std::time::Duration;
/// use disco_oauth2_blocking::{Client, LoopbackRedirect, sealing::SealingKey};
///
/// let loopback = LoopbackRedirect::bind(53134)?;
/// let client = Client::builder(157730590492196864)
///     .redirect_uri(loopback.redirect_uri())
///     .scopes([disco_oauth2_blocking::Scope::Identify])
///     .build()?;
/// let key = SealingKey::generate()?;
/// let login = client.start_login(&key)?;
/// println!("open {}", login.url());
/// let query = loopback.wait(Duration::from_secs(300))?;
/// let token = client.finish_login(&key, login.cookie_value(), &query)?; // checks the state
/// # let _ = token;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct LoopbackRedirect(TcpListener);

impl LoopbackRedirect {
    /// Listens on `127.0.0.1:port` (`0` for any free port).
    ///
    /// # Errors
    /// When the port cannot be bound.
    pub fn bind(port: u16) -> io::Result<Self> {
        TcpListener::bind((Ipv4Addr::LOCALHOST, port)).map(Self)
    }

    /// `http://127.0.0.1:PORT/callback`.
    pub fn redirect_uri(&self) -> String {
        format!(
            "http://127.0.0.1:{}/callback",
            self.0.local_addr().map_or(0, |a| a.port())
        )
    }

    /// Accepts connections until one `GET /callback` carries the redirect's
    /// query, answering it with a "you can close this tab" page (anything
    /// else gets a 404). Request heads are read up to 8 KiB, and a
    /// connection that sends nothing is dropped after 2 s, so the wait ends
    /// at most 2 s after `timeout`. Pass the query to `Client::finish_login`,
    /// which checks its state.
    ///
    /// # Errors
    /// [`io::ErrorKind::TimedOut`] when no redirect came within `timeout`,
    /// [`io::ErrorKind::InvalidData`] for a redirect whose query does not parse.
    pub fn wait(&self, timeout: Duration) -> io::Result<CallbackQuery> {
        let deadline = Instant::now() + timeout;
        self.0.set_nonblocking(true)?;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok((stream, _)) = self.0.accept() else {
                std::thread::sleep(left.min(Duration::from_millis(20)));
                continue;
            };
            stream.set_nonblocking(false)?;
            stream.set_read_timeout(Some(Duration::from_secs(2)))?;
            let (mut reader, mut head) = (BufReader::new((&stream).take(8192)), String::new());
            while matches!(reader.read_line(&mut head), Ok(n) if n > 2) {}
            let answer = answer_loopback_request(&head, "/callback");
            let _ = (&stream).write_all(answer.response);
            if let Some(callback) = answer.callback {
                return callback.map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e));
            }
        }
        Err(io::ErrorKind::TimedOut.into())
    }
}
