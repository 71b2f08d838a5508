//! Fault injection for the Seller Sync API routes, switchable at run time.
//!
//! WHY faults after the effect: the hard case for a sync client is not a refused
//! request but an applied one whose answer never arrives. Half of the injected
//! errors and drops therefore happen after the write committed, so only a client
//! that resends with the same idempotency key — and a server that replays — ends
//! with each change applied exactly once. A seeded RNG makes runs reproducible.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// The settings of `PUT /_sandbox/v1/faults`; fields left out keep their value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    pub latency_ms: u64,
    pub error_rate: f64,
    pub rate_limit_rate: f64,
    pub retry_after_s: u64,
    pub drop_rate: f64,
    pub clock_skew_s: i64,
    pub seed: u64,
}

impl Default for Faults {
    fn default() -> Self {
        Faults {
            latency_ms: 0,
            error_rate: 0.0,
            rate_limit_rate: 0.0,
            retry_after_s: 1,
            drop_rate: 0.0,
            clock_skew_s: 0,
            seed: 1,
        }
    }
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    None,
    RateLimited,
    ErrorBefore,
    ErrorAfter,
    DropBefore,
    DropAfter,
}

pub(crate) struct FaultState {
    pub faults: Faults,
    rng: StdRng,
}

impl FaultState {
    pub fn new(faults: Faults) -> Self {
        FaultState {
            rng: StdRng::seed_from_u64(faults.seed),
            faults,
        }
    }

    /// Merges a partial JSON update; a new seed restarts the random sequence.
    pub fn update(&mut self, patch: &serde_json::Value) -> Result<Faults, String> {
        let mut merged = serde_json::to_value(self.faults).expect("faults serialize");
        let Some(fields) = patch.as_object() else {
            return Err("the body must be a JSON object".into());
        };
        for (k, v) in fields {
            if merged.get(k).is_none() {
                return Err(format!("'{k}' is not a fault setting"));
            }
            merged[k] = v.clone();
        }
        let next: Faults = serde_json::from_value(merged).map_err(|e| e.to_string())?;
        for (name, rate) in [
            ("error_rate", next.error_rate),
            ("rate_limit_rate", next.rate_limit_rate),
            ("drop_rate", next.drop_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} must be between 0 and 1"));
            }
        }
        if fields.contains_key("seed") {
            self.rng = StdRng::seed_from_u64(next.seed);
        }
        self.faults = next;
        Ok(next)
    }

    pub fn draw(&mut self) -> Fault {
        let f = self.faults;
        if f.error_rate + f.rate_limit_rate + f.drop_rate <= 0.0 {
            return Fault::None;
        }
        let roll: f64 = self.rng.gen();
        let after = self.rng.gen_bool(0.5);
        if roll < f.rate_limit_rate {
            Fault::RateLimited
        } else if roll < f.rate_limit_rate + f.error_rate {
            if after {
                Fault::ErrorAfter
            } else {
                Fault::ErrorBefore
            }
        } else if roll < f.rate_limit_rate + f.error_rate + f.drop_rate {
            if after {
                Fault::DropAfter
            } else {
                Fault::DropBefore
            }
        } else {
            Fault::None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_honoured_and_the_seed_makes_runs_repeatable() {
        let mut a = FaultState::new(Faults::default());
        a.update(&serde_json::json!({ "error_rate": 0.2, "rate_limit_rate": 0.1, "drop_rate": 0.1, "seed": 9 }))
            .unwrap();
        let draws: Vec<Fault> = (0..10_000).map(|_| a.draw()).collect();
        let failed = draws.iter().filter(|f| **f != Fault::None).count();
        assert!((3_600..4_400).contains(&failed), "about 40 % fail: {failed}");
        let after = draws.iter().filter(|f| matches!(f, Fault::ErrorAfter | Fault::DropAfter)).count();
        assert!(after > 1_000, "about half of errors and drops happen after the effect: {after}");
        let mut b = FaultState::new(Faults::default());
        b.update(&serde_json::json!({ "error_rate": 0.2, "rate_limit_rate": 0.1, "drop_rate": 0.1, "seed": 9 }))
            .unwrap();
        assert_eq!(draws, (0..10_000).map(|_| b.draw()).collect::<Vec<_>>(), "same seed, same faults");
        assert!(b.update(&serde_json::json!({ "error_rate": 2 })).is_err(), "a rate above 1 is refused");
        assert!(b.update(&serde_json::json!({ "nonsense": 1 })).is_err(), "unknown settings are named");
    }
}
