//! [`Permissions`]: the 52 permission bits Discord documents.

use super::bits::flag_plumbing;

bitflags::bitflags! {
    /// A set of guild permissions.
    ///
    /// Discord sends permissions as a decimal **string**; this type serializes
    /// the same way and accepts a string or an integer. Bits Discord adds later
    /// are kept (never truncated), so they survive a round trip.
    ///
    /// Older libraries (and the Python package) used other names for some bits;
    /// they are associated constants here: [`READ_MESSAGES`](Self::READ_MESSAGES),
    /// [`EXTERNAL_EMOJIS`](Self::EXTERNAL_EMOJIS),
    /// [`USE_VOICE_ACTIVATION`](Self::USE_VOICE_ACTIVATION),
    /// [`MANAGE_EMOJIS`](Self::MANAGE_EMOJIS),
    /// [`MANAGE_EMOJIS_AND_STICKERS`](Self::MANAGE_EMOJIS_AND_STICKERS),
    /// [`USE_SLASH_COMMANDS`](Self::USE_SLASH_COMMANDS),
    /// [`START_EMBEDDED_ACTIVITIES`](Self::START_EMBEDDED_ACTIVITIES).
    ///
    /// ```
    /// use disco_oauth2::model::Permissions;
    ///
    /// let perms: Permissions = serde_json::from_str(r#""3072""#).unwrap();
    /// assert_eq!(perms, Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES);
    /// assert_eq!(perms.to_string(), "VIEW_CHANNEL | SEND_MESSAGES");
    /// assert_eq!(serde_json::to_string(&perms).unwrap(), r#""3072""#);
    /// assert_eq!(perms.resolve(true), Permissions::all());
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    pub struct Permissions: u64 {
        /// Create instant invites.
        const CREATE_INSTANT_INVITE = 1 << 0;
        /// Kick members (needs 2FA where the guild requires it).
        const KICK_MEMBERS = 1 << 1;
        /// Ban members (2FA).
        const BAN_MEMBERS = 1 << 2;
        /// Every permission, bypassing channel overwrites (2FA).
        const ADMINISTRATOR = 1 << 3;
        /// Manage and edit channels (2FA).
        const MANAGE_CHANNELS = 1 << 4;
        /// Manage and edit the guild (2FA).
        const MANAGE_GUILD = 1 << 5;
        /// Add reactions to messages.
        const ADD_REACTIONS = 1 << 6;
        /// View the audit log.
        const VIEW_AUDIT_LOG = 1 << 7;
        /// Priority speaker in voice channels.
        const PRIORITY_SPEAKER = 1 << 8;
        /// Go live.
        const STREAM = 1 << 9;
        /// View channels, read messages (the old `READ_MESSAGES`).
        const VIEW_CHANNEL = 1 << 10;
        /// Send messages, create forum posts.
        const SEND_MESSAGES = 1 << 11;
        /// Send `/tts` messages.
        const SEND_TTS_MESSAGES = 1 << 12;
        /// Delete others' messages (2FA).
        const MANAGE_MESSAGES = 1 << 13;
        /// Links are embedded.
        const EMBED_LINKS = 1 << 14;
        /// Upload files.
        const ATTACH_FILES = 1 << 15;
        /// Read message history.
        const READ_MESSAGE_HISTORY = 1 << 16;
        /// Use `@everyone` and `@here`.
        const MENTION_EVERYONE = 1 << 17;
        /// Use emojis from other guilds.
        const USE_EXTERNAL_EMOJIS = 1 << 18;
        /// View guild insights.
        const VIEW_GUILD_INSIGHTS = 1 << 19;
        /// Join voice channels.
        const CONNECT = 1 << 20;
        /// Speak in voice channels.
        const SPEAK = 1 << 21;
        /// Mute members in voice.
        const MUTE_MEMBERS = 1 << 22;
        /// Deafen members in voice.
        const DEAFEN_MEMBERS = 1 << 23;
        /// Move members between voice channels.
        const MOVE_MEMBERS = 1 << 24;
        /// Use voice activity detection ("Use Voice Activity").
        const USE_VAD = 1 << 25;
        /// Change one's own nickname.
        const CHANGE_NICKNAME = 1 << 26;
        /// Change others' nicknames.
        const MANAGE_NICKNAMES = 1 << 27;
        /// Manage roles ("Manage Permissions" on channels) (2FA).
        const MANAGE_ROLES = 1 << 28;
        /// Manage webhooks (2FA).
        const MANAGE_WEBHOOKS = 1 << 29;
        /// Edit and delete emojis, stickers and soundboard sounds (2FA).
        const MANAGE_GUILD_EXPRESSIONS = 1 << 30;
        /// Use application commands.
        const USE_APPLICATION_COMMANDS = 1 << 31;
        /// Request to speak in stage channels.
        const REQUEST_TO_SPEAK = 1 << 32;
        /// Edit and delete scheduled events.
        const MANAGE_EVENTS = 1 << 33;
        /// Manage threads (2FA).
        const MANAGE_THREADS = 1 << 34;
        /// Create public and announcement threads.
        const CREATE_PUBLIC_THREADS = 1 << 35;
        /// Create private threads.
        const CREATE_PRIVATE_THREADS = 1 << 36;
        /// Use stickers from other guilds.
        const USE_EXTERNAL_STICKERS = 1 << 37;
        /// Send messages in threads.
        const SEND_MESSAGES_IN_THREADS = 1 << 38;
        /// Use activities (embedded applications).
        const USE_EMBEDDED_ACTIVITIES = 1 << 39;
        /// Time members out ("Timeout Members").
        const MODERATE_MEMBERS = 1 << 40;
        /// View role subscription insights (2FA).
        const VIEW_CREATOR_MONETIZATION_ANALYTICS = 1 << 41;
        /// Use the soundboard.
        const USE_SOUNDBOARD = 1 << 42;
        /// Create emojis, stickers and soundboard sounds.
        const CREATE_GUILD_EXPRESSIONS = 1 << 43;
        /// Create scheduled events.
        const CREATE_EVENTS = 1 << 44;
        /// Use soundboard sounds from other guilds.
        const USE_EXTERNAL_SOUNDS = 1 << 45;
        /// Send voice messages.
        const SEND_VOICE_MESSAGES = 1 << 46;
        /// Set a voice channel's status.
        const SET_VOICE_CHANNEL_STATUS = 1 << 48;
        /// Send polls.
        const SEND_POLLS = 1 << 49;
        /// Use user-installed apps' public responses.
        const USE_EXTERNAL_APPS = 1 << 50;
        /// Pin and unpin messages (split from `MANAGE_MESSAGES` in 2025).
        const PIN_MESSAGES = 1 << 51;
        /// Bypass slowmode (split from the manage permissions in 2025).
        const BYPASS_SLOWMODE = 1 << 52;
    }
}

