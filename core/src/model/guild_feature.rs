//! [`GuildFeature`]: what a guild has unlocked.

use super::open_enum::str_enum;

str_enum! {
    /// A guild feature. Discord adds features without notice (its own examples
    /// contain undocumented ones such as `MORE_EMOJI`), so unknown ones are kept
    /// in [`GuildFeature::Other`].
    ///
    /// ```
    /// use disco_oauth2::model::GuildFeature;
    ///
    /// assert_eq!(GuildFeature::from("COMMUNITY"), GuildFeature::Community);
    /// assert_eq!(GuildFeature::from("MORE_EMOJI").as_str(), "MORE_EMOJI");
    /// ```
    GuildFeature {
        /// Can set an animated banner.
        AnimatedBanner = "ANIMATED_BANNER",
        /// Can set an animated icon.
        AnimatedIcon = "ANIMATED_ICON",
        /// Uses the new application command permissions.
        ApplicationCommandPermissionsV2 = "APPLICATION_COMMAND_PERMISSIONS_V2",
        /// Has set up auto moderation rules.
        AutoModeration = "AUTO_MODERATION",
        /// Can set a banner.
        Banner = "BANNER",
        /// Is a community guild.
        Community = "COMMUNITY",
        /// Enabled monetization.
        CreatorMonetizableProvisional = "CREATOR_MONETIZABLE_PROVISIONAL",
        /// Enabled the role subscription promo page.
        CreatorStorePage = "CREATOR_STORE_PAGE",
        /// Is a developer support server.
        DeveloperSupportServer = "DEVELOPER_SUPPORT_SERVER",
        /// Is in Server Discovery.
        Discoverable = "DISCOVERABLE",
        /// Can be featured in the directory.
        Featurable = "FEATURABLE",
        /// Paused invites.
        InvitesDisabled = "INVITES_DISABLED",
        /// Can set an invite splash.
        InviteSplash = "INVITE_SPLASH",
        /// Has membership screening.
        MemberVerificationGateEnabled = "MEMBER_VERIFICATION_GATE_ENABLED",
        /// More soundboard slots.
        MoreSoundboard = "MORE_SOUNDBOARD",
        /// More sticker slots.
        MoreStickers = "MORE_STICKERS",
        /// Can create announcement channels.
        News = "NEWS",
        /// Is partnered.
        Partnered = "PARTNERED",
        /// Can be previewed before joining.
        PreviewEnabled = "PREVIEW_ENABLED",
        /// Disabled raid alerts.
        RaidAlertsDisabled = "RAID_ALERTS_DISABLED",
        /// Can set role icons.
        RoleIcons = "ROLE_ICONS",
        /// Has role subscriptions for purchase.
        RoleSubscriptionsAvailableForPurchase = "ROLE_SUBSCRIPTIONS_AVAILABLE_FOR_PURCHASE",
        /// Enabled role subscriptions.
        RoleSubscriptionsEnabled = "ROLE_SUBSCRIPTIONS_ENABLED",
        /// Created soundboard sounds.
        Soundboard = "SOUNDBOARD",
        /// Enabled ticketed events.
        TicketedEventsEnabled = "TICKETED_EVENTS_ENABLED",
        /// Can set a vanity URL.
        VanityUrl = "VANITY_URL",
        /// Is verified.
        Verified = "VERIFIED",
        /// Has 384 kbps voice bitrate.
        VipRegions = "VIP_REGIONS",
        /// Enabled the welcome screen.
        WelcomeScreenEnabled = "WELCOME_SCREEN_ENABLED",
        /// Guests can join voice channels.
        GuestsEnabled = "GUESTS_ENABLED",
        /// Can set guild tags.
        GuildTags = "GUILD_TAGS",
        /// Can set gradient role colours.
        EnhancedRoleColors = "ENHANCED_ROLE_COLORS",
    }
}
