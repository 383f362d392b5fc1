//! The CDN: `GET /avatars/{user_id}/{hash}.{ext}`, `/banners/{id}/{hash}.{ext}` (user or
//! guild), `/icons/{guild_id}/{hash}.{ext}` and `/embed/avatars/{0-5}.png`, at the same paths
//! as `cdn.discordapp.com`.
//!
//! Each known image is a 16×16 solid-colour PNG (the colour derived from its path), whatever
//! extension was asked for (`png`, `jpg`, `jpeg`, `webp`, `gif`); `size` is ignored. Hashes the
//! world does not hold get 404.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::{AppState, snowflake};
use crate::png;
use crate::reply;
use crate::state::State as World;

const EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "webp", "gif"];

/// `hash` of `hash.ext` when `ext` is an image extension.
fn hash_of(file: &str) -> Option<&str> {
    let (hash, ext) = file.rsplit_once('.')?;
    (!hash.is_empty() && EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())).then_some(hash)
}

fn image(key: &str) -> Response {
    let mut resp = (StatusCode::OK, png::solid(png::colour_of(key))).into_response();
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000"),
    );
    resp
}

fn user_field_is(world: &World, id: u64, field: &str, hash: &str) -> bool {
    world
        .users
        .get(&id)
        .and_then(|u| u.get(field))
        .and_then(Value::as_str)
        .is_some_and(|h| h == hash)
}

/// The image at `{kind}/{id}/{file}` when `known(world, id, hash)` says the world holds it.
fn serve(
    state: &AppState,
    kind: &str,
    (id, file): (String, String),
    known: impl Fn(&World, u64, &str) -> bool,
) -> Response {
    let found = {
        let world = state.lock();
        snowflake(&id)
            .zip(hash_of(&file))
            .is_some_and(|(id, hash)| known(&world, id, hash))
    };
    if found {
        image(&format!("{kind}/{id}/{file}"))
    } else {
        reply::not_found()
    }
}

/// `GET /avatars/{user_id}/{file}`.
pub(crate) async fn avatar(
    State(state): State<AppState>,
    Path(p): Path<(String, String)>,
) -> Response {
    serve(&state, "avatars", p, |world, id, hash| {
        user_field_is(world, id, "avatar", hash)
    })
}

/// `GET /banners/{id}/{file}`: a user's or a guild's banner.
pub(crate) async fn banner(
    State(state): State<AppState>,
    Path(p): Path<(String, String)>,
) -> Response {
    serve(&state, "banners", p, |world, id, hash| {
        user_field_is(world, id, "banner", hash)
            || world
                .guilds
                .get(&id)
                .is_some_and(|g| g.banner.as_deref() == Some(hash))
    })
}

/// `GET /icons/{guild_id}/{file}`.
pub(crate) async fn icon(
    State(state): State<AppState>,
    Path(p): Path<(String, String)>,
) -> Response {
    serve(&state, "icons", p, |world, id, hash| {
        world
            .guilds
            .get(&id)
            .is_some_and(|g| g.icon.as_deref() == Some(hash))
    })
}

/// `GET /embed/avatars/{n}.png`, `n` in 0–5.
pub(crate) async fn default_avatar(Path(file): Path<String>) -> Response {
    let found = matches!(
        file.as_str(),
        "0.png" | "1.png" | "2.png" | "3.png" | "4.png" | "5.png"
    );
    if found {
        image(&format!("embed/avatars/{file}"))
    } else {
        reply::not_found()
    }
}

#[cfg(test)]
mod tests {
    use super::hash_of;

    #[test]
    fn files_need_an_image_extension() {
        assert_eq!(hash_of("abc.png"), Some("abc"));
        assert_eq!(hash_of("a_1.GIF"), Some("a_1"));
        assert_eq!(hash_of("abc"), None);
        assert_eq!(hash_of(".png"), None);
        assert_eq!(hash_of("abc.exe"), None);
    }
}
