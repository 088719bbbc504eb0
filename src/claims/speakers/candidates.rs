//! The speaker candidates of a claim and their named features: what the speaker ranker
//! (`claims::ranker`) scores.
//!
//! The candidates are the actors that speak-capable mentions name in the claim's sentence, the
//! [`WINDOW_BEFORE`] sentences before it, the one after it and the headline (one candidate per
//! cluster), the phrases the rule chain names (group phrases, missed names), the previous
//! claim's speaker, the person who signs an embedded post or a quote after it ("— Name
//! (@handle)", "— Name, Outlet"), the writer a closing bio names, and nobody. The
//! rules are features, not the decision: the chain's own answer, and the answers it gives with
//! its answering rule switched off ([`RUNNER_UPS`] times, each run skipping the rules that
//! answered before), mark the candidate they name with the rule's name (`rule:NAME` for the
//! chain's answer, `alt:NAME` for a runner-up). The other features say where the candidate's
//! mentions stand (which sentence, before or after the cue, inside quotes, in a prepositional
//! phrase, like a clause subject) and what it is (its label, how often the text names it).

use super::{find_speaker_with, Ctx, SpeakerRef, RULES};
use crate::claims::cues::{self, Cue, CueKind};
use crate::claims::select::clusters_by_text;
use crate::decode::Entity;
use crate::lexicon;
use crate::switches::RuleSwitches;
use crate::tokens::Tokenized;
use std::collections::HashMap;

/// How many sentences before the claim's own are read for candidates.
pub const WINDOW_BEFORE: usize = 3;

/// How many times the chain is run again with the rules that answered switched off.
pub const RUNNER_UPS: usize = 3;

/// The features that do not name a rule, in index order: a candidate's feature `i` (below
/// `BASE_FEATURES.len()`) is `BASE_FEATURES[i]`. Then come `rule:NAME` and `alt:NAME` for each
/// rule of [`RULES`], in its order ([`feature_names`]).
pub const BASE_FEATURES: &[&str] = &[
    "nobody",
    "nobody:no-cue",
    "nobody:chain-names-nobody",
    "nobody:no-mention-before-cue",
    "chain",
    "runner-up",
    "label:PER",
    "label:ORG",
    "label:LOC",
    "label:MISC",
    "phrase",
    "in-claim-sentence",
    "one-sentence-back",
    "two-sentences-back",
    "three-sentences-back",
    "next-sentence",
    "in-headline",
    "before-cue",
    "after-cue",
    "cue-distance",
    "quoted",
    "mentions",
    "subject-like",
    "cue-follows",
    "in-prepositional-phrase",
    "possessive",
    "opens-sentence",
    "pronoun-agrees",
    "nearest-before-cue",
    "nearest-of-its-kind",
    "most-named-person",
    "most-named",
    "in-claim-paragraph",
    "previous-claim-speaker",
    "medium",
    "cue-follows-earlier",
    "nobody:quoted-sentence",
    "nobody:reporting-cue",
    "nobody:modal-cue",
    "nobody:role-subject",
    "role:most-named",
    "role:nearest",
    "title-before-a-name",
    "signs-the-post",
    "signs-the-quote",
    "author-bio",
];

const NOBODY: usize = 0;
const NOBODY_NO_CUE: usize = 1;
const NOBODY_CHAIN: usize = 2;
const NOBODY_NO_MENTION: usize = 3;
const CHAIN: usize = 4;
const RUNNER_UP: usize = 5;
const LABEL_PER: usize = 6;
const LABEL_ORG: usize = 7;
const LABEL_LOC: usize = 8;
const LABEL_MISC: usize = 9;
const PHRASE: usize = 10;
const IN_CLAIM_SENTENCE: usize = 11;
const BACK: [usize; 3] = [12, 13, 14];
const NEXT_SENTENCE: usize = 15;
const IN_HEADLINE: usize = 16;
const BEFORE_CUE: usize = 17;
const AFTER_CUE: usize = 18;
const CUE_DISTANCE: usize = 19;
const QUOTED: usize = 20;
const MENTIONS: usize = 21;
const SUBJECT_LIKE: usize = 22;
const CUE_FOLLOWS: usize = 23;
const IN_PP: usize = 24;
const POSSESSIVE: usize = 25;
const OPENS_SENTENCE: usize = 26;
const PRONOUN_AGREES: usize = 27;
const NEAREST_BEFORE_CUE: usize = 28;
const NEAREST_OF_KIND: usize = 29;
const MOST_NAMED_PERSON: usize = 30;
const MOST_NAMED: usize = 31;
const IN_PARAGRAPH: usize = 32;
const PREVIOUS_SPEAKER: usize = 33;
const MEDIUM: usize = 34;
const CUE_FOLLOWS_EARLIER: usize = 35;
const NOBODY_QUOTED: usize = 36;
const NOBODY_REPORTING: usize = 37;
const NOBODY_MODAL: usize = 38;
const NOBODY_ROLE: usize = 39;
const ROLE_MOST_NAMED: usize = 40;
const ROLE_NEAREST: usize = 41;
const TITLE_BEFORE_NAME: usize = 42;
const SIGNS_THE_POST: usize = 43;
const SIGNS_THE_QUOTE: usize = 44;
const AUTHOR_BIO: usize = 45;

