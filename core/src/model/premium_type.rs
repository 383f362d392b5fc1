//! [`PremiumType`]: a user's Nitro subscription.

use super::open_enum::int_enum;

int_enum! {
    /// A user's Nitro subscription (`premium_type`). Without the
    /// `identify.premium` scope Discord sends `0` ([`PremiumType::None`]).
    ///
    /// ```
    /// use disco_oauth2::model::PremiumType;
    ///
    /// assert_eq!(serde_json::from_str::<PremiumType>("3").unwrap(), PremiumType::NitroBasic);
    /// assert_eq!(serde_json::from_str::<PremiumType>("9").unwrap(), PremiumType::Unknown(9));
    /// ```
    PremiumType {
        /// No Nitro (or the scope to see it is missing).
        None = 0,
        /// Nitro Classic.
        NitroClassic = 1,
        /// Nitro.
        Nitro = 2,
        /// Nitro Basic.
        NitroBasic = 3,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn values_and_unknown() {
        for (value, kind) in [
            (0, PremiumType::None),
            (1, PremiumType::NitroClassic),
            (2, PremiumType::Nitro),
            (3, PremiumType::NitroBasic),
            (4, PremiumType::Unknown(4)),
            (-1, PremiumType::Unknown(-1)),
        ] {
            assert_eq!(PremiumType::from(value), kind);
            assert_eq!(kind.value(), value);
            let parsed: PremiumType = serde_json::from_str(&value.to_string()).unwrap();
            assert_eq!(parsed, kind);
            assert_eq!(serde_json::to_string(&parsed).unwrap(), value.to_string());
        }
        assert_eq!(PremiumType::Unknown(2), PremiumType::Nitro);
        assert!(serde_json::from_str::<PremiumType>("\"1\"").is_err());
    }
}
