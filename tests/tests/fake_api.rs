//! The fake's bearer and bot endpoints over real loopback sockets.

// Tests state their expectations with unwrap; a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod fake_support;

use disco_oauth2_fake::{
    FakeDiscord, FakeGuild, GUILD_BOT_ONLY, GUILD_DISCORD_API, GUILD_OWNED, GUILD_TESTERS, USER_ID,
};
use fake_support::*;
use serde_json::{Value, json};

fn ids(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap().parse().unwrap())
        .collect()
}

#[test]
fn users_me_respects_identify_and_email() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["identify"]).access_token;
    let me = bearer_get(&fake, "/users/@me", &token);
    assert_eq!(me.status, 200);
    assert_eq!(me.header("content-type"), Some("application/json"));
    let user = me.json();
    assert_eq!(user["id"], USER_ID.to_string());
    assert_eq!(user["username"], "nelly");
    assert_eq!(user["discriminator"], "0");
    assert_eq!(user["global_name"], "Nelly");
    assert_eq!(user["premium_type"], 0);
    assert!(user.get("email").is_none() && user.get("verified").is_none());

    let token = fake
        .grant(&["identify", "email", "identify.premium"])
        .access_token;
    let user = bearer_get(&fake, "/users/@me", &token).json();
    assert_eq!(user["email"], "nelly@discord.com");
    assert_eq!(user["verified"], true);
    assert_eq!(user["premium_type"], 1);

    let token = fake.grant(&["guilds"]).access_token;
    let resp = bearer_get(&fake, "/users/@me", &token);
    assert_eq!(resp.status, 403);
    assert_eq!(
        resp.json(),
        json!({"message": "Missing required OAuth2 scope", "code": 50026})
    );

    for auth in ["", "Bearer", "Bearer nope", "Bot x", "bearer  "] {
        let resp = get(
            &format!("{}/users/@me", fake.api_base()),
            &[("Authorization", auth)],
        );
        assert_eq!(resp.status, 401, "{auth:?}");
        assert_eq!(
            resp.json(),
            json!({"message": "401: Unauthorized", "code": 0})
        );
    }
    let resp = get(&format!("{}/users/@me", fake.api_base()), &[]);
    assert_eq!(resp.status, 401);
}

#[test]
fn expired_tokens_are_unauthorized() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["identify"]).access_token;
    assert!(fake.expire_access_token(&token));
    assert_eq!(bearer_get(&fake, "/users/@me", &token).status, 401);
    let other = fake.grant(&["identify"]).access_token;
    fake.revoke_all();
    assert_eq!(bearer_get(&fake, "/users/@me", &other).status, 401);
}

#[test]
fn current_authorization() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["identify", "guilds.join"]).access_token;
    let body = bearer_get(&fake, "/oauth2/@me", &token).json();
    assert_eq!(body["application"]["id"], fake.client_id().to_string());
    assert_eq!(body["scopes"], json!(["identify", "guilds.join"]));
    let expires = body["expires"].as_str().unwrap();
    assert!(
        expires.ends_with("+00:00") && expires.len() == 32,
        "{expires}"
    );
    assert_eq!(body["user"]["id"], USER_ID.to_string());
    assert!(body["user"].get("email").is_none());

    let token = fake.grant(&["guilds"]).access_token;
    let body = bearer_get(&fake, "/oauth2/@me", &token).json();
    assert!(body.get("user").is_none());
}

#[test]
fn guild_list_defaults_and_counts() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["guilds"]).access_token;
    let list = bearer_get(&fake, "/users/@me/guilds", &token).json();
    assert_eq!(
        ids(&list),
        vec![GUILD_DISCORD_API, GUILD_TESTERS, GUILD_OWNED]
    );
    let owned = &list[2];
    assert_eq!(owned["owner"], true);
    assert_eq!(owned["permissions"], "8866461766385663");
    assert!(owned.get("approximate_member_count").is_none());
    assert_eq!(list[0]["owner"], false);

    for truthy in ["true", "True", "1"] {
        let list = bearer_get(
            &fake,
            &format!("/users/@me/guilds?with_counts={truthy}"),
            &token,
        )
        .json();
        assert_eq!(list[2]["approximate_member_count"], 3268);
        assert_eq!(list[2]["approximate_presence_count"], 784);
    }
    let list = bearer_get(&fake, "/users/@me/guilds?with_counts=0", &token).json();
    assert!(list[2].get("approximate_member_count").is_none());

    let resp = bearer_get(
        &fake,
        "/users/@me/guilds",
        &fake.grant(&["identify"]).access_token,
    );
    assert_eq!(resp.status, 403);
}