/// How many sentences at a text's end are read for its writer's bio ("Steven Greenhut is
/// Western region director for the R Street Institute."), which names who argues an opinion
/// piece's claims.
const BIO_SENTENCES: usize = 6;

/// How many sentences after the claim's own are read for the signature of an embedded post
/// ("— Donald J. Trump (@realDonaldTrump) May 21, 2020"): a post's sentences come before it.
const SIGNATURE_AHEAD: usize = 6;

/// How many tokens after a mention a cue word may stand for `cue-follows` ("Li Qiang said",
/// "the EU on Tuesday urged").
const CUE_FOLLOWS_WITHIN: usize = 3;

/// Every feature's name, by index: [`BASE_FEATURES`], then `rule:NAME` and `alt:NAME` for each
/// speaker rule in [`RULES`] order.
pub fn feature_names() -> Vec<String> {
    let mut names: Vec<String> = BASE_FEATURES.iter().map(|s| s.to_string()).collect();
    for rule in RULES {
        names.push(format!("rule:{}", rule.name));
        names.push(format!("alt:{}", rule.name));
    }
    names
}

fn rule_feature(rule: &str, runner_up: bool) -> Option<usize> {
    let i = RULES.iter().position(|r| r.name == rule)?;
    Some(BASE_FEATURES.len() + 2 * i + runner_up as usize)
}

/// A possible speaker of a claim: an entity mention (the one nearest the claim stands for its
/// cluster), a phrase the rules named, or nobody (`speaker` `None`), with its features as
/// (index into [`feature_names`], value) pairs, each index once.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub speaker: Option<SpeakerRef>,
    pub features: Vec<(usize, f32)>,
}

impl Candidate {
    fn set(&mut self, feature: usize, value: f32) {
        match self.features.iter_mut().find(|(f, _)| *f == feature) {
            Some((_, v)) => *v = v.max(value),
            None => self.features.push((feature, value)),
        }
    }

    /// The chain's first answer among the candidates, the rule that found it.
    pub fn chain_rule(&self) -> Option<&'static str> {
        let chain = self.features.iter().any(|&(f, _)| f == CHAIN);
        chain.then_some(self.speaker?.rule)
    }
}

