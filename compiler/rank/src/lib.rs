//! Ranked text search, knowing nothing of what the documents are: [`Analyzer`] turns a
//! language's text into terms (Snowball stemming, stop words, ASCII folding), an
//! [`Index`] holds documents of several fields, and [`Bm25f`] scores a query against
//! them.

pub mod analyze;
pub mod fold;
pub mod index;

pub use analyze::{Analyzer, Token};
pub use index::{Bm25f, DocId, FieldParams, Index, IndexBuilder, QueryTerm, Scores, TermId};
