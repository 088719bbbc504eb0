//! The flow, in order: tokens → features → classifier → decode → annotations.

use crate::annotations::{Annotations, Claim, Entity, Speaker, FROM_CLAIM_MODEL};
use crate::claims::{cues, speakers};
use crate::classifier::{Batch, ClaimPool, Classifier, Model, Run};
use crate::decode::{self, clusters, consistency, rules, spans, TagSet, TokenSpan, Transitions};
use crate::error::{Error, Result};
use crate::features::{self, NUM_FEATURES};
use crate::switches::RuleSwitches;
use crate::tokens::{self, Tokenized};
use std::collections::HashMap;
use std::future::Future;

/// The longest run of tokens classified at once. Long texts are cut at sentence ends into
/// chunks of at most this many tokens, so memory stays bounded for any input size.
pub const MAX_CHUNK_TOKENS: usize = 4096;

/// Labels the model may keep internally but the product does not show.
const HIDDEN_LABELS: &[&str] = &["MISC"];

pub struct Pipeline {
    model: Model,
    tags: TagSet,
    /// The policy-claim model, run on the same feature rows (see [`Pipeline::with_claims`]).
    claims: Option<Model>,
    /// Rules switched off by name (ablations); all on unless [`Pipeline::set_rules_off`].
    rules: RuleSwitches,
}

/// A text ready for the classifier: tokens and feature ids (see [`Pipeline::prepare`]).
struct Prepared {
    tokenized: Tokenized,
    ids: Vec<u32>,
    claim_ids: Option<Vec<u32>>,
}

/// Whether two models read the same feature rows: the same table sizes (a claim model may
/// leave out the tagger's document-case bits and have a cue table of its own, with the
/// register bit; its features are then extracted for it).
fn same_rows(a: &features::TableSizes, b: &features::TableSizes) -> bool {
    a.rows_before_cue() == b.rows_before_cue()
}

/// The classifier's view of a text: its tokens, one row of tag scores per token and, with a
/// claim model, one claim vote per token.
pub struct Scored {
    pub tokenized: Tokenized,
    pub scores: Vec<f32>,
    pub claim_votes: Vec<f32>,
}

impl Pipeline {
    pub fn new(model: Model) -> Result<Pipeline> {
        let tags = TagSet::parse(&model.header.tags)?;
        Ok(Pipeline {
            model,
            tags,
            claims: None,
            rules: RuleSwitches::all_on(),
        })
    }

