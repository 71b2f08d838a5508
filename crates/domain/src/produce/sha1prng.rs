//! The AES key Huawei's V1 sample derives from the access key.
//!
//! The sample does not use the key bytes as the AES key: it seeds Java's `SHA1PRNG`
//! with them and asks `KeyGenerator` for 128 or 256 bits. A seller's server written in
//! another language must reproduce that generator exactly or every encrypted
//! `userName`/`password` decrypts to noise. This is the portable equivalent of
//! koogallery-apis.md §6.4 (checked there against a JDK): seed = SHA1(key); each
//! 20-byte block = SHA1(state), after which the state absorbs the block.

use sha1::{Digest, Sha1};

/// The first `len` bytes `SHA1PRNG` seeded with `seed` produces (len ≤ 40 is all V1 needs).
pub(crate) fn bytes(seed: &[u8], len: usize) -> Vec<u8> {
    let mut state: [u8; 20] = Sha1::digest(seed).into();
    let mut out = Vec::with_capacity(len + 20);
    while out.len() < len {
        let block: [u8; 20] = Sha1::digest(state).into();
        update_state(&mut state, &block);
        out.extend_from_slice(&block);
    }
    out.truncate(len);
    out
}

/// Java's `SecureRandom` `updateState`: add the output to the state as signed bytes with
/// a carry that starts at 1; if no byte changed, bump the first.
fn update_state(state: &mut [u8; 20], output: &[u8; 20]) {
    let mut carry: i32 = 1;
    let mut changed = false;
    for (s, o) in state.iter_mut().zip(output) {
        let v = i32::from(*s as i8) + i32::from(*o as i8) + carry;
        let t = v as u8;
        changed |= *s != t;
        *s = t;
        carry = v >> 8;
    }
    if !changed {
        state[0] = state[0].wrapping_add(1);
    }
}
