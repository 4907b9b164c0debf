//! Laurel: a language and compiler for European micro-credentials.
//!
//! Pipeline: [`syntax`] (text to tree) → [`check`] (names, vocabularies, Annex I) →
//! [`elm`] (ELM v3 / EDC JSON-LD). [`project`] loads a folder; [`diag`] reports.

pub mod build;
pub mod check;
pub mod cli;
pub mod diag;
pub mod elm;
pub mod files;
pub mod fmt;
pub mod ide;
pub mod import;
pub mod issue;
pub mod output;
pub mod project;
pub mod render;
pub mod seal;
pub mod source;
pub mod syntax;
pub mod validate;
pub mod vocab;
