//! Which sentences are policy claims, with their cue and speaker: the claim model's pooled vote
//! per sentence against its threshold, the claim rules (a relayed fact needs a surer vote; a
//! byline or dateline is never a claim; a course of action in the writer's own voice is one,
//! `own-voice`; page clutter is never one, `page-clutter`), then the cue ([`cues::find_cue`]) and the speaker
//! ([`speakers::find_speaker_with`]).

use super::ranker::{SpeakerRanker, RANKER_SWITCH};
use super::speakers::{self, candidates, SpeakerRef};
use super::{cues, Claim, Speaker, FROM_CLAIM_MODEL};
use crate::classifier::model::Header;
use crate::classifier::ClaimPool;
use crate::decode::Entity;
use crate::features;
use crate::lexicon;
use crate::switches::RuleSwitches;
use crate::tokens::Tokenized;
use std::collections::HashMap;

/// A model's claim votes: the one at `at` of every `stride` scores per token, and the header
/// that says how to pool them and where the threshold is.
#[derive(Clone, Copy)]
pub struct ClaimVotes<'a> {
    pub header: &'a Header,
    pub votes: &'a [f32],
    pub stride: usize,
    pub at: usize,
}

/// The claims of a text, in order (see the module docs); `entities` are its entities, sorted.
pub fn select(
    text: &str,
    tokenized: &Tokenized,
    votes: &ClaimVotes,
    entities: &[Entity],
    switches: &RuleSwitches,
    ranker: Option<&SpeakerRanker>,
) -> Vec<Claim> {
    let ClaimVotes {
        header,
        votes,
        stride,
        at: vote_at,
    } = *votes;
    if header.claim_logits == 0 || votes.len() < tokenized.tokens.len() * stride {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut resolver = Resolver::new(text, entities);
    // A text in its writer's own voice (a public comment, a letter) states its positions
    // with "should", "I urge" and instructions: those sentences are claims whatever the
    // model's vote (it learned them from CDCP at a quarter of the news set's weight). Only
    // a model that reads the register bit was trained to tell the two registers apart.
    let own_voice = (header.tables.register != 0 && switches.is_on(OWN_VOICE_RULE))
        .then(|| features::own_voice_courses_of_action(text, tokenized))
        .flatten();
    for (si, sentence) in tokenized.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        if range.is_empty() {
            continue;
        }
        let sentence_votes = range.clone().map(|i| votes[i * stride + vote_at]);
        let pooled = match header.claim_pool {
            ClaimPool::Mean => sentence_votes.sum::<f32>() / range.len() as f32,
            ClaimPool::Max => sentence_votes.fold(f32::NEG_INFINITY, f32::max),
        };
        let mut score = 1.0 / (1.0 + (-pooled).exp());
        let mut source = FROM_CLAIM_MODEL;
        let course_of_action = own_voice
            .as_ref()
            .is_some_and(|v| v.get(si).copied().unwrap_or(false));
        if course_of_action {
            if score < header.claim_threshold {
                source = OWN_VOICE_RULE;
            }
            score = score.max(OWN_VOICE_POLICY_SCORE);
        }
        if score < header.claim_threshold {
            continue;
        }
        let sentence_tokens = &tokenized.tokens[range.clone()];
        if switches.is_on(PAGE_CLUTTER_RULE) && is_page_clutter(&text[sentence.start..sentence.end])
        {
            continue;
        }
        // "The official said the three men were in Abu Dhabi": a relayed fact needs a surer
        // vote than a relayed position.
        if score < FACTUAL_REPORT_BAR && reports_a_fact(text, sentence_tokens) {
            continue;
        }
        let cue = cues::find_cue(text, &tokenized.tokens, sentence);
        if cue.is_none() && names_only(text, sentence_tokens) {
            continue;
        }
        let speaker = choose_speaker(
            text,
            tokenized,
            entities,
            si,
            cue.as_ref(),
            switches,
            ranker,
        )
        .and_then(|r| resolver.resolve(r));
        out.push(Claim {
            start: sentence.start,
            end: sentence.end,
            score,
            cue: cue.map(|c| (c.start, c.end)),
            speaker,
            source,
        });
    }
    out
}

/// The speaker of the claim in sentence `si`: the ranker's pick among the candidates (the
/// rule's name as its source when the chain named it first, else [`speakers::RANKER`]), or the
/// rule chain's answer with no ranker or with it switched off.
pub fn choose_speaker(
    text: &str,
    tokenized: &Tokenized,
    entities: &[Entity],
    si: usize,
    cue: Option<&cues::Cue>,
    switches: &RuleSwitches,
    ranker: Option<&SpeakerRanker>,
) -> Option<SpeakerRef> {
    match ranker.filter(|_| switches.is_on(RANKER_SWITCH)) {
        Some(ranker) => {
            let found =
                candidates::speaker_candidates(text, tokenized, entities, si, cue, switches);
            let best = &found[ranker.pick(&found)?];
            let mut speaker = best.speaker?;
            speaker.rule = best.chain_rule().unwrap_or(speakers::RANKER);
            Some(speaker)
        }
        None => speakers::find_speaker_with(text, tokenized, entities, si, cue, switches),
    }
}

