//! Property tests: flag bits survive serde, generated models survive
//! parse → serialize → parse, and no input makes a parser panic.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use disco_oauth2::model::*;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Serializes, parses, serializes again: both JSON texts must be identical,
/// and the parsed value must show every field the generated one had (models
/// compare by id, and a field `Serialize` dropped would vanish from both
/// JSON texts alike, so `Debug`, which prints every field, is the strict check).
fn assert_round_trip<T: Serialize + DeserializeOwned + std::fmt::Debug>(
    value: &T,
) -> Result<(), TestCaseError> {
    let json = serde_json::to_string(value).unwrap();
    let parsed: T =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
    prop_assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
    prop_assert_eq!(format!("{parsed:?}"), format!("{value:?}"));
    Ok(())
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    // 1970 to 2100, microsecond precision.
    (0i64..4_102_444_800_000_000).prop_map(|us| DateTime::from_timestamp_micros(us).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-z0-9_]{0,12}"]
}

fn hash() -> impl Strategy<Value = Option<ImageHash>> {
    proptest::option::of(
        prop_oneof!["a_[0-9a-f]{32}", "[0-9a-f]{32}", any::<String>()].prop_map(ImageHash::new),
    )
}

fn user() -> BoxedStrategy<User> {
    (
        (
            any::<u64>(),
            text(),
            prop_oneof![Just("0".to_owned()), "[0-9]{4}"],
            proptest::option::of(text()),
            hash(),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(any::<bool>()),
            hash(),
            proptest::option::of(any::<u32>()),
        ),
        (
            proptest::option::of(text()),
            proptest::option::of(any::<bool>()),
            proptest::option::of(text()),
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<i64>()),
            proptest::option::of(any::<u64>()),
        ),
        (
            proptest::option::of((text(), proptest::option::of(any::<u64>()))),
            proptest::option::of(proptest::option::of((
                text(),
                text(),
                text(),
                proptest::option::of(any::<u64>()),
            ))),
            proptest::option::of((
                proptest::option::of(any::<u64>()),
                proptest::option::of(any::<bool>()),
                proptest::option::of(text()),
                hash(),
            )),
        ),
    )
        .prop_map(
            |(
                (id, username, discriminator, global_name, avatar),
                (bot, system, mfa_enabled, banner, accent_color),
                (locale, verified, email, flags, premium_type, public_flags),
                (decoration, collectibles, primary_guild),
            )| {
                let mut user: User = serde_json::from_value(
                    serde_json::json!({"id": id.to_string(), "username": ""}),
                )
                .unwrap();
                user.username = username;
                user.discriminator = discriminator;
                user.global_name = global_name;
                user.avatar = avatar;
                user.bot = bot;
                user.system = system;
                user.mfa_enabled = mfa_enabled;
                user.banner = banner;
                user.accent_color = accent_color;
                user.locale = locale;
                user.verified = verified;
                user.email = email;
                user.flags = flags.map(UserFlags::from_bits_retain);
                user.premium_type = premium_type.map(PremiumType::from);
                user.public_flags = public_flags.map(UserFlags::from_bits_retain);
                user.avatar_decoration_data = decoration.map(|(asset, sku)| AvatarDecorationData {
                    asset,
                    sku_id: sku.map(SkuId::new),
                });
                user.collectibles = collectibles.map(|nameplate| Collectibles {
                    nameplate: nameplate.map(|(asset, label, palette, sku)| Nameplate {
                        sku_id: sku.map(SkuId::new),
                        asset,
                        label,
                        palette,
                    }),
                });
                user.primary_guild =
                    primary_guild.map(|(guild, enabled, tag, badge)| PrimaryGuild {
                        identity_guild_id: guild.map(GuildId::new),
                        identity_enabled: enabled,
                        tag,
                        badge,
                    });
                user
            },
        )
        .boxed()
}

fn features() -> impl Strategy<Value = Vec<GuildFeature>> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(GuildFeature::KNOWN.to_vec()),
            text().prop_map(GuildFeature::from)
        ],
        0..6,
    )
}

fn guild() -> BoxedStrategy<Guild> {
    (
        any::<u64>(),
        text(),
        hash(),
        hash(),
        any::<bool>(),
        any::<u64>(),
        features(),
        proptest::option::of(any::<u64>()),
        proptest::option::of(any::<u64>()),
    )
        .prop_map(
            |(id, name, icon, banner, owner, permissions, features, members, presences)| Guild {
                id: GuildId::new(id),
                name,
                icon,
                banner,
                owner,
                permissions: Permissions::from_bits_retain(permissions),
                features,
                approximate_member_count: members,
                approximate_presence_count: presences,
            },
        )
        .boxed()
}

