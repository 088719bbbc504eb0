//! Policy claims: the rule-based part that, for a sentence, finds the claim's cue (the reporting
//! or advocacy words: "called for", "urged", "said", "according to", "should") and its speaker
//! (the entity mention that names the actor who holds the position).
//!
//! * [`cues`]: the cue word lists (data) and [`find_cue`], longest match, case-insensitive.
//! * [`speakers`]: [`find_speaker`], ordered rules over the sentence's tokens and the entity
//!   mentions: "according to X", quote attribution, the subject of the cue, pronouns and
//!   surnames resolved through earlier sentences, a headline's subject.
//!
//! Both are pure functions of their inputs and never panic. Which sentences are claims (and their
//! scores) is decided elsewhere; these rules only say where the cue is and who speaks.

pub mod cues;
pub mod speakers;

pub use cues::{find_cue, Cue};
pub use speakers::{find_speaker, SpeakerRef};
