//! Business logic shared by every way in: the JSON API, the CLI and, later, the
//! federation inbox. Handlers stay thin and call these functions; side effects
//! (the activities to deliver) are stored in the same transaction as the change.

pub mod delivery;
pub mod federation;
pub mod network;
pub mod publishing;
pub mod tokens;

pub use publishing::{PublishError, Publisher};