    /// Every rule's name, in the order the rules run: the document's label vote, the document
    /// rules (`decode`), the own-voice claim rule, the speaker rules (`claims`).
    pub fn rule_names() -> Vec<&'static str> {
        let mut names = vec![consistency::DOCUMENT_VOTE];
        names.extend(decode::rule_names());
        names.push(OWN_VOICE_RULE);
        names.extend(crate::claims::rule_names());
        names
    }

    /// Switches rules off by name, for an ablation (`annotate eval --without NAME`). An unknown
    /// name is an error that lists the known ones.
    pub fn set_rules_off(&mut self, names: &[&str]) -> Result<()> {
        let known = Pipeline::rule_names();
        if let Some(bad) = names.iter().find(|n| !known.contains(n)) {
            return Err(Error::Input(format!(
                "no rule is called {bad:?}; the rules are: {}",
                known.join(", ")
            )));
        }
        self.rules = RuleSwitches::with_off(names.iter().copied());
        Ok(())
    }

    /// The rules switched off.
    pub fn rules(&self) -> &RuleSwitches {
        &self.rules
    }

    /// A pipeline with a separate claim model. It reads the tagger's feature rows, so its
    /// tables must be the tagger's; a mismatch is an error, not wrong answers.
    pub fn with_claims(model: Model, claims: Model) -> Result<Pipeline> {
        if !claims.is_claim_model() || claims.header.claim_logits != 1 {
            return Err(Error::Model(format!(
                "{} is not a claim model (it needs no tags and one claim vote)",
                claims.id()
            )));
        }
        if !same_rows(&claims.header.tables, &model.header.tables) {
            return Err(Error::Model(format!(
                "the claim model {} was trained on other feature tables than {}",
                claims.id(),
                model.id()
            )));
        }
        let mut pipeline = Pipeline::new(model)?;
        pipeline.claims = Some(claims);
        Ok(pipeline)
    }

    /// A pipeline over the models embedded in the library (tagger and claim model).
    pub fn embedded() -> Result<Pipeline> {
        Pipeline::with_claims(Model::embedded()?, Model::embedded_claims()?)
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The claim model, if this pipeline has one.
    pub fn claim_model(&self) -> Option<&Model> {
        self.claims.as_ref()
    }

    /// Token index ranges of at most [`MAX_CHUNK_TOKENS`], cut at sentence ends.
    pub fn chunks(tokenized: &Tokenized) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut end = 0;
        for s in &tokenized.sentences {
            if s.tokens.end - start > MAX_CHUNK_TOKENS && end > start {
                out.push(start..end);
                start = end;
            }
            end = s.tokens.end;
            while end - start > MAX_CHUNK_TOKENS {
                out.push(start..start + MAX_CHUNK_TOKENS);
                start += MAX_CHUNK_TOKENS;
            }
        }
        if end > start {
            out.push(start..end);
        }
        out
    }

    /// A text's tokens and their feature ids (token-major, [`NUM_FEATURES`] per token), and
    /// the claim model's ids when its feature set differs from the tagger's.
    fn prepare(&self, text: &str) -> Prepared {
        let tokenized = tokens::tokenize(text);
        // A title-case headline is read as its body would write it (same bytes, same spans).
        let recased = crate::truecase::recased_headline(text);
        let read = recased.as_deref().unwrap_or(text);
        let tables = &self.model.header.tables;
        let lexicon = &self.model.lexicon;
        let claim_tables = self
            .claims
            .as_ref()
            .map(|claims| &claims.header.tables)
            .filter(|claim_tables| *claim_tables != tables);
        let (mut ids, mut claim_ids) = match claim_tables {
            None => (features::extract(read, &tokenized, tables, lexicon), None),
            Some(claim_tables) => {
                // The usual case: the claim model reads the plain rows, one pass gives both.
                let both =
                    features::extract_with_plain(read, &tokenized, tables, claim_tables, lexicon);
                match both {
                    Some((ids, plain)) => (ids, Some(plain)),
                    None => (
                        features::extract(read, &tokenized, tables, lexicon),
                        Some(features::extract(read, &tokenized, claim_tables, lexicon)),
                    ),
                }
            }
        };
        // Each model's own training vocabulary decides which words read their word rows; a
        // claim model that reads the tagger's rows takes its own copy before either filter.
        let claim_filter = self.claims.as_ref().and_then(|c| c.known_words.as_ref());
        let filtered = claim_filter.is_some() || self.model.known_words.is_some();
        if filtered && self.claims.is_some() && claim_ids.is_none() {
            claim_ids = Some(ids.clone());
        }
        if let Some(known) = &self.model.known_words {
            known.drop_unknown(&mut ids, NUM_FEATURES);
        }
        if let (Some(known), Some(claim_ids)) = (claim_filter, claim_ids.as_mut()) {
            known.drop_unknown(claim_ids, NUM_FEATURES);
        }
        Prepared {
            tokenized,
            ids,
            claim_ids,
        }
    }

    /// Tokens and tag scores of a text (the CPU classifier). The tagger reads every chunk
    /// twice, as it is and without its prefix and suffix rows ([`features::affix_free`]), and
    /// its tag scores are the weighted mean of the two views ([`AFFIX_FREE_WEIGHT`]): on words
    /// training never saw, the mean is the better tagger (out-of-fold CoNLL train F1 0.917 ->
    /// 0.922, valid 0.9505 -> 0.9524), for twice the tagger's arithmetic. Every backend does
    /// the same ([`Pipeline::score_batch_on`]), so CPU and GPU still agree.
    pub fn score(&self, text: &str) -> Scored {
        // The CPU classifier through the one scoring path: its request completes without
        // awaiting anything, so one poll finishes it (no executor needed, in wasm too).
        let future = std::pin::pin!(self.score_on(&Classifier::Cpu, text));
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        match future.poll(&mut context) {
            std::task::Poll::Ready((scored, _)) => scored,
            std::task::Poll::Pending => unreachable!("the CPU classifier never waits"),
        }
    }

    /// Tokens and tag scores of a text on `classifier`'s backend (by its fallback rule), and
    /// how they were computed. Built for this pipeline's model (`Classifier::new(p.model(), ..)`).
    pub async fn score_on(&self, classifier: &Classifier, text: &str) -> (Scored, Run) {
        let (mut scored, run) = self.score_batch_on(classifier, &[text]).await;
        (scored.pop().expect("one text in, one out"), run)
    }

    /// Several texts scored as one batch: every chunk of every text is a segment of one
    /// request (on the GPU one dispatch chain and one readback), and no segment sees another.
    pub async fn score_batch_on(
        &self,
        classifier: &Classifier,
        texts: &[&str],
    ) -> (Vec<Scored>, Run) {
        let (tokenized, batch, claim_batch) = self.batches_of(texts);
        let plain_len = batch.tokens() * self.model.num_outputs();
        // The tagger's batch grows in place; the plain one is kept only for a claim model that
        // reads the tagger's own rows (on a 10 MB text each copy is ~70 MB).
        let (tagger_batch, plain_batch) = match (&self.claims, &claim_batch) {
            (Some(_), None) => (with_affix_free_view(batch.clone()), Some(batch)),
            _ => (with_affix_free_view(batch), None),
        };
        let mut out = classifier.classify(&self.model, &tagger_batch).await;
        drop(tagger_batch);
        let (plain_view, second_view) = out.scores.split_at_mut(plain_len);
        average_views(plain_view, second_view);
        out.scores.truncate(plain_len);
        out.scores.shrink_to_fit();
        let mut run = out.run;
        let mut votes = Vec::new();
        // A claim model reads its own batch, or else the plain one kept above.
        let claim_batch = claim_batch.as_ref().or(plain_batch.as_ref());
        if let (Some(claims), Some(claim_batch)) = (&self.claims, claim_batch) {
            let claim_out = classifier.classify(claims, claim_batch).await;
            // The run says CPU if either model ran there, with the first reason.
            if claim_out.run.backend != run.backend {
                run.backend = crate::classifier::Backend::Cpu;
            }
            run.fallback = run.fallback.or(claim_out.run.fallback);
            votes = claim_out.scores;
        }
        let per_token = self.model.num_outputs();
        let mut rest = out.scores.into_iter();
        let mut rest_votes = votes.into_iter();
        let scored = tokenized
            .into_iter()
            .map(|tokenized| {
                let n = tokenized.tokens.len();
                let scores = rest.by_ref().take(n * per_token).collect();
                let claim_votes = rest_votes.by_ref().take(n).collect();
                Scored {
                    tokenized,
                    scores,
                    claim_votes,
                }
            })
            .collect();
        (scored, run)
    }

    /// The classifier's input for several texts: each text's tokens, and one batch whose
    /// segments are the chunks of every text in order (one view: the tagger also reads the
    /// same segments again without affix rows, see [`Pipeline::score`]).
    pub fn batch_of(&self, texts: &[&str]) -> (Vec<Tokenized>, Batch) {
        let (tokenized, batch, _) = self.batches_of(texts);
        (tokenized, batch)
    }

    /// [`Pipeline::batch_of`], with the claim model's own batch when its features differ.
    fn batches_of(&self, texts: &[&str]) -> (Vec<Tokenized>, Batch, Option<Batch>) {
        let mut batch = Batch::new(NUM_FEATURES);
        let mut claim_batch: Option<Batch> = None;
        let tokenized = texts
            .iter()
            .map(|text| {
                let prepared = self.prepare(text);
                for chunk in Self::chunks(&prepared.tokenized) {
                    let range = chunk.start * NUM_FEATURES..chunk.end * NUM_FEATURES;
                    batch.push(&prepared.ids[range.clone()]);
                    if let Some(claim_ids) = &prepared.claim_ids {
                        claim_batch
                            .get_or_insert_with(|| Batch::new(NUM_FEATURES))
                            .push(&claim_ids[range]);
                    }
                }
                prepared.tokenized
            })
            .collect();
        (tokenized, batch, claim_batch)
    }

    /// [`Pipeline::annotate`] on `classifier`'s backend, with how the scores were computed.
    pub async fn annotate_on(&self, classifier: &Classifier, text: &str) -> (Annotations, Run) {
        let (scored, run) = self.score_on(classifier, text).await;
        (self.decode(text, &scored), run)
    }

    /// Several texts annotated with one classifier request (see [`Pipeline::score_batch_on`]).
    pub async fn annotate_batch_on(
        &self,
        classifier: &Classifier,
        texts: &[&str],
    ) -> (Vec<Annotations>, Run) {
        let (scored, run) = self.score_batch_on(classifier, texts).await;
        let annotations = texts
            .iter()
            .zip(&scored)
            .map(|(text, s)| self.decode(text, s))
            .collect();
        (annotations, run)
    }

    pub fn annotate(&self, text: &str) -> Annotations {
        let scored = self.score(text);
        self.decode(text, &scored)
    }

    /// Scores → annotations: constrained decoding per chunk, clean-up, clusters.
    pub fn decode(&self, text: &str, scored: &Scored) -> Annotations {
        let t = self.model.num_tags();
        let m = &self.model;
        let tr = Transitions {
            trans: &m.trans,
            start: &m.start,
            end: &m.end,
        };
        let toks = &scored.tokenized.tokens;
        let person = self.tags.labels.iter().position(|l| l == "PER");
        let stride = self.model.num_outputs();
        let mut found: Vec<TokenSpan> = Vec::new();
        let mut tag_scores = Vec::new();
        let mut decoder = decode::SentenceDecoder::new(&self.tags, &tr);
        for sentence in &scored.tokenized.sentences {
            let range = sentence.tokens.clone();
            let rows = &scored.scores[range.start * stride..range.end * stride];
            let sentence_scores = if stride == t {
                rows
            } else {
                tag_scores.clear();
                for row in rows.chunks_exact(stride) {
                    tag_scores.extend_from_slice(&row[..t]);
                }
                &tag_scores[..]
            };
            for mut span in decoder.tag_sentence(sentence_scores) {
                span.start += range.start;
                span.end += range.start;
                found.extend(spans::trim(text, toks, span, person));
            }
        }
        found.retain(|s| {
            let words = &toks[s.start..s.end];
            spans::has_letters(text, words) && spans::has_no_address(words)
        });
        if self.rules.is_on(consistency::DOCUMENT_VOTE) {
            consistency::vote_labels(text, toks, &mut found);
        }
        rules::apply(
            text,
            toks,
            &scored.tokenized.sentences,
            &mut found,
            rules::Labels::find(&self.tags.labels),
            &self.rules,
        );
        found.retain(|s| !HIDDEN_LABELS.contains(&self.tags.labels[s.label].as_str()));
        let mentions: Vec<clusters::Mention> = found
            .iter()
            .map(|s| clusters::Mention {
                words: toks[s.start..s.end]
                    .iter()
                    .map(|tk| tk.text(text))
                    .collect(),
                label: self.tags.labels[s.label].as_str(),
            })
            .collect();
        let assigned = clusters::cluster(&mentions);
        let mut entities: Vec<Entity> = found
            .iter()
            .zip(assigned)
            .map(|(s, (cluster, label))| Entity {
                start: toks[s.start].start,
                end: toks[s.end - 1].end,
                label: label.to_string(),
                score: s.score,
                cluster,
                source: s.source,
            })
            .collect();
        bracket_aliases(text, &mut entities);
        let claims = self.claims(text, scored, &entities);
        Annotations { entities, claims }
    }

    /// Sentences whose pooled claim vote reaches the model's threshold, with cue and speaker.
    fn claims(&self, text: &str, scored: &Scored, entities: &[Entity]) -> Vec<Claim> {
        // The claim model's votes, else the tagger's own claim head, else no claims.
        let (header, votes, stride, vote_at) = match &self.claims {
            Some(claims) => (&claims.header, &scored.claim_votes, 1, 0),
            None => (
                &self.model.header,
                &scored.scores,
                self.model.num_outputs(),
                self.model.num_tags(),
            ),
        };
        if header.claim_logits == 0 || votes.len() < scored.tokenized.tokens.len() * stride {
            return Vec::new();
        }
        let tokenized = &scored.tokenized;
        let mut out = Vec::new();
        // Group phrases ("Palestinian officials") get clusters of their own, past the
        // entities', one per phrase text.
        let first_free = entities.iter().map(|e| e.cluster + 1).max().unwrap_or(0);
        let mut groups: HashMap<String, usize> = HashMap::new();
        // Each cluster's fullest mention, found once (a long text has many claims and entities).
        let fullest = fullest_mentions(text, entities);
        // A text in its writer's own voice (a public comment, a letter) states its positions
        // with "should", "I urge" and instructions: those sentences are claims whatever the
        // model's vote (it learned them from CDCP at a quarter of the news set's weight). Only
        // a model that reads the register bit was trained to tell the two registers apart.
        let own_voice = (header.tables.register != 0 && self.rules.is_on(OWN_VOICE_RULE))
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
            // "The official said the three men were in Abu Dhabi": a relayed fact needs a surer
            // vote than a relayed position.
            if score < FACTUAL_REPORT_BAR && reports_a_fact(text, sentence_tokens) {
                continue;
            }
            let cue = cues::find_cue(text, &tokenized.tokens, sentence);
            if cue.is_none() && names_only(text, sentence_tokens) {
                continue;
            }
            let speaker = speakers::find_speaker_with(
                text,
                tokenized,
                entities,
                si,
                cue.as_ref(),
                &self.rules,
            )
            .and_then(|r| match r.entity {
                Some(e) => {
                    let cluster = entities.get(e)?.cluster;
                    let best = &entities[*fullest.get(&cluster)?];
                    Some(Speaker {
                        start: best.start,
                        end: best.end,
                        cluster,
                        source: r.rule,
                    })
                }
                None => {
                    let name = text.get(r.start..r.end)?.to_lowercase();
                    let next = groups.len();
                    let k = *groups.entry(name).or_insert(next);
                    Some(Speaker {
                        start: r.start,
                        end: r.end,
                        cluster: first_free + k,
                        source: r.rule,
                    })
                }
            });
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
}

