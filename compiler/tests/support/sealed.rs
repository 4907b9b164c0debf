//! Reading and damaging sealed files, for the tests of real seals (`seal.rs`) and of
//! ours (`sealing.rs`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;

/// The decoded protected header of a sealed file.
pub fn header(sealed: &str) -> Value {
    let doc: Value = serde_json::from_str(sealed).unwrap();
    let protected = doc["signatures"][0]["protected"].as_str().unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(protected).unwrap()).unwrap()
}

/// The payload's length in bytes.
pub fn payload_len(sealed: &str) -> usize {
    let doc: Value = serde_json::from_str(sealed).unwrap();
    doc["payload"].as_str().unwrap().len()
}

/// The sealed file with the first digit or letter of its payload from byte `at` on
/// changed into another one (the payload stays JSON).
pub fn payload_changed(sealed: &str, at: usize) -> String {
    let mut doc: Value = serde_json::from_str(sealed).unwrap();
    let payload = doc["payload"].as_str().unwrap().to_string();
    let at = at
        + payload[at..]
            .find(|c: char| c.is_ascii_alphanumeric())
            .unwrap();
    let mut bytes = payload.into_bytes();
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    doc["payload"] = Value::String(String::from_utf8(bytes).unwrap());
    doc.to_string()
}
