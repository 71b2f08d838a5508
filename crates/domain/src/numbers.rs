//! Whole numbers written for people: `1048576` → `1,048,576`.
//!
//! Limits named in refusals ("more than 1,048,576 rows") are read by sellers, not
//! parsed; every crate that words a limit uses this one function so they all read the
//! same way.

/// `n` with a comma between each group of three digits.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn groups_of_three_from_the_right() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_000), "1,000");
        assert_eq!(grouped(52_428_800), "52,428,800");
        assert_eq!(grouped(u64::MAX), "18,446,744,073,709,551,615");
    }
}
