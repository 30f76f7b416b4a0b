//! Keyed, deterministic pseudonyms: a project derives stable IDs from its own local keys
//! (a journal number, a case ID) without storing them next to the data.

use super::id::ParticipantId;
use crate::error::{ErrorCode, FieldError, ValidationError};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Characters of the encoded digest: 16 base32 characters = 80 bits of HMAC-SHA256.
pub const DIGEST_CHARS: usize = 16;

/// RFC 4648 base32 alphabet. It has no `0`, `1`, `8` or `9`, so a pseudonym can never contain
/// a CPR-shaped run (a month needs a `0` or `1`).
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// `PREFIX-` followed by the first 80 bits of HMAC-SHA256(key, local_id), in base32.
///
/// ```
/// use overgang::participant::pseudonym;
/// let a = pseudonym(b"project key", "journal 17", "AAR")?;
/// assert_eq!(a, pseudonym(b"project key", "journal 17", "AAR")?); // deterministic
/// assert_ne!(a, pseudonym(b"other key", "journal 17", "AAR")?); // keyed
/// assert!(a.as_str().starts_with("AAR-") && a.as_str().len() == 20);
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// `missing` on `key` for an empty key or on `local_id` for an empty local ID;
/// `invalid_format` on `prefix` unless it is 1-16 letters or digits.
pub fn pseudonym(
    key: &[u8],
    local_id: &str,
    prefix: &str,
) -> Result<ParticipantId, ValidationError> {
    let mut errors = Vec::new();
    if key.is_empty() {
        errors.push(FieldError::new(
            "key",
            ErrorCode::Missing,
            "key is missing; the project's secret key must not be empty",
        ));
    }
    if local_id.is_empty() {
        errors.push(FieldError::new(
            "local_id",
            ErrorCode::Missing,
            "local_id is missing; give the project's own identifier to derive the pseudonym from",
        ));
    }
    if prefix.is_empty()
        || prefix.len() > 16
        || !prefix.bytes().all(|b| b.is_ascii_alphanumeric())
        || super::id::contains_cpr(prefix)
    {
        errors.push(FieldError::new(
            "prefix",
            ErrorCode::InvalidFormat,
            "prefix: 1 to 16 letters or digits, e.g. AAR",
        ));
    }
    if !errors.is_empty() {
        return Err(ValidationError::new(errors));
    }
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return Err(ValidationError::single(
            "key",
            ErrorCode::InvalidFormat,
            "key: not usable as an HMAC key",
        ));
    };
    mac.update(local_id.as_bytes());
    let digest = mac.finalize().into_bytes();
    ParticipantId::new(&format!(
        "{prefix}-{}",
        base32(&digest[..DIGEST_CHARS * 5 / 8])
    ))
}

/// Base32 of whole 5-byte groups (no padding needed).
fn base32(bytes: &[u8]) -> String {
    bytes
        .chunks(5)
        .flat_map(|c| {
            let n = c.iter().fold(0u64, |n, &b| (n << 8) | u64::from(b));
            (0..8)
                .rev()
                .map(move |i| BASE32[((n >> (i * 5)) & 31) as usize] as char)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn rfc4648_base32() {
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
    }

    proptest! {
        #[test]
        fn pseudonyms_are_valid_ids_and_never_cpr_shaped(key in prop::collection::vec(any::<u8>(), 1..40), local in ".{1,30}") {
            let id = pseudonym(&key, &local, "P1").unwrap();
            prop_assert!(!super::super::id::contains_cpr(id.as_str()));
            prop_assert_eq!(id.as_str().len(), 3 + DIGEST_CHARS);
        }
    }
}
