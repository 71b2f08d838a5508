//! The made-up values a run sends: nonces, order ids, business ids — all from the RNG
//! passed in, shaped like KooGallery's own (`CS2211181819B4LVS`, upper-case hex nonces),
//! so a seller's validation sees realistic input.

use chrono::{DateTime, Utc};
use rand::RngCore;

/// 64 upper-case hex characters, like the nonces in KooGallery's examples.
pub fn nonce(rng: &mut impl RngCore) -> String {
    let mut bytes = [0u8; 32];
    rng.fill_bytes(&mut bytes);
    hex_upper(&bytes)
}

/// `CS` + the UTC+8 minute + five random characters: 17 characters as KooGallery's.
pub fn order_id(now: DateTime<Utc>, rng: &mut impl RngCore) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    let minute = now
        .with_timezone(&gallerist_domain::clock::china_offset())
        .format("%y%m%d%H%M");
    let tail: String = (0..5)
        .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect();
    format!("CS{minute}{tail}")
}

/// A random (version 4) UUID in its usual text form.
pub fn uuid(rng: &mut impl RngCore) -> String {
    let mut b = [0u8; 16];
    rng.fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex_lower(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A short random token for Kit names and the test client secret.
pub fn token(rng: &mut impl RngCore, len: usize) -> String {
    let mut bytes = vec![0u8; len.div_ceil(2)];
    rng.fill_bytes(&mut bytes);
    hex_lower(&bytes)[..len].to_string()
}

fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rand::SeedableRng;

    #[test]
    fn ids_have_koogallerys_shapes() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let now = Utc.with_ymd_and_hms(2022, 11, 18, 10, 19, 0).unwrap();
        let order = order_id(now, &mut rng);
        assert_eq!(order.len(), 17);
        assert!(order.starts_with("CS2211181819"), "{order}: the minute is UTC+8");
        let n = nonce(&mut rng);
        assert_eq!(n.len(), 64);
        assert!(n.chars().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase()));
        let u = uuid(&mut rng);
        assert_eq!((u.len(), &u[14..15]), (36, "4"));
        assert_ne!(nonce(&mut rng), n, "each nonce is new");
    }
}
