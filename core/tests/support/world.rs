//! A fake Discord (token endpoint and `/users/@me`) with strict single-use
//! refresh tokens, a fake clock, and a runner that carries out a
//! `SessionCall`'s steps against a store.

use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use disco_oauth2::driver::Now;
use disco_oauth2::model::User;
use disco_oauth2::token_store::{
    Grant, SessionCall, SessionError, SessionStep, StoreCommand, StoreError, StoreReply,
};
use disco_oauth2::{AccessToken, BearerToken, Client, Operation};

/// A store a test runs commands on.
pub trait TestStore {
    /// Carries out `command` at `now`.
    fn exec(&mut self, command: StoreCommand, now: Instant) -> Result<StoreReply, StoreError>;
}

impl TestStore for disco_oauth2::token_store::MemoryStore {
    fn exec(&mut self, command: StoreCommand, now: Instant) -> Result<StoreReply, StoreError> {
        Ok(self.execute(command, now))
    }
}

/// The one grant the fake knows: its live tokens, rotated on each refresh.
#[derive(Debug)]
pub struct FakeDiscord {
    pub access: String,
    pub refresh: String,
    pub expires_at: DateTime<Utc>,
    pub generation: u32,
    pub lifetime: i64,
    pub refreshes: u32,
    pub renewals: u32,
    pub invalid_grants: u32,
    pub api_calls: u32,
    /// Token requests' bodies, in order.
    pub token_bodies: Vec<String>,
    /// Access tokens the API refuses even before they expire.
    pub refused: Vec<String>,
}

pub const USER: &str = r#"{"id":"80351110224678912","username":"nelly","discriminator":"0","global_name":"Nelly","avatar":null}"#;

pub struct World<S> {
    pub store: S,
    pub discord: FakeDiscord,
    pub client: Client,
    pub start: Instant,
    pub utc0: DateTime<Utc>,
    pub elapsed: Duration,
}

impl<S: TestStore> World<S> {
    /// A world at 2026-11-24T12:00:00Z whose grant's tokens `a0`/`r0` live
    /// `lifetime` seconds from now.
    pub fn new(store: S, lifetime: i64) -> Self {
        let utc0: DateTime<Utc> = "2026-11-24T12:00:00Z".parse().unwrap();
        Self {
            store,
            discord: FakeDiscord {
                access: "a0".into(),
                refresh: "r0".into(),
                expires_at: utc0 + TimeDelta::seconds(lifetime),
                generation: 0,
                lifetime,
                refreshes: 0,
                renewals: 0,
                invalid_grants: 0,
                api_calls: 0,
                token_bodies: Vec::new(),
                refused: Vec::new(),
            },
            client: Client::builder(157730590492196864)
                .client_secret("s3cr3t-client")
                .scopes([disco_oauth2::Scope::Identify])
                .build()
                .unwrap(),
            start: Instant::now(),
            utc0,
            elapsed: Duration::ZERO,
        }
    }

    pub fn now(&self) -> Now {
        Now::new(
            self.start + self.elapsed,
            self.utc0 + TimeDelta::from_std(self.elapsed).unwrap(),
        )
    }

    pub fn advance(&mut self, by: Duration) {
        self.elapsed += by;
    }

    pub fn advance_to(&mut self, until: Instant) {
        let target = until.saturating_duration_since(self.start);
        if target > self.elapsed {
            self.elapsed = target;
        }
    }

    /// The token the fake issued last, as the token endpoint's body.
    pub fn issued_token(&self) -> AccessToken {
        let body = format!(
            r#"{{"access_token": "{}", "token_type": "Bearer", "expires_in": {}, "refresh_token": "{}", "scope": "identify"}}"#,
            self.discord.access,
            (self.discord.expires_at - self.now().utc).num_seconds(),
            self.discord.refresh
        );
        AccessToken::from_response_body(body.as_bytes(), self.now().utc).unwrap()
    }

    pub fn exec(&mut self, command: StoreCommand) -> Result<StoreReply, StoreError> {
        let now = self.now().instant;
        self.store.exec(command, now)
    }

    /// Runs a token request at the fake token endpoint.
    pub fn run_grant(&mut self, grant: Grant) -> disco_oauth2::Result<AccessToken> {
        let now = self.now().utc;
        match grant {
            Grant::Refresh(op) => {
                let (request, pending) = op.into_parts()?;
                let response = self.token_endpoint(&request);
                pending.parse(&response, now)
            }
            Grant::ClientCredentials(op) => {
                let (request, pending) = op.into_parts()?;
                let response = self.token_endpoint(&request);
                pending.parse(&response, now)
            }
            other => panic!("unknown grant {other:?}"),
        }
    }

    fn token_endpoint(
        &mut self,
        request: &http::Request<disco_oauth2::RequestBody>,
    ) -> http::Response<Vec<u8>> {
        assert_eq!(request.uri(), "https://discord.com/api/v10/oauth2/token");
        let body = String::from_utf8(request.body().as_bytes().to_vec()).unwrap();
        self.discord.token_bodies.push(body.clone());
        let form: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
            .into_owned()
            .collect();
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        match field("grant_type").as_deref() {
            Some("refresh_token")
                if field("refresh_token").as_deref() == Some(&self.discord.refresh) =>
            {
                self.discord.refreshes += 1;
                self.rotate()
            }
            Some("refresh_token") => {
                self.discord.invalid_grants += 1;
                respond(
                    400,
                    r#"{ "error": "invalid_grant", "error_description": "Invalid \"refresh_token\" in request" }"#,
                )
            }
            Some("client_credentials") => {
                self.discord.renewals += 1;
                self.discord.generation += 1;
                self.discord.access = format!("c{}", self.discord.generation);
                self.discord.expires_at =
                    self.now().utc + TimeDelta::seconds(self.discord.lifetime);
                let body = format!(
                    r#"{{"access_token": "{}", "token_type": "Bearer", "expires_in": {}, "scope": "identify"}}"#,
                    self.discord.access, self.discord.lifetime
                );
                respond(200, &body)
            }
            other => panic!("unexpected grant {other:?}"),
        }
    }

