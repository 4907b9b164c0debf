//! Checking any European Digital Credential file, ours or anyone's.
//!
//! * [`document`] reads a credential file in each of its forms (the credential itself,
//!   the EU issuer's upload form `{"credential": ...}`, a JAdES-sealed file) into its
//!   JSON value and the [`position`] of every value in it.
//! * [`ebsi`] checks the credential against the Europass EDC JSON Schema of the EBSI
//!   Trusted Schemas Registry (VCDM 1.1 or 2.0, chosen by its `@context`), every schema
//!   bundled; each failure is a [`ebsi::Finding`] with its path, place and plain words.

pub mod document;
pub mod ebsi;
pub mod position;