#[test]
fn guild_list_pagination() {
    let mut builder = FakeDiscord::builder().clear_guilds();
    for i in 1..=250u64 {
        builder = builder.guild(FakeGuild::new(1_000 + i, format!("g{i}")));
    }
    let fake = builder.start();
    let token = fake.grant(&["guilds"]).access_token;
    let page = |q: &str| ids(&bearer_get(&fake, &format!("/users/@me/guilds{q}"), &token).json());

    let all = page("");
    assert_eq!(all.len(), 200);
    assert_eq!((all[0], all[199]), (1_001, 1_200));
    assert_eq!(page("?after=1200"), (1_201..=1_250).collect::<Vec<_>>());
    assert_eq!(page("?after=1010&limit=3"), vec![1_011, 1_012, 1_013]);
    assert_eq!(page("?before=1010&limit=3"), vec![1_007, 1_008, 1_009]);
    assert_eq!(page("?before=1003"), vec![1_001, 1_002]);
    assert_eq!(page("?after=0&limit=1"), vec![1_001]);
    assert!(page("?after=5000").is_empty());

    let resp = bearer_get(&fake, "/users/@me/guilds?limit=201", &token);
    assert_eq!(resp.status, 400);
    assert_eq!(
        resp.json(),
        json!({"code": 50035, "errors": {"limit": {"_errors": [{"code": "NUMBER_TYPE_MAX", "message": "int value should be less than or equal to 200."}]}}, "message": "Invalid Form Body"})
    );
    let resp = bearer_get(&fake, "/users/@me/guilds?limit=0", &token);
    assert_eq!(
        resp.json()["errors"]["limit"]["_errors"][0]["code"],
        "NUMBER_TYPE_MIN"
    );
    let resp = bearer_get(
        &fake,
        "/users/@me/guilds?after=abc&with_counts=maybe",
        &token,
    );
    assert_eq!(resp.status, 400);
    let body = resp.json();
    assert_eq!(
        body["errors"]["after"]["_errors"][0]["code"],
        "NUMBER_TYPE_COERCE"
    );
    assert_eq!(
        body["errors"]["with_counts"]["_errors"][0]["code"],
        "BOOLEAN_TYPE_COERCE"
    );
}

#[test]
fn guild_member_and_connections() {
    let fake = FakeDiscord::start();
    let token = fake
        .grant(&["guilds.members.read", "connections"])
        .access_token;
    let member = bearer_get(
        &fake,
        &format!("/users/@me/guilds/{GUILD_DISCORD_API}/member"),
        &token,
    );
    assert_eq!(member.status, 200);
    let member = member.json();
    assert_eq!(member["nick"], "NOT API SUPPORT");
    assert_eq!(member["user"]["id"], USER_ID.to_string());
    assert_eq!(member["flags"], 0);
    assert!(member["joined_at"].as_str().unwrap().ends_with("+00:00"));

    for gid in [GUILD_BOT_ONLY.to_string(), "42".to_owned()] {
        let resp = bearer_get(&fake, &format!("/users/@me/guilds/{gid}/member"), &token);
        assert_eq!(resp.status, 404);
        assert_eq!(
            resp.json(),
            json!({"message": "Unknown Guild", "code": 10004})
        );
    }
    let resp = bearer_get(&fake, "/users/@me/guilds/x/member", &token);
    assert_eq!(resp.status, 400);

    let conns = bearer_get(&fake, "/users/@me/connections", &token).json();
    assert_eq!(conns[0]["type"], "github");
    assert_eq!(conns[1]["type"], "twitch");
    assert_eq!(conns[1]["two_way_link"], true);
    assert_eq!(conns[0]["integrations"], json!([]));
    assert_eq!(conns[0]["visibility"], 1);

    let other = fake.grant(&["identify"]).access_token;
    assert_eq!(
        bearer_get(&fake, "/users/@me/connections", &other).status,
        403
    );
}