flag_plumbing!(Permissions, true);

impl Permissions {
    /// Legacy name of [`VIEW_CHANNEL`](Self::VIEW_CHANNEL) (`read_messages`).
    pub const READ_MESSAGES: Self = Self::VIEW_CHANNEL;
    /// Legacy name of [`USE_EXTERNAL_EMOJIS`](Self::USE_EXTERNAL_EMOJIS) (`external_emojis`).
    pub const EXTERNAL_EMOJIS: Self = Self::USE_EXTERNAL_EMOJIS;
    /// Legacy name of [`USE_VAD`](Self::USE_VAD) (`use_voice_activation`).
    pub const USE_VOICE_ACTIVATION: Self = Self::USE_VAD;
    /// Legacy name of [`MANAGE_GUILD_EXPRESSIONS`](Self::MANAGE_GUILD_EXPRESSIONS) (`manage_emojis`).
    pub const MANAGE_EMOJIS: Self = Self::MANAGE_GUILD_EXPRESSIONS;
    /// Legacy name of [`MANAGE_GUILD_EXPRESSIONS`](Self::MANAGE_GUILD_EXPRESSIONS)
    /// (`manage_emojis_and_stickers`).
    pub const MANAGE_EMOJIS_AND_STICKERS: Self = Self::MANAGE_GUILD_EXPRESSIONS;
    /// Legacy name of [`USE_APPLICATION_COMMANDS`](Self::USE_APPLICATION_COMMANDS) (`use_slash_commands`).
    pub const USE_SLASH_COMMANDS: Self = Self::USE_APPLICATION_COMMANDS;
    /// Legacy name of [`USE_EMBEDDED_ACTIVITIES`](Self::USE_EMBEDDED_ACTIVITIES)
    /// (`start_embedded_activities`).
    pub const START_EMBEDDED_ACTIVITIES: Self = Self::USE_EMBEDDED_ACTIVITIES;

