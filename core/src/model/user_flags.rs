//! [`UserFlags`]: the badges and markers on a user account.

use super::bits::flag_plumbing;

bitflags::bitflags! {
    /// A user's `flags` / `public_flags` (a JSON integer).
    ///
    /// Holds the bits Discord documents; any other bit is kept as is. Older
    /// names of documented bits are aliases ([`BUG_HUNTER`](Self::BUG_HUNTER),
    /// [`HYPESQUAD_BRAVERY`](Self::HYPESQUAD_BRAVERY),
    /// [`HYPESQUAD_BRILLIANCE`](Self::HYPESQUAD_BRILLIANCE),
    /// [`HYPESQUAD_BALANCE`](Self::HYPESQUAD_BALANCE),
    /// [`TEAM_USER`](Self::TEAM_USER)): the same values, shown under Discord's
    /// names by `Display`. Three
    /// bits older libraries name are constants outside the documented set
    /// ([`SYSTEM`](Self::SYSTEM), [`SPAMMER`](Self::SPAMMER),
    /// [`ACTIVE_DEVELOPER`](Self::ACTIVE_DEVELOPER)): they are not in
    /// [`all()`](Self::all) and `Display` shows them as unknown bits.
    ///
    /// ```
    /// use disco_oauth2::model::UserFlags;
    ///
    /// let flags: UserFlags = serde_json::from_str("131328").unwrap();
    /// assert_eq!(flags, UserFlags::HYPESQUAD_ONLINE_HOUSE_3 | UserFlags::VERIFIED_DEVELOPER);
    /// assert_eq!(serde_json::to_string(&flags).unwrap(), "131328");
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    pub struct UserFlags: u64 {
        /// Discord employee.
        const STAFF = 1 << 0;
        /// Partnered server owner.
        const PARTNER = 1 << 1;
        /// HypeSquad Events member.
        const HYPESQUAD = 1 << 2;
        /// Bug Hunter level 1.
        const BUG_HUNTER_LEVEL_1 = 1 << 3;
        /// House Bravery member.
        const HYPESQUAD_ONLINE_HOUSE_1 = 1 << 6;
        /// House Brilliance member.
        const HYPESQUAD_ONLINE_HOUSE_2 = 1 << 7;
        /// House Balance member.
        const HYPESQUAD_ONLINE_HOUSE_3 = 1 << 8;
        /// Early Nitro supporter.
        const PREMIUM_EARLY_SUPPORTER = 1 << 9;
        /// The user is a team (pseudo user).
        const TEAM_PSEUDO_USER = 1 << 10;
        /// Bug Hunter level 2.
        const BUG_HUNTER_LEVEL_2 = 1 << 14;
        /// Verified bot.
        const VERIFIED_BOT = 1 << 16;
        /// Early verified bot developer.
        const VERIFIED_DEVELOPER = 1 << 17;
        /// Moderator Programs alumni.
        const CERTIFIED_MODERATOR = 1 << 18;
        /// Bot uses only HTTP interactions and is shown in the online member list.
        const BOT_HTTP_INTERACTIONS = 1 << 19;
    }
}

impl UserFlags {
    /// **Undocumented**: a system (official Discord) account; named by older
    /// libraries (and the Python package), not by Discord.
    pub const SYSTEM: Self = Self::from_bits_retain(1 << 12);
    /// **Undocumented**: an account flagged as a spammer; named by older
    /// libraries, not by Discord.
    pub const SPAMMER: Self = Self::from_bits_retain(1 << 20);
    /// **No longer documented** (removed from Discord's docs on 2026-03-31):
    /// the active developer badge.
    pub const ACTIVE_DEVELOPER: Self = Self::from_bits_retain(1 << 22);