#[test]
fn role_connection_lifecycle() {
    let fake = FakeDiscord::start();
    let token = fake.grant(&["role_connections.write"]).access_token;
    let auth = format!("Bearer {token}");
    let url = format!(
        "{}/users/@me/applications/{}/role-connection",
        fake.api_base(),
        fake.client_id()
    );
    let empty = json!({"platform_name": null, "platform_username": null, "metadata": {}});

    let resp = get(&url, &[("Authorization", &auth)]);
    assert_eq!((resp.status, resp.json()), (200, empty.clone()));

    let put = |body: &str| {
        send(
            "PUT",
            &url,
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/json"),
            ],
            body.as_bytes(),
        )
    };
    let stored = json!({"platform_name": "Fake Game", "platform_username": "nelly", "metadata": {"level": "12", "verified": "1"}});
    let resp = put(&stored.to_string());
    assert_eq!((resp.status, resp.json()), (200, stored.clone()));
    assert_eq!(get(&url, &[("Authorization", &auth)]).json(), stored);
    assert_eq!(fake.role_connection(), Some(stored));

    let resp = put(
        &json!({"platform_name": "x".repeat(51), "metadata": {"k": "v".repeat(101)}}).to_string(),
    );
    assert_eq!(resp.status, 400);
    let body = resp.json();
    assert_eq!(body["code"], 50035);
    assert_eq!(
        body["errors"]["platform_name"]["_errors"][0]["code"],
        "BASE_TYPE_MAX_LENGTH"
    );
    assert_eq!(
        body["errors"]["metadata"]["k"]["_errors"][0]["code"],
        "BASE_TYPE_MAX_LENGTH"
    );

    let resp = put("{not json");
    assert_eq!(
        resp.json(),
        json!({"message": "The request body contains invalid JSON.", "code": 50109})
    );

    let resp = send("DELETE", &url, &[("Authorization", &auth)], b"");
    assert_eq!(resp.status, 204);
    assert!(resp.body.is_empty());
    assert_eq!(get(&url, &[("Authorization", &auth)]).json(), empty);

    let wrong_app = format!(
        "{}/users/@me/applications/1234/role-connection",
        fake.api_base()
    );
    let resp = get(&wrong_app, &[("Authorization", &auth)]);
    assert_eq!(resp.status, 403);
    assert_eq!(
        resp.json(),
        json!({"message": "Missing Access", "code": 50001})
    );

    let no_scope = format!("Bearer {}", fake.grant(&["identify"]).access_token);
    assert_eq!(get(&url, &[("Authorization", &no_scope)]).status, 403);
}

fn add_member(fake: &FakeDiscord, guild: u64, user: u64, bot: &str, body: &Value) -> Resp {
    let auth = format!("Bot {bot}");
    send(
        "PUT",
        &format!("{}/guilds/{guild}/members/{user}", fake.api_base()),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        body.to_string().as_bytes(),
    )
}

#[test]
fn add_member_201_then_204() {
    let fake = FakeDiscord::start();
    let token = access_token(&fake, "identify guilds guilds.join");
    let bot = fake.bot_token();
    assert!(!fake.is_member(GUILD_BOT_ONLY, USER_ID));
    let body = json!({"access_token": token, "nick": "newbie", "roles": ["41771983423143936"], "mute": true});
    let resp = add_member(&fake, GUILD_BOT_ONLY, USER_ID, &bot, &body);
    assert_eq!(resp.status, 201, "{}", resp.text());
    let member = resp.json();
    assert_eq!(member["nick"], "newbie");
    assert_eq!(member["roles"], json!(["41771983423143936"]));
    assert_eq!(
        (member["mute"].clone(), member["deaf"].clone()),
        (json!(true), json!(false))
    );
    assert_eq!(member["user"]["id"], USER_ID.to_string());
    assert!(fake.is_member(GUILD_BOT_ONLY, USER_ID));

    let again = add_member(&fake, GUILD_BOT_ONLY, USER_ID, &bot, &body);
    assert_eq!(again.status, 204);
    assert!(again.body.is_empty());

    let list = bearer_get(&fake, "/users/@me/guilds", &token).json();
    assert!(ids(&list).contains(&GUILD_BOT_ONLY));
}

#[test]
fn add_member_errors() {
    let fake = FakeDiscord::start();
    let bot = fake.bot_token();
    let token = fake.grant(&["guilds.join"]).access_token;

    let resp = add_member(&fake, GUILD_BOT_ONLY, USER_ID, &bot, &json!({"nick": "x"}));
    assert_eq!(resp.status, 400);
    let fixture: Value = serde_json::from_str(
        r#"{"code": 50035, "errors": {"access_token": {"_errors": [{"code": "BASE_TYPE_REQUIRED", "message": "This field is required"}]}}, "message": "Invalid Form Body"}"#,
    )
    .unwrap();
    assert_eq!(resp.json(), fixture);

    let resp = add_member(
        &fake,
        GUILD_BOT_ONLY,
        USER_ID,
        "wrong",
        &json!({"access_token": token}),
    );
    assert_eq!(resp.status, 401);
    assert_eq!(
        resp.json(),
        json!({"message": "401: Unauthorized", "code": 0})
    );

    // Bot absent / unknown guild.
    for guild in [GUILD_TESTERS, 42] {
        let resp = add_member(&fake, guild, USER_ID, &bot, &json!({"access_token": token}));
        assert_eq!(resp.status, 404);
        assert_eq!(
            resp.json(),
            json!({"message": "Unknown Guild", "code": 10004})
        );
    }

    let invalid = json!({"message": "Invalid OAuth2 access token provided", "code": 50025});
    // Token of another user, without guilds.join, or dead.
    let no_join = fake.grant(&["identify"]).access_token;
    let dead = fake.grant(&["guilds.join"]).access_token;
    fake.expire_access_token(&dead);
    for (user, tok) in [(1234u64, &token), (USER_ID, &no_join), (USER_ID, &dead)] {
        let resp = add_member(
            &fake,
            GUILD_BOT_ONLY,
            user,
            &bot,
            &json!({"access_token": tok}),
        );
        assert_eq!((resp.status, resp.json()), (403, invalid.clone()));
    }

    // JSON only.
    let auth = format!("Bot {bot}");
    let resp = send(
        "PUT",
        &format!(
            "{}/guilds/{GUILD_BOT_ONLY}/members/{USER_ID}",
            fake.api_base()
        ),
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        format!("access_token={token}").as_bytes(),
    );
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json()["code"], 50035);
    let resp = add_member(
        &fake,
        GUILD_BOT_ONLY,
        USER_ID,
        &bot,
        &json!({"access_token": token, "roles": ["x"], "mute": "yes"}),
    );
    assert_eq!(resp.status, 400);
    let body = resp.json();
    assert_eq!(
        body["errors"]["roles"]["0"]["_errors"][0]["code"],
        "NUMBER_TYPE_COERCE"
    );
    assert_eq!(
        body["errors"]["mute"]["_errors"][0]["code"],
        "BOOLEAN_TYPE_COERCE"
    );
}

