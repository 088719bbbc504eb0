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

/// Who holds a claim's position: the fullest mention of the speaker's cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    pub start: usize,
    pub end: usize,
    pub cluster: usize,
}

/// A sentence in which an actor advocates, proposes, demands, announces, commits to,
/// criticises or warns against a course of action. Offsets are UTF-8 bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub start: usize,
    pub end: usize,
    /// The classifier's probability that the sentence is a policy claim.
    pub score: f32,
    /// Byte span of the reporting or advocacy words ("called for", "urged"), if any.
    pub cue: Option<(usize, usize)>,
    pub speaker: Option<Speaker>,
}

/// Everything found in one text, each list sorted by start offset and non-overlapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Annotations {
    pub entities: Vec<Entity>,
    pub claims: Vec<Claim>,
}
