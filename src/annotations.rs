//! What the pipeline finds: entities (decode's [`Entity`]) and claims with their speakers
//! (claims' [`Claim`], [`Speaker`]), with byte offsets into the text. Each says where it came
//! from (`source`): the model, or the name of the rule that made it what it is. `annotate
//! --explain` prints the sources; the JSON documents leave them out.

use serde::Serialize;

pub use crate::claims::{Claim, Speaker, FROM_CLAIM_MODEL};
pub use crate::decode::{Entity, FROM_MODEL};

/// Everything found in one text, each list sorted by start offset and non-overlapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Annotations {
    pub entities: Vec<Entity>,
    pub claims: Vec<Claim>,
}
