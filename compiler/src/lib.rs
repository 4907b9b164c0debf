//! Laurel: a language and compiler for European micro-credentials.

pub mod vocab;
