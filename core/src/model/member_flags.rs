//! [`MemberFlags`]: per-guild flags of a member.

use super::bits::flag_plumbing;

bitflags::bitflags! {
    /// A guild member's `flags` (a JSON integer, `0` when absent). Unknown bits are kept.
    ///
    /// ```
    /// use disco_oauth2::model::MemberFlags;
    ///
    /// let flags: MemberFlags = serde_json::from_str("3").unwrap();
    /// assert!(flags.contains(MemberFlags::COMPLETED_ONBOARDING));
    /// ```
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
    pub struct MemberFlags: u64 {
        /// The member left and rejoined the guild.
        const DID_REJOIN = 1 << 0;
        /// The member completed onboarding.
        const COMPLETED_ONBOARDING = 1 << 1;
        /// The member is exempt from guild verification requirements (editable by moderators).
        const BYPASSES_VERIFICATION = 1 << 2;
        /// The member started onboarding.
        const STARTED_ONBOARDING = 1 << 3;
        /// The member is a guest and can only reach the voice channel they were invited to.
        const IS_GUEST = 1 << 4;
        /// The member started the Server Guide new-member actions.
        const STARTED_HOME_ACTIONS = 1 << 5;
        /// The member completed the Server Guide new-member actions.
        const COMPLETED_HOME_ACTIONS = 1 << 6;
        /// AutoMod quarantined the member's username, display name or nickname.
        const AUTOMOD_QUARANTINED_USERNAME = 1 << 7;
        /// The member dismissed the DM settings upsell.
        const DM_SETTINGS_UPSELL_ACKNOWLEDGED = 1 << 9;
        /// AutoMod quarantined the member's guild tag.
        const AUTOMOD_QUARANTINED_GUILD_TAG = 1 << 10;
    }
}

flag_plumbing!(MemberFlags, false);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use bitflags::Flags;

    use super::*;

    #[test]
    fn every_bit() {
        let table = [
            ("DID_REJOIN", 0),
            ("COMPLETED_ONBOARDING", 1),
            ("BYPASSES_VERIFICATION", 2),
            ("STARTED_ONBOARDING", 3),
            ("IS_GUEST", 4),
            ("STARTED_HOME_ACTIONS", 5),
            ("COMPLETED_HOME_ACTIONS", 6),
            ("AUTOMOD_QUARANTINED_USERNAME", 7),
            ("DM_SETTINGS_UPSELL_ACKNOWLEDGED", 9),
            ("AUTOMOD_QUARANTINED_GUILD_TAG", 10),
        ];
        assert_eq!(MemberFlags::FLAGS.len(), table.len());
        for (name, bit) in table {
            let flag = MemberFlags::from_name(name).unwrap();
            assert_eq!(flag.bits(), 1u64 << bit, "{name}");
            assert_eq!(
                serde_json::to_string(&flag).unwrap(),
                (1u64 << bit).to_string()
            );
        }
        let unknown: MemberFlags = serde_json::from_str("256").unwrap();
        assert_eq!(unknown.bits(), 256);
        assert_eq!(serde_json::to_string(&unknown).unwrap(), "256");
        assert_eq!(unknown.to_string(), "0x100");
    }
}