/// The candidates of the claim in sentence `sentence_index` (see the module docs): nobody
/// first, then the others in order of first mention. `cue` as for [`super::find_speaker_with`];
/// the rules `switches` turns off neither run nor mark candidates.
pub fn speaker_candidates(
    text: &str,
    tokenized: &Tokenized,
    entities: &[Entity],
    sentence_index: usize,
    cue: Option<&Cue>,
    switches: &RuleSwitches,
) -> Vec<Candidate> {
    let ctx = Ctx::new(text, tokenized, entities, sentence_index, switches);
    let cue = cue.copied().or_else(|| ctx.cue_of(sentence_index));
    let mut nobody = Candidate {
        speaker: None,
        features: vec![(NOBODY, 1.0)],
    };
    if cue.is_none() {
        nobody.set(NOBODY_NO_CUE, 1.0);
    }
    let mut pool = Pool::new(text, entities, nobody);
    let Some((s0, s1)) = ctx.sentence_range(sentence_index) else {
        return pool.out;
    };
    let toks = ctx.tokens();
    // The cue's first token (the sentence's end when there is none).
    let cue_at = cue.map_or(s1, |c| {
        s0 + toks[s0..s1].partition_point(|t| t.end <= c.start)
    });

    // The chain's answer, then its runner-ups.
    let mut off: Vec<String> = Vec::new();
    for round in 0..=RUNNER_UPS {
        let these = switches.and_off(off.iter().cloned());
        let found = find_speaker_with(
            text,
            tokenized,
            entities,
            sentence_index,
            cue.as_ref(),
            &these,
        );
        let Some(found) = found else {
            if round == 0 {
                pool.out[0].set(NOBODY_CHAIN, 1.0);
            }
            break;
        };
        let k = pool.add(found);
        let c = &mut pool.out[k];
        c.set(if round == 0 { CHAIN } else { RUNNER_UP }, 1.0);
        if let Some(f) = rule_feature(found.rule, round > 0) {
            c.set(f, 1.0);
        }
        if c.speaker.is_some_and(|s| s.entity.is_none()) {
            c.set(PHRASE, 1.0);
        }
        off.push(found.rule.to_string());
    }

    // Mentions in the window.
    let first = sentence_index.saturating_sub(WINDOW_BEFORE);
    let mut sentences: Vec<usize> = (first..=sentence_index + 1).collect();
    if first > 0 {
        sentences.insert(0, 0);
    }
    let mask = ctx.quote_mask(sentence_index);
    if mask.first().copied().unwrap_or(false)
        || (cue_at < s1 && mask.get(cue_at - s0).copied().unwrap_or(false))
    {
        pool.out[0].set(NOBODY_QUOTED, 1.0);
    }
    let cue_kind = cues::find_cues(text, &toks[s0..s1])
        .iter()
        .find(|m| s0 + m.first == cue_at)
        .map(|m| m.kind);
    match cue_kind {
        Some(CueKind::Reporting) => pool.out[0].set(NOBODY_REPORTING, 1.0),
        Some(CueKind::Modal) => pool.out[0].set(NOBODY_MODAL, 1.0),
        _ => {}
    }
    // The first sentence of the claim's paragraph.
    let paragraph = (0..=sentence_index)
        .rev()
        .find(|&j| ctx.paragraph_start(j))
        .unwrap_or(0);
    // The speaker of the nearest earlier sentence with a cue, in the window.
    if let Some((j, cue_j)) = (first..sentence_index)
        .rev()
        .find_map(|j| Some((j, ctx.cue_of(j)?)))
    {
        if let Some(found) = find_speaker_with(text, tokenized, entities, j, Some(&cue_j), switches)
        {
            let k = pool.add(SpeakerRef {
                rule: super::RANKER,
                ..found
            });
            pool.out[k].set(PREVIOUS_SPEAKER, 1.0);
        }
    }
    let pronoun = subject_pronoun(&ctx, s0, cue_at);
    let role = subject_role(&ctx, s0, s1, cue_at, cue.is_some());
    if role.is_some() {
        pool.out[0].set(NOBODY_ROLE, 1.0);
    }
    let mut nearest_before: Option<usize> = None;
    let mut nearest_of_kind: HashMap<String, usize> = HashMap::new();
    let mut any_before_cue = false;
    for &si in &sentences {
        let Some((a, b)) = ctx.sentence_range(si) else {
            continue;
        };
        let lo = toks[a].start;
        let hi = toks[b - 1].end;
        for e in ctx.entities_between(lo, hi) {
            let Some((ef, el)) = ctx.entity_tokens(e) else {
                continue;
            };
            if si == sentence_index && el >= cue_at && ef < cue_at {
                continue; // the cue inside a name
            }
            if is_dateline(text, tokenized, &entities[e], ef) {
                continue;
            }
            let before_cue = si < sentence_index || (si == sentence_index && el < cue_at);
            let k = pool.add_mention(e);
            let label = entities[e].label.as_str();
            let c = &mut pool.out[k];
            if si == sentence_index {
                c.set(IN_CLAIM_SENTENCE, 1.0);
                if el < cue_at {
                    c.set(BEFORE_CUE, 1.0);
                    let gap = cue_at - el;
                    c.set(CUE_DISTANCE, 1.0 - ((gap as f32).ln_1p() / 4.0).min(1.0));
                } else if cue.is_some() {
                    c.set(AFTER_CUE, 1.0);
                    let gap = ef.saturating_sub(cue_at);
                    c.set(CUE_DISTANCE, 1.0 - ((gap as f32).ln_1p() / 4.0).min(1.0));
                }
                if mask.get(ef - s0).copied().unwrap_or(false) {
                    c.set(QUOTED, 1.0);
                }
            } else if si > sentence_index {
                c.set(NEXT_SENTENCE, 1.0);
            } else if si + WINDOW_BEFORE >= sentence_index {
                c.set(BACK[sentence_index - si - 1], 1.0);
            }
            if si == 0 && tokenized.layout.has_headline() {
                c.set(IN_HEADLINE, 1.0);
            }
            if ctx.looks_like_subject(e, b) {
                c.set(SUBJECT_LIKE, 1.0);
            }
            if (el + 1..=el + CUE_FOLLOWS_WITHIN)
                .take_while(|&j| j < b)
                .any(|j| ctx.is_cue_word(j))
            {
                c.set(
                    if si == sentence_index {
                        CUE_FOLLOWS
                    } else {
                        CUE_FOLLOWS_EARLIER
                    },
                    1.0,
                );
            }
            if si >= paragraph && si < sentence_index {
                c.set(IN_PARAGRAPH, 1.0);
            }
            if ctx.in_pp(e, a) {
                c.set(IN_PP, 1.0);
            }
            if ctx.possessive(e) {
                c.set(POSSESSIVE, 1.0);
            }
            // "House Intelligence Committee Chair Adam Schiff": the name the title belongs to
            // speaks, not the body in the title.
            if ctx.title_chain(e, b) != e {
                c.set(TITLE_BEFORE_NAME, 1.0);
            }
            if ef <= a + 2 && ctx.entities_between(lo, entities[e].start).is_empty() {
                c.set(OPENS_SENTENCE, 1.0);
            }
            let agrees = match pronoun {
                Some(Pronoun::Person) => label == "PER",
                Some(Pronoun::Group) => label == "ORG" || label == "LOC",
                None => false,
            };
            if agrees && si < sentence_index {
                c.set(PRONOUN_AGREES, 1.0);
            }
            if before_cue {
                any_before_cue = true;
                nearest_before = Some(k);
                nearest_of_kind.insert(label.to_string(), k);
            }
        }
    }
    // The signature of an embedded post, in this sentence or a later one: the name right before
    // "(@handle)" wrote the post.
    let last = (sentence_index + SIGNATURE_AHEAD).min(tokenized.sentences.len().saturating_sub(1));
    let sentence_people = |si: usize| {
        let Some((a, b)) = ctx.sentence_range(si) else {
            return Vec::new();
        };
        let mut people = ctx.entities_between(toks[a].start, toks[b - 1].end);
        people.retain(|&e| entities[e].label == "PER");
        people
    };
    let signed = (sentence_index..=last).find_map(|si| {
        sentence_people(si).into_iter().find(|&e| {
            text.get(entities[e].end..)
                .is_some_and(|rest| rest.trim_start().starts_with("(@"))
        })
    });
    if let Some(e) = signed {
        let k = pool.add_mention(e);
        pool.out[k].set(SIGNS_THE_POST, 1.0);
    }
    // A quote signed with a dash: "... the discrepancy.” — Jim Geraghty, National Review".
    let dashed = (sentence_index..=last).find_map(|si| {
        sentence_people(si).into_iter().find(|&e| {
            text.get(..entities[e].start)
                .is_some_and(|before| before.trim_end().ends_with(['—', '–']))
        })
    });
    if let Some(e) = dashed {
        let k = pool.add_mention(e);
        pool.out[k].set(SIGNS_THE_QUOTE, 1.0);
    }
    // The writer's bio at the text's end: a paragraph that opens with a person who "is" or "was",
    // named nowhere else.
    let count = tokenized.sentences.len();
    let bio = (count.saturating_sub(BIO_SENTENCES)..count).find_map(|si| {
        if !ctx.paragraph_start(si) {
            return None;
        }
        let (a, _) = ctx.sentence_range(si)?;
        let e = ctx.entity_at(a)?;
        let (_, el) = ctx.entity_tokens(e)?;
        // The writer is not in the story: a name the text gives only there.
        let cluster = entities[e].cluster;
        let once = entities.iter().filter(|x| x.cluster == cluster).count() == 1;
        (entities[e].label == "PER" && once && matches!(ctx.word(el + 1).as_str(), "is" | "was"))
            .then_some(e)
    });
    if let Some(e) = bio {
        let k = pool.add_mention(e);
        pool.out[k].set(AUTHOR_BIO, 1.0);
    }
    if !any_before_cue {
        pool.out[0].set(NOBODY_NO_MENTION, 1.0);
    }
    if let Some(k) = nearest_before {
        pool.out[k].set(NEAREST_BEFORE_CUE, 1.0);
    }
    let role_label = match role {
        Some(Pronoun::Person) => Some("PER"),
        Some(Pronoun::Group) => Some("ORG"),
        None => None,
    };
    if let Some(&k) = role_label.and_then(|l| nearest_of_kind.get(l)) {
        pool.out[k].set(ROLE_NEAREST, 1.0);
    }
    for k in nearest_of_kind.into_values() {
        pool.out[k].set(NEAREST_OF_KIND, 1.0);
    }
    // How often the text names each entity candidate up to the claim's end.
    let claim_end = toks[s1 - 1].end;
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for e in entities.iter().take_while(|e| e.start < claim_end) {
        *counts.entry(e.cluster).or_default() += 1;
    }
    let most_named = |label: Option<&str>| {
        entities
            .iter()
            .take_while(|e| e.start < claim_end)
            .filter(|e| label.is_none_or(|l| e.label == l))
            .map(|e| (counts.get(&e.cluster).copied().unwrap_or(0), e.cluster))
            .fold(None, |best: Option<(usize, usize)>, (n, c)| match best {
                Some((b, _)) if b >= n => best,
                _ => Some((n, c)),
            })
            .map(|(_, c)| c)
    };
    let (top_person, top) = (most_named(Some("PER")), most_named(None));
    let top_org = most_named(Some("ORG"));
    for c in pool.out.iter_mut() {
        let Some(speaker) = c.speaker else { continue };
        let said = text.get(speaker.start..speaker.end).unwrap_or("");
        if said.split_whitespace().any(|w| {
            let w = w.to_lowercase();
            lexicon::PLATFORMS.contains(&w) || lexicon::MEDIA_NAME_WORDS.contains(&w)
        }) {
            c.set(MEDIUM, 1.0);
        }
        if let Some(e) = speaker.entity {
            let cluster = entities[e].cluster;
            let kind_top = match role {
                Some(Pronoun::Person) => top_person,
                Some(Pronoun::Group) if entities[e].label == "ORG" => top_org,
                _ => None,
            };
            if kind_top == Some(cluster) {
                c.set(ROLE_MOST_NAMED, 1.0);
            }
            let n = counts.get(&cluster).copied().unwrap_or(0);
            c.set(MENTIONS, (n as f32).ln_1p() / 3.0);
            if top_person == Some(cluster) {
                c.set(MOST_NAMED_PERSON, 1.0);
            }
            if top == Some(cluster) {
                c.set(MOST_NAMED, 1.0);
            }
        }
    }
    for c in pool.out.iter_mut() {
        c.features.sort_unstable_by_key(|&(f, _)| f);
    }
    pool.out
}