    fn rotate(&mut self) -> http::Response<Vec<u8>> {
        self.discord.generation += 1;
        self.discord.access = format!("a{}", self.discord.generation);
        self.discord.refresh = format!("r{}", self.discord.generation);
        self.discord.expires_at = self.now().utc + TimeDelta::seconds(self.discord.lifetime);
        let body = format!(
            r#"{{"access_token": "{}", "token_type": "Bearer", "expires_in": {}, "refresh_token": "{}", "scope": "identify"}}"#,
            self.discord.access, self.discord.lifetime, self.discord.refresh
        );
        respond(200, &body)
    }

    /// A new login: a new grant, its token stored with `Put`.
    pub fn login(&mut self, session: &disco_oauth2::token_store::StoredSession) {
        self.rotate();
        let token = self.issued_token();
        let command = session.save(&token, self.now().utc).unwrap();
        self.exec(command).unwrap();
    }

    /// `GET /users/@me` with `bearer`.
    pub fn run_call(&mut self, bearer: &BearerToken) -> disco_oauth2::Result<User> {
        self.discord.api_calls += 1;
        let (request, pending) = self.client.current_user(bearer).into_parts()?;
        let auth = request.headers()["authorization"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(auth, format!("Bearer {}", bearer.secret()));
        let live = bearer.secret() == self.discord.access
            && self.now().utc < self.discord.expires_at
            && !self.discord.refused.iter().any(|t| t == bearer.secret());
        let response = if live {
            respond(200, USER)
        } else {
            respond(401, r#"{"message": "401: Unauthorized", "code": 0}"#)
        };
        pending.parse(&response, self.now().utc)
    }

    /// Carries out a step polled from `call`; `Some` when the call is over.
    pub fn carry(
        &mut self,
        call: &mut SessionCall<User>,
        step: SessionStep<User>,
    ) -> Option<Result<User, SessionError>> {
        match step {
            SessionStep::Store(command) => {
                let reply = self.exec(command);
                call.handle_store(reply, self.now());
            }
            SessionStep::Grant(grant) => {
                let result = self.run_grant(grant);
                call.handle_grant(result, self.now());
            }
            SessionStep::Call(token) => {
                let result = self.run_call(token.bearer());
                call.handle_call(result, self.now());
            }
            SessionStep::Wait(until) => {
                assert!(until > self.now().instant, "a wait must be in the future");
                self.advance_to(until);
            }
            SessionStep::Done(result) => return Some(result),
        }
        None
    }

    /// Polls `call` and carries out its step; `Some` when the call is over.
    pub fn step(&mut self, call: &mut SessionCall<User>) -> Option<Result<User, SessionError>> {
        let step = call.poll(self.now());
        self.carry(call, step)
    }

    /// Polls `call`, carries out its step, and says what it was.
    pub fn step_named(&mut self, call: &mut SessionCall<User>) -> String {
        let step = call.poll(self.now());
        let name = describe(&step);
        let _ = self.carry(call, step);
        name
    }

    /// A session under `key` whose token (version 1) is the one just issued.
    pub fn saved_session(
        &mut self,
        key: &str,
        codec: std::sync::Arc<dyn disco_oauth2::token_store::TokenCodec>,
    ) -> disco_oauth2::token_store::StoredSession {
        let session =
            disco_oauth2::token_store::StoredSession::new(self.client.clone(), key, codec);
        let token = self.issued_token();
        let command = session.save(&token, self.now().utc).unwrap();
        assert_eq!(
            self.exec(command).unwrap(),
            StoreReply::Written { version: 1 }
        );
        session
    }

    /// Runs `calls` one step each in turn (waits only move the clock) until
    /// all are over; every one must succeed.
    pub fn run_interleaved(&mut self, calls: Vec<SessionCall<User>>) {
        let mut calls: Vec<_> = calls.into_iter().map(Some).collect();
        let mut left = calls.len();
        while left > 0 {
            for slot in calls.iter_mut() {
                if let Some(call) = slot
                    && let Some(result) = self.step(call)
                {
                    assert_eq!(result.unwrap().username, "nelly");
                    *slot = None;
                    left -= 1;
                }
            }
        }
    }

    /// Runs the call to its end, recording each step's name.
    pub fn drive(
        &mut self,
        call: &mut SessionCall<User>,
    ) -> (Result<User, SessionError>, Vec<String>) {
        let mut trace = Vec::new();
        for _ in 0..10_000 {
            let step = call.poll(self.now());
            trace.push(describe(&step));
            if let Some(result) = self.carry(call, step) {
                return (result, trace);
            }
        }
        panic!("the call never ended: {trace:?}");
    }
}

/// A step's short name: `get`, `try_lease`, `refresh_token`, `call a1`, `wait 50ms`, …
pub fn describe<T>(step: &SessionStep<T>) -> String {
    match step {
        SessionStep::Store(StoreCommand::PutIfVersion { expected, .. }) => {
            format!("put_if_version {expected}")
        }
        SessionStep::Store(command) => command.name().to_owned(),
        SessionStep::Grant(grant) => grant.name().to_owned(),
        SessionStep::Call(token) => format!("call {}", token.bearer().secret()),
        SessionStep::Wait(_) => "wait".to_owned(),
        SessionStep::Done(Ok(_)) => "done ok".to_owned(),
        SessionStep::Done(Err(_)) => "done err".to_owned(),
    }
}

pub fn respond(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .unwrap()
}