    /// The effective permissions of a member whose base permissions these are:
    /// a guild owner, or anyone with [`ADMINISTRATOR`](Self::ADMINISTRATOR),
    /// has every permission ([`Permissions::all`], plus any unknown bits
    /// already set). Otherwise the set is returned unchanged.
    pub fn resolve(self, owner: bool) -> Permissions {
        if owner || self.contains(Self::ADMINISTRATOR) {
            self | Self::all()
        } else {
            self
        }
    }

    /// Whether Discord requires the guild owner's 2FA for these permissions
    /// when the guild enforces server-wide 2FA (any of the `*` bits of the docs).
    pub fn requires_two_factor(self) -> bool {
        self.intersects(
            Self::KICK_MEMBERS
                | Self::BAN_MEMBERS
                | Self::ADMINISTRATOR
                | Self::MANAGE_CHANNELS
                | Self::MANAGE_GUILD
                | Self::MANAGE_MESSAGES
                | Self::MANAGE_ROLES
                | Self::MANAGE_WEBHOOKS
                | Self::MANAGE_GUILD_EXPRESSIONS
                | Self::MANAGE_THREADS
                | Self::VIEW_CREATOR_MONETIZATION_ANALYTICS,
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use bitflags::Flags;

    use super::*;

    /// Discord's table: name, bit.
    const TABLE: [(&str, u32); 52] = [
        ("CREATE_INSTANT_INVITE", 0),
        ("KICK_MEMBERS", 1),
        ("BAN_MEMBERS", 2),
        ("ADMINISTRATOR", 3),
        ("MANAGE_CHANNELS", 4),
        ("MANAGE_GUILD", 5),
        ("ADD_REACTIONS", 6),
        ("VIEW_AUDIT_LOG", 7),
        ("PRIORITY_SPEAKER", 8),
        ("STREAM", 9),
        ("VIEW_CHANNEL", 10),
        ("SEND_MESSAGES", 11),
        ("SEND_TTS_MESSAGES", 12),
        ("MANAGE_MESSAGES", 13),
        ("EMBED_LINKS", 14),
        ("ATTACH_FILES", 15),
        ("READ_MESSAGE_HISTORY", 16),
        ("MENTION_EVERYONE", 17),
        ("USE_EXTERNAL_EMOJIS", 18),
        ("VIEW_GUILD_INSIGHTS", 19),
        ("CONNECT", 20),
        ("SPEAK", 21),
        ("MUTE_MEMBERS", 22),
        ("DEAFEN_MEMBERS", 23),
        ("MOVE_MEMBERS", 24),
        ("USE_VAD", 25),
        ("CHANGE_NICKNAME", 26),
        ("MANAGE_NICKNAMES", 27),
        ("MANAGE_ROLES", 28),
        ("MANAGE_WEBHOOKS", 29),
        ("MANAGE_GUILD_EXPRESSIONS", 30),
        ("USE_APPLICATION_COMMANDS", 31),
        ("REQUEST_TO_SPEAK", 32),
        ("MANAGE_EVENTS", 33),
        ("MANAGE_THREADS", 34),
        ("CREATE_PUBLIC_THREADS", 35),
        ("CREATE_PRIVATE_THREADS", 36),
        ("USE_EXTERNAL_STICKERS", 37),
        ("SEND_MESSAGES_IN_THREADS", 38),
        ("USE_EMBEDDED_ACTIVITIES", 39),
        ("MODERATE_MEMBERS", 40),
        ("VIEW_CREATOR_MONETIZATION_ANALYTICS", 41),
        ("USE_SOUNDBOARD", 42),
        ("CREATE_GUILD_EXPRESSIONS", 43),
        ("CREATE_EVENTS", 44),
        ("USE_EXTERNAL_SOUNDS", 45),
        ("SEND_VOICE_MESSAGES", 46),
        ("SET_VOICE_CHANNEL_STATUS", 48),
        ("SEND_POLLS", 49),
        ("USE_EXTERNAL_APPS", 50),
        ("PIN_MESSAGES", 51),
        ("BYPASS_SLOWMODE", 52),
    ];

    #[test]
    fn every_bit_has_discords_name_and_value() {
        for (name, bit) in TABLE {
            let flag = Permissions::from_name(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(flag.bits(), 1u64 << bit, "{name}");
            assert_eq!(flag.to_string(), name);
            assert_eq!(flag.iter_names().next().unwrap().0, name);
            assert_eq!(
                serde_json::to_string(&flag).unwrap(),
                format!("\"{}\"", 1u64 << bit)
            );
        }
        assert_eq!(Permissions::FLAGS.len(), 52);
        assert_eq!(Permissions::all().bits(), 8866461766385663);
        assert_eq!(Permissions::all().bits(), 0x1f_7fff_ffff_ffff);
        assert!(!Permissions::all().contains(Permissions::from_bits_retain(1 << 47)));
    }

    #[test]
    fn legacy_aliases() {
        assert_eq!(Permissions::READ_MESSAGES, Permissions::VIEW_CHANNEL);
        assert_eq!(Permissions::EXTERNAL_EMOJIS.bits(), 1 << 18);
        assert_eq!(Permissions::USE_VOICE_ACTIVATION.bits(), 1 << 25);
        assert_eq!(Permissions::MANAGE_EMOJIS.bits(), 1 << 30);
        assert_eq!(Permissions::MANAGE_EMOJIS_AND_STICKERS.bits(), 1 << 30);
        assert_eq!(Permissions::USE_SLASH_COMMANDS.bits(), 1 << 31);
        assert_eq!(Permissions::START_EMBEDDED_ACTIVITIES.bits(), 1 << 39);
    }

    #[test]
    fn serde_and_unknown_bits() {
        let p: Permissions = serde_json::from_str("\"36953089\"").unwrap();
        assert_eq!(p.bits(), 36953089);
        let p: Permissions = serde_json::from_str("49794241").unwrap();
        assert_eq!(p.bits(), 49794241);
        let unknown = (1u64 << 47) | (1 << 60) | 1;
        let p: Permissions = serde_json::from_str(&format!("\"{unknown}\"")).unwrap();
        assert_eq!(p.bits(), unknown);
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Permissions>(&json).unwrap(), p);
        assert_eq!(p.to_string(), "CREATE_INSTANT_INVITE | 0x1000800000000000");
        assert!(serde_json::from_str::<Permissions>("\"-1\"").is_err());
        assert!(serde_json::from_str::<Permissions>("-1").is_err());
        assert!(serde_json::from_str::<Permissions>("\"18446744073709551616\"").is_err());
        assert!(serde_json::from_str::<Permissions>("\"abc\"").is_err());
        assert!(serde_json::from_str::<Permissions>("true").is_err());
    }

    #[test]
    fn display_and_from_str() {
        assert_eq!(Permissions::empty().to_string(), "(none)");
        let p: Permissions = "2048".parse().unwrap();
        assert_eq!(p, Permissions::SEND_MESSAGES);
        let p: Permissions = "VIEW_CHANNEL | SEND_MESSAGES".parse().unwrap();
        assert_eq!(p.bits(), 3072);
        let p: Permissions = "CREATE_INSTANT_INVITE | 0x1000800000000000"
            .parse()
            .unwrap();
        assert_eq!(p.bits(), (1u64 << 47) | (1 << 60) | 1);
        assert_eq!(
            "(none)".parse::<Permissions>().unwrap(),
            Permissions::empty()
        );
        assert!("NOT_A_PERMISSION".parse::<Permissions>().is_err());
    }

    #[test]
    fn resolve_owner_and_admin() {
        let plain = Permissions::VIEW_CHANNEL;
        assert_eq!(plain.resolve(false), plain);
        assert_eq!(plain.resolve(true), Permissions::all());
        assert_eq!(
            Permissions::ADMINISTRATOR.resolve(false),
            Permissions::all()
        );
        assert_eq!(Permissions::empty().resolve(false), Permissions::empty());
        assert!(Permissions::BAN_MEMBERS.requires_two_factor());
        assert!(!Permissions::SEND_MESSAGES.requires_two_factor());
    }
}