/// The candidates found so far: one per cluster (an entity, or a phrase the tagger labelled
/// elsewhere in the text), one per other phrase.
struct Pool<'a> {
    text: &'a str,
    entities: &'a [Entity],
    out: Vec<Candidate>,
    by_cluster: HashMap<usize, usize>,
    /// Phrases by their lower-cased text.
    by_phrase: HashMap<String, usize>,
    /// Each entity text's cluster (lower-cased, the first mention's).
    cluster_of_text: HashMap<String, usize>,
}

impl<'a> Pool<'a> {
    fn new(text: &'a str, entities: &'a [Entity], nobody: Candidate) -> Pool<'a> {
        let cluster_of_text = clusters_by_text(text, entities);
        Pool {
            text,
            entities,
            out: vec![nobody],
            by_cluster: HashMap::new(),
            by_phrase: HashMap::new(),
            cluster_of_text,
        }
    }

    /// The index of the candidate that stands for `found` (its cluster's, or its phrase's),
    /// added when new.
    fn add(&mut self, found: SpeakerRef) -> usize {
        let said = self.text.get(found.start..found.end).unwrap_or("");
        let cluster = match found.entity {
            Some(e) => self.entities.get(e).map(|e| e.cluster),
            None => self.cluster_of_text.get(&said.to_lowercase()).copied(),
        };
        let next = self.out.len();
        let k = match cluster {
            Some(cluster) => *self.by_cluster.entry(cluster).or_insert(next),
            None => *self.by_phrase.entry(said.to_lowercase()).or_insert(next),
        };
        if k == next {
            self.out.push(Candidate {
                speaker: Some(found),
                features: Vec::new(),
            });
        }
        k
    }

    /// The candidate of entity mention `e`, with its label.
    fn add_mention(&mut self, e: usize) -> usize {
        let ent = &self.entities[e];
        let k = self.add(SpeakerRef {
            entity: Some(e),
            start: ent.start,
            end: ent.end,
            rule: super::RANKER,
        });
        let label = match ent.label.as_str() {
            "PER" => LABEL_PER,
            "ORG" => LABEL_ORG,
            "LOC" => LABEL_LOC,
            _ => LABEL_MISC,
        };
        self.out[k].set(label, 1.0);
        k
    }
}

