//! Policy claims: the rule-based part that, for a sentence, finds the claim's cue (the reporting
//! or advocacy words: "called for", "urged", "said", "according to", "should") and its speaker
//! (the entity mention that names the actor who holds the position).
//!
//! * [`cues`] (it lives in `features`, which reads it for the claim-cue row, and is re-exported
//!   here): [`cues::find_cues`] (every cue of a sentence, longest match, case-insensitive, with
//!   its kind and whether it is quoted: features for a classifier) and [`find_cue`] (the one
//!   cue that carries the claim).
//! * [`speakers`]: [`find_speaker`], ordered rules, named in one registry
//!   ([`speakers::RULES`]), over the sentence's tokens and the entity mentions: "according to
//!   X", quote attribution (across quoted paragraphs), the subject of the cue, pronouns and bare
//!   surnames resolved through earlier sentences, a headline's subject. The mention it returns
//!   is resolved to a full name through its cluster. [`find_speaker_with`] skips the rules
//!   switched off by name.
//! * The word lists both read are data: `src/lexicon/words/*.txt`, declared in
//!   `src/lexicon/lists/claims.rs` ([`crate::lexicon::REPORTING`], [`crate::lexicon::ADVOCACY`],
//!   [`crate::lexicon::MODALS`], [`crate::lexicon::PREPOSITIONS`], ...).
//!
//! See `src/claims/README.md` for how to add a rule or a list.
//!
//! Both are pure functions of their inputs and never panic. Which sentences are claims (and
//! their scores) is decided elsewhere; these rules only say where the cue is and who speaks.

use serde::Serialize;

pub use crate::features::cues;
pub mod ranker;
pub mod select;
pub mod speakers;

pub use cues::{find_cue, Cue};
pub use ranker::{SpeakerRanker, RANKER_SWITCH};
pub use select::{choose_speaker, select, ClaimVotes, Resolver, OWN_VOICE_RULE, PAGE_CLUTTER_RULE};
pub use speakers::{find_speaker, find_speaker_with, SpeakerRef};

/// The names of the speaker rules, in the order they run ([`speakers::RULES`]): each is the
/// `source` of the speakers it finds, and `annotate eval --without NAME` switches it off.
pub fn rule_names() -> Vec<&'static str> {
    speakers::rule_names()
}

/// The `source` of a claim the claim model's vote carries.
pub const FROM_CLAIM_MODEL: &str = "claim model";

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