fn member() -> BoxedStrategy<Member> {
    (
        (
            proptest::option::of(user()),
            proptest::option::of(any::<u64>()),
            proptest::option::of(text()),
            hash(),
            hash(),
        ),
        (
            proptest::collection::vec(any::<u64>(), 0..5),
            proptest::option::of(time()),
            proptest::option::of(time()),
            any::<bool>(),
            any::<bool>(),
            any::<u64>(),
        ),
        (
            proptest::option::of(any::<bool>()),
            proptest::option::of(any::<u64>()),
            proptest::option::of(time()),
        ),
    )
        .prop_map(
            |(
                (user, guild_id, nick, avatar, banner),
                (roles, joined_at, premium_since, deaf, mute, flags),
                (pending, permissions, until),
            )| {
                let mut member: Member = serde_json::from_str("{}").unwrap();
                member.user = user;
                member.guild_id = guild_id.map(GuildId::new);
                member.nick = nick;
                member.avatar = avatar;
                member.banner = banner;
                member.roles = roles.into_iter().map(RoleId::new).collect();
                member.joined_at = joined_at;
                member.premium_since = premium_since;
                member.deaf = deaf;
                member.mute = mute;
                member.flags = MemberFlags::from_bits_retain(flags);
                member.pending = pending;
                member.permissions = permissions.map(Permissions::from_bits_retain);
                member.communication_disabled_until = until;
                member
            },
        )
        .boxed()
}

fn scopes() -> impl Strategy<Value = Scopes> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(Scope::KNOWN.to_vec()),
            "[!#-\\[\\]-~]{1,20}".prop_map(|name| Scope::parse(&name).unwrap())
        ],
        0..5,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn integration() -> BoxedStrategy<Integration> {
    (
        any::<u64>(),
        text(),
        prop_oneof![
            proptest::sample::select(IntegrationType::KNOWN.to_vec()),
            text().prop_map(IntegrationType::from)
        ],
        proptest::option::of(any::<bool>()),
        proptest::option::of(any::<i64>()),
        proptest::option::of((text(), text())),
        proptest::option::of(time()),
        proptest::option::of(any::<u64>()),
        proptest::option::of(scopes()),
    )
        .prop_map(
            |(id, name, kind, enabled, expire, account, synced_at, app, scopes)| {
                let mut integration: Integration = serde_json::from_value(
                    serde_json::json!({"id": id.to_string(), "name": "", "type": "twitch"}),
                )
                .unwrap();
                integration.name = name;
                integration.kind = kind;
                integration.enabled = enabled;
                integration.expire_behavior = expire.map(ExpireBehavior::from);
                integration.account = account.map(|(id, name)| IntegrationAccount { id, name });
                integration.synced_at = synced_at;
                integration.application_id = app.map(ApplicationId::new);
                integration.scopes = scopes;
                integration
            },
        )
        .boxed()
}

fn connection() -> BoxedStrategy<Connection> {
    (
        (
            text(),
            text(),
            prop_oneof![
                proptest::sample::select(ConnectionService::KNOWN.to_vec()),
                text().prop_map(ConnectionService::from)
            ],
            proptest::option::of(any::<bool>()),
            proptest::collection::vec(integration(), 0..3),
        ),
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            any::<i64>(),
        ),
    )
        .prop_map(
            |(
                (id, name, kind, revoked, integrations),
                (verified, friend_sync, show_activity, two_way_link, vis),
            )| {
                Connection {
                    id,
                    name,
                    kind,
                    revoked,
                    integrations,
                    verified,
                    friend_sync,
                    show_activity,
                    two_way_link,
                    visibility: Visibility::from(vis),
                }
            },
        )
        .boxed()
}

