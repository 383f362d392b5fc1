//! The HTTP server: router, the request-recording/fault/rate-limit layer, and its own thread.

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, put};
use tokio::sync::watch;

use crate::faults::{Fault, fault_response, take_fault};
use crate::ratelimit_headers::{bucket_id, insert_bucket_headers, route_key};
use crate::record::RecordedRequest;
use crate::reply;
use crate::routes::{
    AppState, authorize, cdn, guilds, oauth2_me, revoke, role_connection, token, users,
};
use crate::routes::{device, metadata, oidc};
use crate::state::Shared;

/// Largest request body the fake reads; longer ones get 413.
pub(crate) const BODY_LIMIT: usize = 64 * 1024;

/// Recorded requests kept (oldest dropped first), so long demos don't grow without bound.
const MAX_RECORDED: usize = 10_000;
/// And the most body bytes the log holds in all (oldest dropped first).
const MAX_RECORDED_BODY_BYTES: usize = 16 * 1024 * 1024;

/// How long a shutdown waits for in-flight requests before dropping them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(1);

async fn not_found() -> Response {
    reply::not_found()
}

async fn method_not_allowed() -> Response {
    reply::method_not_allowed()
}

/// Every route of the fake.
pub(crate) fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/oauth2/token", post(token::post))
        .route("/oauth2/token/revoke", post(revoke::post))
        .route("/oauth2/device/authorize", post(device::authorize))
        .route("/oauth2/userinfo", get(oidc::userinfo))
        .route(
            "/applications/{application_id}/role-connections/metadata",
            get(metadata::get).put(metadata::put),
        )
        .route("/oauth2/@me", get(oauth2_me::get))
        .route("/oauth2/applications/@me", get(oauth2_me::application))
        .route("/users/@me", get(users::me))
        .route("/users/@me/guilds", get(users::guilds))
        .route("/users/@me/guilds/{guild_id}/member", get(users::member))
        .route("/users/@me/connections", get(users::connections))
        .route(
            "/users/@me/applications/{application_id}/role-connection",
            get(role_connection::get)
                .put(role_connection::put)
                .delete(role_connection::delete),
        )
        .route(
            "/guilds/{guild_id}/members/{user_id}",
            put(guilds::add_member),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed);
    Router::new()
        .route(
            "/oauth2/authorize",
            get(authorize::get).post(authorize::post),
        )
        .route("/avatars/{id}/{file}", get(cdn::avatar))
        .route("/banners/{id}/{file}", get(cdn::banner))
        .route("/icons/{id}/{file}", get(cdn::icon))
        .route("/embed/avatars/{file}", get(cdn::default_avatar))
        .route("/activate", get(device::page).post(device::decide))
        .route("/.well-known/openid-configuration", get(oidc::discovery))
        .route("/api/oauth2/keys", get(oidc::keys))
        .nest("/api/v10", api)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), front))
        .with_state(state)
}

/// Records the request, applies a queued fault, and stamps rate-limit headers.
async fn front(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let method = parts.method.as_str().to_owned();
    let path = parts.uri.path().to_owned();
    let bucket = bucket_id(&route_key(&method, &path));
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.ok();
    let record = RecordedRequest {
        method,
        path: path.clone(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: bytes.as_ref().map(|b| b.to_vec()).unwrap_or_default(),
        peer: parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0),
    };
    let (fault, limit) = {
        let mut world = state.lock();
        world.recorded_body_bytes += record.body.len();
        world.requests.push_back(record);
        while world.requests.len() > MAX_RECORDED
            || world.recorded_body_bytes > MAX_RECORDED_BODY_BYTES
        {
            let Some(dropped) = world.requests.pop_front() else {
                break;
            };
            world.recorded_body_bytes -= dropped.body.len();
        }
        let fault = take_fault(&mut world.faults, &path);
        (fault, world.rate_limit)
    };
    let mut resp = match (bytes, fault) {
        (None, _) => reply::payload_too_large(),
        (Some(bytes), Some(Fault::Delay(d))) => {
            tokio::time::sleep(d).await;
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        (Some(bytes), Some(fault)) => match fault_response(&fault, &bucket, limit) {
            Some(r) => r,
            None => {
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            }
        },
        (Some(bytes), None) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
    };
    if !resp.headers().contains_key("x-ratelimit-scope") {
        let reading = state.lock().buckets.hit(&bucket, limit);
        insert_bucket_headers(
            resp.headers_mut(),
            &bucket,
            limit,
            reading.remaining,
            reading.reset_after,
        );
    }
    resp
}

/// A running server thread.
#[derive(Debug)]
pub(crate) struct Running {
    pub addr: SocketAddr,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// Binds `addr` and serves on a new OS thread with its own tokio runtime.
    pub fn spawn(shared: Arc<Shared>, addr: SocketAddr) -> std::io::Result<Running> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (stop, mut stopped) = watch::channel(false);
        let mut stopped2 = stopped.clone();
        let app = router(shared);
        let thread = std::thread::Builder::new()
            .name(format!("fake-discord-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
                    let serve = axum::serve(listener, app)
                        .with_graceful_shutdown(async move {
                            let _ = stopped.wait_for(|s| *s).await;
                        })
                        .into_future();
                    let deadline = async move {
                        let _ = stopped2.wait_for(|s| *s).await;
                        tokio::time::sleep(SHUTDOWN_GRACE).await;
                    };
                    tokio::select! {
                        _ = serve => {}
                        _ = deadline => {}
                    }
                });
            })?;
        Ok(Running {
            addr,
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
