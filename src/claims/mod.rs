//! Policy claims: the rule-based part that, for a sentence, finds the claim's cue (the reporting
//! or advocacy words: "called for", "urged", "said", "according to", "should") and its speaker
//! (the entity mention that names the actor who holds the position).
//!
//! * [`cues`] (it lives in `features`, which reads it for the claim-cue row, and is re-exported
//!   here): the cue word lists (data: [`cues::REPORTING`], [`cues::ADVOCACY`],
//!   [`cues::MODALS`]), [`cues::find_cues`] (every cue of a sentence, longest match,
//!   case-insensitive, with its kind and whether it is quoted: features for a classifier) and
//!   [`find_cue`] (the one cue that carries the claim).
//! * [`speaker_words`]: the word lists the speaker rules read (offices, groups, institutions,
//!   media, relayed stance verbs).
//! * [`speakers`]: [`find_speaker`], ordered rules over the sentence's tokens and the entity
//!   mentions: "according to X", quote attribution (across quoted paragraphs), the subject of
//!   the cue, pronouns and bare surnames resolved through earlier sentences, a headline's
//!   subject. The mention it returns is resolved to a full name through its cluster.
//!
//! Both are pure functions of their inputs and never panic. Which sentences are claims (and
//! their scores) is decided elsewhere; these rules only say where the cue is and who speaks.

pub use crate::features::cues;
pub mod speaker_words;
pub mod speakers;

pub use cues::{find_cue, Cue};
pub use speakers::{find_speaker, find_speaker_with, SpeakerRef};

/// The names of the speaker rules, in the order they run ([`speakers::RULES`]): each is the
/// `source` of the speakers it finds, and `annotate eval --without NAME` switches it off.
pub fn rule_names() -> Vec<&'static str> {
    speakers::rule_names()
}
