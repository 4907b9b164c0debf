//! Checking any European Digital Credential file, ours or anyone's (`laurel validate`,
//! `laurel verify`'s data-model check).
//!
//! * [`document`] reads a credential file in each of its forms (the credential itself,
//!   the EU issuer's upload form `{"credential": ...}`, a JAdES-sealed file) into its
//!   JSON value and the [`position`] of every value in it.
//! * [`shapes`] holds the EU's EDC SHACL shapes (both versions, every profile) and finds
//!   the profiles a credential names; [`shacl`] runs them (crate `laurel-shacl`) over the
//!   credential's JSON-LD and says each result in plain words.
//! * [`ebsi`] checks the credential against the Europass EDC JSON Schema of the EBSI
//!   Trusted Schemas Registry (VCDM 1.1 or 2.0, chosen by its `@context`), every schema
//!   bundled; each failure is a [`ebsi::Finding`] with its path, place and plain words.
//! * [`output`] is the check `laurel build` and `laurel issue` run on every document
//!   before writing it.
//! * [`run`] does both for a file and turns every result into a
//!   [`crate::diag::Diagnostic`] at its place: the document's text is added to the
//!   [`crate::source::Sources`] (under the file's path, or for a sealed file a name
//!   saying it is the payload, as positions are in the payload's text).

pub mod document;
pub mod ebsi;
pub mod output;
pub mod position;
pub mod run;
pub mod shacl;
pub mod shapes;