/// Turns a speaker the rules or the ranker found into the claim's [`Speaker`]: an entity
/// mention becomes its cluster's fullest mention; a phrase the tagger labelled elsewhere in the
/// text ("Li" after "Li Qiang") is that entity's actor; any other phrase ("Palestinian
/// officials") is a group with a cluster of its own past the entities', one per phrase text.
pub struct Resolver<'a> {
    text: &'a str,
    entities: &'a [Entity],
    /// Each cluster's fullest mention, found once (a long text has many claims and entities).
    fullest: HashMap<usize, usize>,
    /// Each entity phrase's cluster, by its lower-cased text (the first mention's, in text order).
    entity_clusters: HashMap<String, usize>,
    groups: HashMap<String, usize>,
    first_free: usize,
}

impl<'a> Resolver<'a> {
    pub fn new(text: &'a str, entities: &'a [Entity]) -> Resolver<'a> {
        Resolver {
            text,
            entities,
            fullest: fullest_mentions(text, entities),
            entity_clusters: clusters_by_text(text, entities),
            groups: HashMap::new(),
            first_free: entities.iter().map(|e| e.cluster + 1).max().unwrap_or(0),
        }
    }

    pub fn resolve(&mut self, r: SpeakerRef) -> Option<Speaker> {
        let cluster = match r.entity {
            Some(e) => self.entities.get(e)?.cluster,
            None => {
                let name = self.text.get(r.start..r.end)?.to_lowercase();
                match self.entity_clusters.get(&name) {
                    Some(&cluster) => cluster,
                    None => {
                        let next = self.groups.len();
                        let k = *self.groups.entry(name).or_insert(next);
                        return Some(Speaker {
                            start: r.start,
                            end: r.end,
                            cluster: self.first_free + k,
                            source: r.rule,
                        });
                    }
                }
            }
        };
        let best = &self.entities[*self.fullest.get(&cluster)?];
        Some(Speaker {
            start: best.start,
            end: best.end,
            cluster,
            source: r.rule,
        })
    }
}

/// Whether a sentence reports what someone said of a fact: it has a cue and every cue is a
/// reporting verb ("said", "told", "according to"), with no advocacy cue, no "should"-like
/// modal and no word that looks ahead ([`lexicon::FORWARD_WORDS`]: "will", "would", "could" ...). "The
/// embassy official said the three men were in Abu Dhabi" relays a fact; "said the army would
/// withdraw" relays a plan.
fn reports_a_fact(text: &str, tokens: &[crate::tokens::Token]) -> bool {
    let found = cues::find_cues(text, tokens);
    !found.is_empty()
        && found.iter().all(|m| m.kind == cues::CueKind::Reporting)
        && !tokens.iter().any(|t| {
            let w = t.text(text).to_lowercase();
            lexicon::FORWARD_WORDS.contains(w.as_str())
        })
}

/// The vote a factual report ([`reports_a_fact`]) needs to be a claim. Chosen on the news
/// set's dev and train splits (claim F1, dev / train: 0.779 / 0.834 at 0.35, 0.777 / 0.837 at
/// 0.4, 0.771 / 0.839 at 0.45, 0.765 / 0.836 at 0.5; 0.768 / 0.819 without the bar).
const FACTUAL_REPORT_BAR: f32 = 0.4;

/// Whether a sentence is a byline, a dateline or a bare name ("Donna Sells", "NEW YORK",
/// "BAGHDAD 1996-08-31"): at most [`NAME_LINE_WORDS`] words, none of them lower case. Such a
/// line states nothing, so it is no claim whatever the model's vote (in the news set's train
/// and dev splits, 249 lines with no lower-case word are none and 2 are claims, both
/// all-capitals headlines of five words or more).
fn names_only(text: &str, tokens: &[crate::tokens::Token]) -> bool {
    let words: Vec<&str> = tokens
        .iter()
        .filter(|t| t.kind == crate::tokens::TokenKind::Word)
        .map(|t| t.text(text))
        .collect();
    words.len() <= NAME_LINE_WORDS
        && !words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase))
}

/// The most words a byline or a dateline has for [`names_only`].
const NAME_LINE_WORDS: usize = 3;

/// The score of a sentence that states a course of action in its writer's own voice, when
/// the model's vote is lower.
const OWN_VOICE_POLICY_SCORE: f32 = 0.9;

