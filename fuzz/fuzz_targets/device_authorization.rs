//! The device authorization response on arbitrary bodies and statuses.
#![no_main]

#[path = "responses.rs"]
mod responses;

use chrono::{DateTime, Utc};
use disco_oauth2::model::DeviceAuthorization;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(login) = DeviceAuthorization::from_response_body(data, DateTime::<Utc>::UNIX_EPOCH) {
        assert!(login.expires_at > DateTime::<Utc>::UNIX_EPOCH);
        assert!(login.interval.as_secs() <= DeviceAuthorization::MAX_SECONDS);
        assert!(format!("{login:?}").contains("DeviceCode([redacted])"));
    }
    responses::respond(
        responses::client()
            .device_authorization()
            .scopes([disco_oauth2::Scope::Identify]),
        data,
    );
});
