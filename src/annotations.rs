//! What the pipeline finds: entities and claims with their speakers, with byte offsets into the
//! text. Each says where it came from (`source`): the model, or the name of the rule that made it
//! what it is. `annotate --explain` prints the sources; the JSON documents leave them out.

use serde::Serialize;

/// The `source` of what the tagger found and no rule changed.
pub use crate::decode::FROM_MODEL;
/// The `source` of a claim the claim model's vote carries.
pub const FROM_CLAIM_MODEL: &str = "claim model";

/// A mention of a person, organisation or place. Offsets are UTF-8 bytes, end exclusive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub score: f32,
    /// Mentions of the same entity share this id (0, 1, 2, ... in order of first mention).
    pub cluster: usize,
    /// [`FROM_MODEL`], or the name of the rule that added or relabelled the mention last.
    #[serde(skip)]
    pub source: &'static str,
}

/// Who holds a claim's position: the fullest mention of the speaker's cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    pub start: usize,
    pub end: usize,
    pub cluster: usize,
    /// The name of the speaker rule that found it.
    #[serde(skip)]
    pub source: &'static str,
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
    /// [`FROM_CLAIM_MODEL`], or the name of the rule that made the sentence a claim.
    #[serde(skip)]
    pub source: &'static str,
}

/// Everything found in one text, each list sorted by start offset and non-overlapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Annotations {
    pub entities: Vec<Entity>,
    pub claims: Vec<Claim>,
}