    /// Older name of [`BUG_HUNTER_LEVEL_1`](Self::BUG_HUNTER_LEVEL_1) (`bug_hunter`).
    pub const BUG_HUNTER: Self = Self::BUG_HUNTER_LEVEL_1;
    /// Older name of [`HYPESQUAD_ONLINE_HOUSE_1`](Self::HYPESQUAD_ONLINE_HOUSE_1)
    /// (`hypesquad_bravery`).
    pub const HYPESQUAD_BRAVERY: Self = Self::HYPESQUAD_ONLINE_HOUSE_1;
    /// Older name of [`HYPESQUAD_ONLINE_HOUSE_2`](Self::HYPESQUAD_ONLINE_HOUSE_2)
    /// (`hypesquad_brilliance`).
    pub const HYPESQUAD_BRILLIANCE: Self = Self::HYPESQUAD_ONLINE_HOUSE_2;
    /// Older name of [`HYPESQUAD_ONLINE_HOUSE_3`](Self::HYPESQUAD_ONLINE_HOUSE_3)
    /// (`hypesquad_balance`).
    pub const HYPESQUAD_BALANCE: Self = Self::HYPESQUAD_ONLINE_HOUSE_3;
    /// Older name of [`TEAM_PSEUDO_USER`](Self::TEAM_PSEUDO_USER) (`team_user`).
    pub const TEAM_USER: Self = Self::TEAM_PSEUDO_USER;
}

flag_plumbing!(UserFlags, false);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use bitflags::Flags;

    use super::*;

    #[test]
    fn every_bit() {
        let table = [
            ("STAFF", 0),
            ("PARTNER", 1),
            ("HYPESQUAD", 2),
            ("BUG_HUNTER_LEVEL_1", 3),
            ("HYPESQUAD_ONLINE_HOUSE_1", 6),
            ("HYPESQUAD_ONLINE_HOUSE_2", 7),
            ("HYPESQUAD_ONLINE_HOUSE_3", 8),
            ("PREMIUM_EARLY_SUPPORTER", 9),
            ("TEAM_PSEUDO_USER", 10),
            ("BUG_HUNTER_LEVEL_2", 14),
            ("VERIFIED_BOT", 16),
            ("VERIFIED_DEVELOPER", 17),
            ("CERTIFIED_MODERATOR", 18),
            ("BOT_HTTP_INTERACTIONS", 19),
        ];
        assert_eq!(UserFlags::FLAGS.len(), table.len());
        for (name, bit) in table {
            let flag = UserFlags::from_name(name).unwrap();
            assert_eq!(flag.bits(), 1u64 << bit, "{name}");
            assert_eq!(
                serde_json::to_string(&flag).unwrap(),
                (1u64 << bit).to_string()
            );
        }
    }

    #[test]
    fn undocumented_bits_are_kept_but_not_named() {
        for (flag, bit) in [
            (UserFlags::SYSTEM, 12),
            (UserFlags::SPAMMER, 20),
            (UserFlags::ACTIVE_DEVELOPER, 22),
        ] {
            assert_eq!(flag.bits(), 1u64 << bit);
            assert!(!UserFlags::all().intersects(flag));
            let parsed: UserFlags = serde_json::from_str(&(1u64 << bit).to_string()).unwrap();
            assert!(parsed.contains(flag));
        }
        assert_eq!(UserFlags::all().bits().count_ones(), 14);
    }

    #[test]
    fn unknown_bits_and_strings() {
        let flags: UserFlags = serde_json::from_str("1099511627840").unwrap();
        assert_eq!(flags.bits(), (1 << 40) | 64);
        assert_eq!(serde_json::to_string(&flags).unwrap(), "1099511627840");
        let flags: UserFlags = serde_json::from_str("\"64\"").unwrap();
        assert_eq!(flags, UserFlags::HYPESQUAD_ONLINE_HOUSE_1);
        assert_eq!(flags.to_string(), "HYPESQUAD_ONLINE_HOUSE_1");
        assert!(serde_json::from_str::<UserFlags>("-5").is_err());
    }
}