/// Whether a sentence reports what someone said of a fact: it has a cue and every cue is a
/// reporting verb ("said", "told", "according to"), with no advocacy cue, no "should"-like
/// modal and no word that looks ahead ([`FORWARD_WORDS`]: "will", "would", "could" ...). "The
/// embassy official said the three men were in Abu Dhabi" relays a fact; "said the army would
/// withdraw" relays a plan.
fn reports_a_fact(text: &str, tokens: &[crate::tokens::Token]) -> bool {
    let found = cues::find_cues(text, tokens);
    !found.is_empty()
        && found.iter().all(|m| m.kind == cues::CueKind::Reporting)
        && !tokens.iter().any(|t| {
            let w = t.text(text).to_lowercase();
            FORWARD_WORDS.contains(&w.as_str())
        })
}

/// Words that look ahead: a report holding one relays a plan, a forecast or a stance. ("to"
/// is left out: "said it had begun to withdraw" is as often an event as a plan.)
const FORWARD_WORDS: &[&str] = &[
    "will", "wo", "would", "could", "may", "might", "shall", "can", "ca", "cannot",
];

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

/// The `source` of a claim that only the own-voice rule made one (the model's vote was under
/// the threshold).
const OWN_VOICE_RULE: &str = "own-voice";

/// An acronym defined in brackets right after a name is that name, whatever its letters: "the
/// Rally for the Return of Refugees and Democracy in Rwanda ( RDR )" puts every "RDR" in the
/// name's cluster (the acronym of a name in another language matches none of its words). Only
/// names of one label are joined; clusters are then renumbered densely in order of first
/// mention.
fn bracket_aliases(text: &str, entities: &mut [Entity]) {
    let acronym_like = |s: &str| {
        let caps = s.chars().filter(char::is_ascii_uppercase).count();
        (2..=8).contains(&s.len())
            && caps >= 2
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c == '.' || c == '-')
    };
    let mut into: HashMap<usize, usize> = HashMap::new();
    for i in 1..entities.len() {
        let (a, b) = (&entities[i - 1], &entities[i]);
        let (Some(gap), Some(after), Some(short), Some(long)) = (
            text.get(a.end..b.start),
            text.get(b.end..),
            text.get(b.start..b.end),
            text.get(a.start..a.end),
        ) else {
            continue;
        };
        if gap.trim() == "("
            && after.trim_start().starts_with(')')
            && acronym_like(short)
            && long.split_whitespace().count() >= 2
            && a.label == b.label
            && a.cluster != b.cluster
        {
            let target = *into.get(&a.cluster).unwrap_or(&a.cluster);
            into.entry(b.cluster).or_insert(target);
        }
    }
    if into.is_empty() {
        return;
    }
    let mut dense: HashMap<usize, usize> = HashMap::new();
    for e in entities.iter_mut() {
        let merged = *into.get(&e.cluster).unwrap_or(&e.cluster);
        let next = dense.len();
        e.cluster = *dense.entry(merged).or_insert(next);
    }
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

