#![doc = include_str!("guide.md")]

pub mod defaults;
mod delegate;

pub use self::delegate::Delegate;