#[test]
fn unknown_routes_methods_and_headers() {
    let fake = FakeDiscord::start();
    let resp = get(&format!("{}/nope", fake.api_base()), &[]);
    assert_eq!(resp.status, 404);
    assert_eq!(resp.json(), json!({"message": "404: Not Found", "code": 0}));
    let resp = get(&format!("{}/elsewhere", fake.origin()), &[]);
    assert_eq!(resp.status, 404);

    let resp = send(
        "DELETE",
        &format!("{}/users/@me", fake.api_base()),
        &[],
        b"",
    );
    assert_eq!(resp.status, 405);
    assert_eq!(
        resp.json(),
        json!({"message": "405: Method Not Allowed", "code": 0})
    );
    let resp = get(&format!("{}/oauth2/token", fake.api_base()), &[]);
    assert_eq!(resp.status, 405);

    // Rate-limit headers on every response, bucket stable per route.
    let a = get(&format!("{}/users/@me", fake.api_base()), &[]);
    let b = get(&format!("{}/users/@me", fake.api_base()), &[]);
    let c = get(&format!("{}/users/@me/guilds", fake.api_base()), &[]);
    for r in [&a, &b, &c, &resp] {
        for h in [
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
            "x-ratelimit-reset",
            "x-ratelimit-reset-after",
            "x-ratelimit-bucket",
        ] {
            assert!(r.header(h).is_some(), "{h}");
        }
        let reset = r.header("x-ratelimit-reset").unwrap();
        assert_eq!(reset.split('.').nth(1).map(str::len), Some(3), "{reset}");
    }
    assert_eq!(
        a.header("x-ratelimit-bucket"),
        b.header("x-ratelimit-bucket")
    );
    assert_ne!(
        a.header("x-ratelimit-bucket"),
        c.header("x-ratelimit-bucket")
    );
    let ra: u32 = a.header("x-ratelimit-remaining").unwrap().parse().unwrap();
    let rb: u32 = b.header("x-ratelimit-remaining").unwrap().parse().unwrap();
    assert!(rb < ra || rb == 49, "{ra} {rb}");
}

#[test]
fn hostile_input_gets_proper_errors() {
    let fake = FakeDiscord::start();
    // Over the 64 KiB cap.
    let big = vec![b'a'; 70 * 1024];
    let resp = send(
        "POST",
        &format!("{}/oauth2/token", fake.api_base()),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &big,
    );
    assert_eq!(resp.status, 413);
    // Non-UTF-8 form body.
    let auth = basic(&fake.client_id().to_string(), &fake.client_secret());
    let resp = send(
        "POST",
        &format!("{}/oauth2/token", fake.api_base()),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Authorization", &auth),
        ],
        b"grant_type=\xff\xfe&code=%zz",
    );
    assert_eq!(resp.status, 400);
    assert_eq!(resp.json()["error"], "invalid_request");
    // Non-UTF-8 header value, sent over a raw socket.
    let head = raw_http(
        &fake,
        b"GET /api/v10/users/@me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \xff\xfe\r\nConnection: close\r\n\r\n",
    );
    assert!(head.starts_with("HTTP/1.1 401"), "{head}");
    let resp = send(
        "GET",
        &format!(
            "{}/users/@me/guilds?limit=%FF%FE&before=99999999999999999999999",
            fake.api_base()
        ),
        &[(
            "Authorization",
            &format!("Bearer {}", fake.grant(&["guilds"]).access_token),
        )],
        b"",
    );
    assert_eq!(resp.status, 400);
    let resp = get(
        &format!("{}?client_id=%FF&scope=%00", fake.authorize_url()),
        &[],
    );
    assert_eq!(resp.status, 400);
}
