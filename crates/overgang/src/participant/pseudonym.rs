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

/// The shortest key accepted, in bytes. A pseudonym made from a CPR number with a short or
/// guessable key could be reversed by trying every CPR number (there are only a few million);
/// 16 random bytes make that infeasible. Use [`new_key`] (or the bindings' `new_pseudonym_key`
/// / `newPseudonymKey`) to make one.
pub const MIN_KEY_BYTES: usize = 16;

/// The length of keys made by [`new_key`], in bytes.
pub const NEW_KEY_BYTES: usize = 32;

/// A new random key of [`NEW_KEY_BYTES`] bytes from the operating system's generator.
/// Keep it secret and apart from the data: whoever holds it can re-derive every pseudonym.
///
/// ```
/// let key = overgang::participant::new_key()?;
/// assert!(overgang::participant::pseudonym(&key, "journal 17", "AAR").is_ok());
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// `missing` on `key` when the system has no random source.
#[cfg(feature = "random")]
pub fn new_key() -> Result<[u8; NEW_KEY_BYTES], ValidationError> {
    let mut key = [0u8; NEW_KEY_BYTES];
    getrandom::fill(&mut key).map_err(|_| {
        ValidationError::single(
            "key",
            ErrorCode::Missing,
            "key: the system has no random source to make a key from",
        )
    })?;
    Ok(key)
}

/// `PREFIX-` followed by the first 80 bits of HMAC-SHA256(key, local_id), in base32.
///
/// ```
/// use overgang::participant::pseudonym;
/// let key = b"a project key of 16+ bytes";
/// let a = pseudonym(key, "journal 17", "AAR")?;
/// assert_eq!(a, pseudonym(key, "journal 17", "AAR")?); // deterministic
/// assert_ne!(a, pseudonym(b"another key, also 16+ bytes", "journal 17", "AAR")?); // keyed
/// assert_eq!(pseudonym(b"short", "journal 17", "AAR").unwrap_err().errors()[0].code.as_str(), "weak_key");
/// assert!(a.as_str().starts_with("AAR-") && a.as_str().len() == 20);
/// # Ok::<(), overgang::ValidationError>(())
/// ```
///
/// # Errors
/// `missing` on `key` for an empty key or on `local_id` for an empty local ID; `weak_key` on
/// `key` for a key shorter than [`MIN_KEY_BYTES`];
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
    } else if key.len() < MIN_KEY_BYTES {
        errors.push(
            FieldError::new(
                "key",
                ErrorCode::WeakKey,
                format!("key: a key of at least {MIN_KEY_BYTES} bytes is required (a short key lets anyone reverse pseudonyms made from CPR numbers); make one with new_key"),
            )
            .with_min_length(MIN_KEY_BYTES as u64),
        );
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
        || crate::privacy::contains_cpr(prefix)
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
        fn pseudonyms_are_valid_ids_and_never_cpr_shaped(key in prop::collection::vec(any::<u8>(), 16..40), local in ".{1,30}") {
            let id = pseudonym(&key, &local, "P1").unwrap();
            prop_assert!(!crate::privacy::contains_cpr(id.as_str()));
            prop_assert_eq!(id.as_str().len(), 3 + DIGEST_CHARS);
        }
    }
}