/// Arbitrary JSON, biased towards the shapes models expect.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let key = prop_oneof![
        proptest::sample::select(vec![
            "id",
            "username",
            "discriminator",
            "name",
            "type",
            "user",
            "roles",
            "permissions",
            "permissions_new",
            "flags",
            "joined_at",
            "scope",
            "scopes",
            "expires_in",
            "access_token",
            "guild",
            "webhook",
            "account",
            "application",
            "integrations",
            "visibility",
            "metadata",
            "tags",
            "expires",
            "avatar",
            "token",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[0-9]{1,20}".prop_map(Value::String),
        time().prop_map(|t| Value::String(t.to_rfc3339())),
    ];
    leaf.prop_recursive(4, 48, 8, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(key.clone(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Feeds `bytes` to every model parser; each may fail but none may panic,
/// and whatever parses must round-trip.
fn parse_everything(bytes: &[u8]) -> Result<(), TestCaseError> {
    fn one<T: Serialize + DeserializeOwned + std::fmt::Debug>(
        bytes: &[u8],
    ) -> Result<(), TestCaseError> {
        if let Ok(value) = serde_json::from_slice::<T>(bytes) {
            assert_round_trip(&value)?;
        }
        Ok(())
    }
    one::<User>(bytes)?;
    one::<Guild>(bytes)?;
    one::<Member>(bytes)?;
    one::<Connection>(bytes)?;
    one::<Integration>(bytes)?;
    one::<Application>(bytes)?;
    one::<Authorization>(bytes)?;
    one::<AuthorizedGuild>(bytes)?;
    one::<Role>(bytes)?;
    one::<RoleConnection>(bytes)?;
    one::<Webhook>(bytes)?;
    one::<AccessToken>(bytes)?;
    one::<Scopes>(bytes)?;
    one::<Permissions>(bytes)?;
    one::<Vec<Guild>>(bytes)?;
    if let Ok(token) = AccessToken::from_response_body(bytes, DateTime::UNIX_EPOCH) {
        assert_round_trip(&token)?;
    }
    Ok(())
}

proptest! {
    #[test]
    fn permissions_bits_round_trip(bits in any::<u64>()) {
        let perms = Permissions::from_bits_retain(bits);
        let json = serde_json::to_string(&perms).unwrap();
        prop_assert_eq!(&json, &format!("\"{bits}\""));
        prop_assert_eq!(serde_json::from_str::<Permissions>(&json).unwrap().bits(), bits);
        prop_assert_eq!(serde_json::from_str::<Permissions>(&bits.to_string()).unwrap().bits(), bits);
        prop_assert_eq!(perms.to_string().parse::<Permissions>().unwrap().bits(), bits);
        prop_assert_eq!(bits.to_string().parse::<Permissions>().unwrap().bits(), bits);
    }

    #[test]
    fn user_flags_round_trip(bits in any::<u64>()) {
        let flags = UserFlags::from_bits_retain(bits);
        let json = serde_json::to_string(&flags).unwrap();
        prop_assert_eq!(&json, &bits.to_string());
        prop_assert_eq!(serde_json::from_str::<UserFlags>(&json).unwrap().bits(), bits);
        prop_assert_eq!(flags.to_string().parse::<UserFlags>().unwrap().bits(), bits);
    }

    #[test]
    fn member_flags_round_trip(bits in any::<u64>()) {
        let flags = MemberFlags::from_bits_retain(bits);
        let json = serde_json::to_string(&flags).unwrap();
        prop_assert_eq!(serde_json::from_str::<MemberFlags>(&json).unwrap().bits(), bits);
        prop_assert_eq!(flags.to_string().parse::<MemberFlags>().unwrap().bits(), bits);
    }

    #[test]
    fn ids_round_trip(value in any::<u64>()) {
        let id = UserId::new(value);
        prop_assert_eq!(serde_json::from_str::<UserId>(&serde_json::to_string(&id).unwrap()).unwrap(), id);
        prop_assert_eq!(id.to_string().parse::<UserId>().unwrap(), id);
        prop_assert!(id.created_at() >= UserId::new(0).created_at());
    }

    #[test]
    fn scopes_round_trip(scopes in scopes()) {
        assert_round_trip(&scopes)?;
        // No scope holds a space, so every set survives the space-separated form.
        prop_assert_eq!(Scopes::parse(&scopes.to_space_separated()).unwrap(), scopes);
    }

    #[test]
    fn any_text_parses_to_a_printable_scope_or_an_error(name in any::<String>()) {
        match Scope::parse(&name) {
            Ok(scope) => {
                prop_assert_eq!(scope.as_str(), name.as_str());
                prop_assert!(name.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'));
            }
            Err(err) => prop_assert_eq!(err.field, "scope"),
        }
    }

    #[test]
    fn users_round_trip(user in user()) {
        assert_round_trip(&user)?;
        let _ = (user.to_string(), user.display_avatar_url(None, None), user.accent_colour(), user.created_at());
        prop_assert!(user.default_avatar_index() < 6);
    }

    #[test]
    fn guilds_round_trip(guild in guild()) {
        assert_round_trip(&guild)?;
        let _ = (guild.icon_url(Some(ImageFormat::Gif), None), guild.effective_permissions());
    }

    #[test]
    fn members_round_trip(member in member(), now in time()) {
        assert_round_trip(&member)?;
        let json = serde_json::to_string(&member).unwrap();
        prop_assert_eq!(serde_json::from_str::<Member>(&json).unwrap(), member.clone());
        let _ = (member.display_name(), member.display_avatar_url(None, None), member.is_timed_out(now));
    }

    #[test]
    fn connections_round_trip(connection in connection()) {
        assert_round_trip(&connection)?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        parse_everything(&bytes)?;
    }

    #[test]
    fn arbitrary_json_never_panics(value in json()) {
        parse_everything(value.to_string().as_bytes())?;
    }
}