/// Whether mention `e` (first token `first`) is a dateline's place, never a speaker: in capitals,
/// opening a line, before a dash, a comma or a bracket ("MADRID — The minister ...",
/// "WASHINGTON (Reuters) -", "AUSTIN, Texas —").
fn is_dateline(text: &str, tokenized: &Tokenized, e: &Entity, first: usize) -> bool {
    let name = text.get(e.start..e.end).unwrap_or("");
    let capitals = name.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !name.chars().any(char::is_lowercase);
    let next = text.get(e.end..).unwrap_or("").trim_start().chars().next();
    capitals
        && (first == 0 || tokenized.layout.starts_line(first))
        && matches!(next, Some('—' | '–' | '-' | ',' | '('))
}

/// How many words before the cue (or from the sentence's start, with no cue) a role noun
/// subject may stand ("the former Secretary of State speculated", "The caucus announced").
const ROLE_SUBJECT_WORDS: usize = 6;

/// A common-noun subject that names an office or an institution: "the president announced"
/// (a person), "the caucus announced", "the department said" (an organisation). With a cue, the
/// nearest word before it (past auxiliaries and time words) must be the noun; without one, a
/// role noun among the sentence's first words after a definite determiner.
fn subject_role(ctx: &Ctx, s0: usize, s1: usize, cue_at: usize, has_cue: bool) -> Option<Pronoun> {
    let kind = |i: usize| {
        if !ctx.is_lower(i) {
            None
        } else if ctx.in_list(i, &lexicon::ROLE_NOUNS) {
            Some(Pronoun::Person)
        } else if ctx.in_list(i, &lexicon::ORG_NOUNS) {
            Some(Pronoun::Group)
        } else {
            None
        }
    };
    let definite_before = |i: usize| {
        (i.saturating_sub(4).max(s0)..i).any(|j| ctx.in_list(j, &lexicon::DEFINITE_DETERMINERS))
    };
    if has_cue {
        let mut j = cue_at;
        while j > s0 && ctx.skippable(j - 1) {
            j -= 1;
        }
        let head = j.checked_sub(1).filter(|&h| h >= s0)?;
        kind(head).filter(|_| definite_before(head))
    } else {
        (s0..s1.min(s0 + ROLE_SUBJECT_WORDS)).find_map(|i| kind(i).filter(|_| definite_before(i)))
    }
}

/// A pronoun subject before the cue: whom it can stand for.
#[derive(Clone, Copy)]
enum Pronoun {
    Person,
    Group,
}

/// The pronoun that opens the clause of the cue, if any: the last "he"/"she" or "it"/"they"
/// before the cue, within the sentence's first words or right before it.
fn subject_pronoun(ctx: &Ctx, s0: usize, cue_at: usize) -> Option<Pronoun> {
    (s0..cue_at).rev().find_map(|i| {
        let w = ctx.word(i);
        if lexicon::PERSON_PRONOUNS.contains(&w) {
            Some(Pronoun::Person)
        } else if lexicon::GROUP_PRONOUNS.contains(&w) {
            Some(Pronoun::Group)
        } else {
            None
        }
    })
}
