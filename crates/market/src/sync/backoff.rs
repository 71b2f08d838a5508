//! How long to wait before retrying: exponential backoff with full jitter, never less
//! than the server's Retry-After.
//!
//! WHY jitter: after an outage every client's queue retries at once; spreading the
//! retries over the whole window keeps a recovering server from falling over again.
//! The random number is passed in so tests can pin it.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Default for Backoff {
    /// 0.5 s doubling up to 5 minutes.
    fn default() -> Self {
        Backoff {
            base: Duration::from_millis(500),
            cap: Duration::from_secs(300),
        }
    }
}

impl Backoff {
    /// The wait before attempt `attempts + 1`; `unit` is a random number in [0, 1).
    pub fn delay(&self, attempts: u32, retry_after: Option<Duration>, unit: f64) -> Duration {
        let window = self.base.saturating_mul(1u32 << attempts.min(20)).min(self.cap);
        let jittered = window.mul_f64(unit.clamp(0.0, 1.0));
        jittered.max(retry_after.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_doubles_up_to_the_cap_and_retry_after_is_a_floor() {
        let b = Backoff {
            base: Duration::from_millis(100),
            cap: Duration::from_secs(2),
        };
        assert_eq!(
            b.delay(0, None, 0.999_999).as_millis(),
            99,
            "first retry waits under one base"
        );
        assert_eq!(
            b.delay(3, None, 0.5),
            Duration::from_millis(400),
            "half of the 800 ms window"
        );
        assert_eq!(b.delay(30, None, 0.999_999).as_secs(), 1, "never beyond the 2 s cap");
        assert_eq!(
            b.delay(0, Some(Duration::from_secs(7)), 0.1),
            Duration::from_secs(7),
            "the server's Retry-After wins over a shorter jitter"
        );
        assert_eq!(b.delay(0, None, 0.0), Duration::ZERO, "full jitter may retry at once");
    }
}
