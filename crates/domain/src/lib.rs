//! The pure core of Gallerist: KooGallery's models and rules with no IO.
//!
//! Everything here is deterministic: functions take the current time and a random
//! source as arguments, so the client, the sandbox and the tests all reach the same
//! answers from the same inputs. Both sides of the wire (the client in `market` and
//! the sandbox server) depend on this crate, never on each other.

pub mod apig;
pub mod clock;
pub mod codes;
mod codes_table;
pub mod contacts;
pub mod demo;
pub mod deploy;
pub mod invoice;
pub mod listing;
pub mod mock_orders;
pub mod money;
pub mod numbers;
pub mod open_api_wire;
pub mod order;
pub mod produce;
pub mod settlement;
pub mod site;
pub mod supervision;
pub mod wire;

pub use clock::{china_month, month_start, Clock, FixedClock, SystemClock};
pub use money::{Currency, Money};
pub use order::{Buyer, ChargingMode, Order, OrderLine, OrderType};
pub use site::Site;
