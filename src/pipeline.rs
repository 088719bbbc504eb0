//! The flow, in order: tokens → features → classifier → decode → annotations.

use crate::annotations::{Annotations, Claim, Entity};
use crate::claims::{self, SpeakerRanker, OWN_VOICE_RULE, PAGE_CLUTTER_RULE, RANKER_SWITCH};
use crate::classifier::{Batch, Classifier, Model, Run};
use crate::decode::{self, consistency, TagSet, Transitions};
use crate::error::{Error, Result};
use crate::features::{self, NUM_FEATURES};
use crate::switches::RuleSwitches;
use crate::tokens::{self, Tokenized};
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
    /// Who speaks each claim: the ranker's pick among the candidates; without one, the speaker
    /// rules' chain decides.
    speaker_ranker: Option<SpeakerRanker>,
}

/// A speaker candidate of a claim ([`Pipeline::speaker_candidates`]): the speaker it stands
/// for (`None`: nobody), its features and the ranker's score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredCandidate {
    pub speaker: Option<claims::Speaker>,
    pub candidate: claims::speakers::candidates::Candidate,
    pub score: f32,
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
            speaker_ranker: None,
        })
    }

    /// Every rule's name, in the order the rules run: the document's label vote, the document
    /// rules (`decode`), the own-voice and page-clutter claim rules, the speaker rules (`claims`).
    pub fn rule_names() -> Vec<&'static str> {
        let mut names = vec![consistency::DOCUMENT_VOTE];
        names.extend(decode::rule_names());
        names.push(OWN_VOICE_RULE);
        names.push(PAGE_CLUTTER_RULE);
        names.extend(crate::claims::rule_names());
        names.push(RANKER_SWITCH);
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

    /// A pipeline over the models embedded in the library (tagger, claim model, speaker
    /// ranker).
    pub fn embedded() -> Result<Pipeline> {
        Ok(
            Pipeline::with_claims(Model::embedded()?, Model::embedded_claims()?)?
                .with_speaker_ranker(Some(SpeakerRanker::embedded()?)),
        )
    }

    /// This pipeline with `ranker` choosing speakers (`None`: the speaker rules' chain).
    pub fn with_speaker_ranker(mut self, ranker: Option<SpeakerRanker>) -> Pipeline {
        self.speaker_ranker = ranker;
        self
    }

    /// The speaker ranker, if this pipeline has one.
    pub fn speaker_ranker(&self) -> Option<&SpeakerRanker> {
        self.speaker_ranker.as_ref()
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

    /// Scores → annotations: predict the entities (decode), then the claims and their speakers
    /// (claims), and set them.
    pub fn decode(&self, text: &str, scored: &Scored) -> Annotations {
        let m = &self.model;
        let tags = decode::Tagging {
            tags: &self.tags,
            transitions: Transitions {
                trans: &m.trans,
                start: &m.start,
                end: &m.end,
            },
            num_tags: m.num_tags(),
            stride: m.num_outputs(),
            hidden: HIDDEN_LABELS,
        };
        let entities =
            decode::entities(text, &scored.tokenized, &scored.scores, &tags, &self.rules);
        let claims = self.claims(text, scored, &entities);
        Annotations { entities, claims }
    }

    /// For each byte span (a claim's sentence), the speaker candidates of the sentence that
    /// overlaps it most (none when no sentence does), each with the speaker it stands for and
    /// the ranker's score (0 without a ranker): what `annotate speakers` exports for
    /// `train/train_speakers.py`, and what `annotate --explain` shows.
    pub fn speaker_candidates(
        &self,
        text: &str,
        spans: &[(usize, usize)],
    ) -> Vec<Vec<ScoredCandidate>> {
        let scored = self.score(text);
        let entities = self.decode(text, &scored).entities;
        let tokenized = &scored.tokenized;
        let mut resolver = claims::Resolver::new(text, &entities);
        spans
            .iter()
            .map(|&(start, end)| {
                let overlap =
                    |s: &tokens::Sentence| end.min(s.end).saturating_sub(start.max(s.start));
                let Some((si, sentence)) = tokenized
                    .sentences
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| overlap(s) > 0)
                    .max_by_key(|(i, s)| (overlap(s), std::cmp::Reverse(*i)))
                else {
                    return Vec::new();
                };
                let cue = claims::find_cue(text, &tokenized.tokens, sentence);
                claims::speakers::candidates::speaker_candidates(
                    text,
                    tokenized,
                    &entities,
                    si,
                    cue.as_ref(),
                    &self.rules,
                )
                .into_iter()
                .map(|candidate| ScoredCandidate {
                    speaker: candidate.speaker.and_then(|r| resolver.resolve(r)),
                    score: self
                        .speaker_ranker
                        .as_ref()
                        .map_or(0.0, |r| r.score(&candidate)),
                    candidate,
                })
                .collect()
            })
            .collect()
    }

    /// The claims: the claim model's votes (else the tagger's own claim head, else none),
    /// then the claim rules and speakers (claims).
    fn claims(&self, text: &str, scored: &Scored, entities: &[Entity]) -> Vec<Claim> {
        let votes = match &self.claims {
            Some(claims) => claims::ClaimVotes {
                header: &claims.header,
                votes: &scored.claim_votes,
                stride: 1,
                at: 0,
            },
            None => claims::ClaimVotes {
                header: &self.model.header,
                votes: &scored.scores,
                stride: self.model.num_outputs(),
                at: self.model.num_tags(),
            },
        };
        claims::select(
            text,
            &scored.tokenized,
            &votes,
            entities,
            &self.rules,
            self.speaker_ranker.as_ref(),
        )
    }
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
