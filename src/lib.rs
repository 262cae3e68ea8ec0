//! The `civicpub` binary's library half: configuration and node setup, shared by
//! the command line (`main.rs`) and the end-to-end tests.

pub mod archive;
pub mod citizens;
pub mod config;
pub mod moves;
pub mod node;
pub mod publish;
pub mod site;
pub mod staff;
