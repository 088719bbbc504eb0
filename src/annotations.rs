//! What the pipeline finds: entities (and, later, claims), with byte offsets into the text.

use serde::Serialize;

/// A mention of a person, organisation or place. Offsets are UTF-8 bytes, end exclusive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub score: f32,
    /// Mentions of the same entity share this id (0, 1, 2, ... in order of first mention).
    pub cluster: usize,
}

/// Everything found in one text, sorted by start offset, non-overlapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Annotations {
    pub entities: Vec<Entity>,
}