/// A batch followed by the same segments without their affix rows: the tagger's two views of
/// every chunk in one request. Extended in place, one segment at a time.
fn with_affix_free_view(mut batch: Batch) -> Batch {
    let features = batch.features();
    let mut at = 0;
    for s in 0..batch.segments().len() {
        let len = batch.segments()[s];
        let view = features::affix_free(&batch.ids()[at * features..(at + len) * features]);
        batch.push(&view);
        at += len;
    }
    batch
}

/// The affix-free view's share of the tag scores. Chosen on valid and out-of-fold CoNLL train
/// (pipeline micro-F1, valid / out-of-fold): 0.25 0.9520 / 0.9208, 0.35 0.9532 / 0.9215,
/// 0.4 0.9524 / 0.9218, 0.5 0.9510 / 0.9214, 0.65 0.9520 / 0.9199; the first view alone
/// 0.9505 / 0.9172 (all with the same rules).
const AFFIX_FREE_WEIGHT: f32 = 0.4;

/// `first` becomes the weighted mean of the two views' tag scores (same layout, element by
/// element).
fn average_views(first: &mut [f32], second: &[f32]) {
    debug_assert_eq!(first.len(), second.len());
    for (a, b) in first.iter_mut().zip(second) {
        *a = (1.0 - AFFIX_FREE_WEIGHT) * *a + AFFIX_FREE_WEIGHT * *b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::FROM_MODEL;

    fn entity(text: &str, word: &str, label: &str, cluster: usize) -> Entity {
        let start = text.find(word).expect("in text");
        Entity {
            start,
            end: start + word.len(),
            label: label.to_string(),
            score: 1.0,
            cluster,
            source: FROM_MODEL,
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

    #[test]
    fn an_acronym_in_brackets_joins_its_name() {
        let text = "The Rally for Return ( RFR ) met Oxfam . Later the RFR said so .";
        let later = text.rfind("RFR").unwrap();
        let mut ents = vec![
            entity(text, "Rally for Return", "ORG", 0),
            entity(text, "RFR", "ORG", 1),
            entity(text, "Oxfam", "ORG", 2),
            Entity {
                start: later,
                end: later + 3,
                label: "ORG".to_string(),
                score: 1.0,
                cluster: 1,
                source: FROM_MODEL,
            },
        ];
        bracket_aliases(text, &mut ents);
        let clusters: Vec<usize> = ents.iter().map(|e| e.cluster).collect();
        // Dense again, in order of first mention.
        assert_eq!(clusters, vec![0, 0, 1, 0]);
        // A bracket that is not right after a name, or a label that differs, joins nothing.
        let text = "Oxfam met the Rally ( RFR ) today .";
        let mut ents = vec![
            entity(text, "Oxfam", "ORG", 0),
            entity(text, "Rally", "PER", 1),
            entity(text, "RFR", "ORG", 2),
        ];
        bracket_aliases(text, &mut ents);
        assert_eq!(
            ents.iter().map(|e| e.cluster).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
    }
}
