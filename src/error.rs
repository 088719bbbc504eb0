//! One error type for the whole crate. No user input may cause a panic: every failure is
//! one of these variants, with a message fit to print on one line.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The weights file is malformed, truncated, of another version, or fails its checksum.
    Model(String),
    /// The input could not be used (invalid UTF-8, malformed JSON line, ...).
    Input(String),
    /// A backend was requested that this machine cannot provide.
    Backend(String),
    /// Reading or writing a file failed.
    Io(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Model(m) => write!(f, "model error: {m}"),
            Error::Input(m) => write!(f, "input error: {m}"),
            Error::Backend(m) => write!(f, "backend error: {m}"),
            Error::Io(m) => write!(f, "io error: {m}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
