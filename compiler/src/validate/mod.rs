//! Conformance of European Digital Credentials: the EU's SHACL shapes.

pub mod shacl;
pub mod shapes;
