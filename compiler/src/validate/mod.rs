//! Checking any European Digital Credential file, ours or anyone's.
//!
//! * [`document`] reads a credential file in each of its forms (the credential itself,
//!   the EU issuer's upload form `{"credential": ...}`, a JAdES-sealed file) into its
//!   JSON value and the [`position`] of every value in it.
//! * [`ebsi`] checks the credential against the Europass EDC JSON Schema of the EBSI
//!   Trusted Schemas Registry (VCDM 1.1 or 2.0, chosen by its `@context`), every schema
//!   bundled; each failure is a [`ebsi::Finding`] with its path, place and plain words.
//!
//! Turning findings into [`crate::diag::Diagnostic`]s: add [`document::Document::text`]
//! to the [`crate::source::Sources`] (under the file's path, or for a sealed file a name
//! saying it is the payload, as positions are in the payload's text), and make each
//! finding's range a [`crate::source::Span`] in it; `SourceFile` sets aside a byte order
//! mark as [`document`] does, so the offsets agree (a unit test in [`ebsi`] does this).
//! The codes for it wait for `laurel validate`: the diagnostics fixtures
//! (`compiler/tests/diagnostics/`) are Laurel projects and learner data, not credential
//! files, and a code needs a fixture.

pub mod document;
pub mod ebsi;
pub mod position;
