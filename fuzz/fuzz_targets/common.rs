//! Shared by every target: parse, and if that works, serialize and parse again.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Parses `data` as `T`; whatever parses must serialize to JSON that parses
/// back into the same JSON.
pub fn round_trip<T: Serialize + DeserializeOwned>(data: &[u8]) {
    let Ok(value) = serde_json::from_slice::<T>(data) else {
        return;
    };
    let json = serde_json::to_string(&value).expect("a parsed model serializes");
    let again: T = serde_json::from_str(&json).expect("a serialized model parses");
    assert_eq!(serde_json::to_string(&again).expect("serializes"), json);
}