/// The name of the rule that keeps page clutter from being a claim.
pub const PAGE_CLUTTER_RULE: &str = "page-clutter";

/// Whether a sentence is page clutter that a copied web article carries: a subscription or
/// newsletter prompt, a share button, a photo credit, an update note ([`lexicon::PAGE_CLUTTER`]).
/// It states nothing of the story, and the claim model, which never saw such lines in training,
/// can read "Sign up for our newsletter" as an exhortation. A long sentence counts only when it
/// opens with the phrase: a photo caption that reports a stance keeps its credit at the end
/// ("Protesters display placards urging ... (Name/AFP via Getty Images)").
fn is_page_clutter(sentence: &str) -> bool {
    let lower = sentence.trim().to_lowercase().replace('’', "'");
    let short = lower.split_whitespace().count() <= CLUTTER_MAX_WORDS;
    lexicon::PAGE_CLUTTER
        .entries()
        .iter()
        .any(|phrase| lower.starts_with(phrase) || (short && lower.contains(phrase)))
}

/// The most words a sentence has to be clutter for a phrase inside it (any length when it
/// opens with one).
const CLUTTER_MAX_WORDS: usize = 15;

/// The `source` of a claim that only the own-voice rule made one (the model's vote was under
/// the threshold).
pub const OWN_VOICE_RULE: &str = "own-voice";

/// Each entity phrase's cluster, by its lower-cased text (the first mention's, in text order):
/// a phrase the rules name ("Li") that the tagger labelled elsewhere is that entity's actor.
pub fn clusters_by_text(text: &str, entities: &[Entity]) -> HashMap<String, usize> {
    let mut clusters = HashMap::new();
    for e in entities {
        if let Some(t) = text.get(e.start..e.end) {
            clusters.entry(t.to_lowercase()).or_insert(e.cluster);
        }
    }
    clusters
}

/// Each cluster's fullest mention (index into `entities`): the longest, the first among equals,
/// and an all-capitals one (a dateline, "BAGHDAD") only when the cluster has no other: "Li
/// Qiang" for "Li" and "He".
fn fullest_mentions(text: &str, entities: &[Entity]) -> HashMap<usize, usize> {
    let shouted = |e: &Entity| {
        let s = text.get(e.start..e.end).unwrap_or("");
        s.chars().filter(|c| c.is_alphabetic()).count() > 1 && !s.chars().any(char::is_lowercase)
    };
    let rank = |e: &Entity| (!shouted(e), e.end - e.start);
    let mut best: HashMap<usize, usize> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        let slot = best.entry(e.cluster).or_insert(i);
        if rank(e) > rank(&entities[*slot]) {
            *slot = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens;

    #[test]
    fn page_clutter_is_recognised_and_a_policy_sentence_is_not() {
        for clutter in [
            "Sign up for our daily newsletter to get the latest news.",
            "SUBSCRIBE TO OUR CHANNEL for more videos.",
            "(AP Photo/Evan Vucci)",
            "Photo by Jane Doe/Getty Images",
            "Editor’s note: This story has been updated.",
            "Read more: Senate passes the bill",
            "© 2019 Example Media. All rights reserved.",
        ] {
            assert!(is_page_clutter(clutter), "{clutter}");
        }
        for claim in [
            "The senator urged Congress to subscribe to the treaty.",
            "The group called for a ban on photo radar.",
            "Protesters display placards urging citizens to boycott Chinese goods during a \
             demonstration in New Delhi on June 18, 2020.(Prakash Singh/AFP via Getty Images)",
            "\"We must act now,\" she said.",
        ] {
            assert!(!is_page_clutter(claim), "{claim}");
        }
    }

    #[test]
    fn a_report_of_a_fact_has_only_reporting_cues_and_no_look_ahead() {
        let fact = |text: &str| reports_a_fact(text, &tokens::tokenize(text).tokens);
        assert!(fact(
            "The embassy official said the three men were in Abu Dhabi ."
        ));
        assert!(fact("According to the agency , prices rose 2 percent ."));
        assert!(!fact("The official said the three men would return home ."));
        assert!(!fact("The official said the men should return home ."));
        assert!(!fact("The minister urged the men to return , she said ."));
        assert!(!fact("The three men were in Abu Dhabi ."));
    }

    #[test]
    fn bylines_and_datelines_are_names_only() {
        let lines = |text: &str| {
            let t = tokens::tokenize(text);
            t.sentences
                .iter()
                .map(|s| names_only(text, &t.tokens[s.tokens.clone()]))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            lines("Donna Sells\nNEW YORK 1996-08-22\nRubin Says Dollar Policy Stays\nClinton vetoes bill\n"),
            [true, true, false, false]
        );
    }
}
