//! The flow, in order: tokens → features → classifier → decode → annotations.

use crate::annotations::{Annotations, Entity};
use crate::classifier::{cpu, Model};
use crate::decode::{self, clusters, spans, TagSet, TokenSpan, Transitions};
use crate::error::Result;
use crate::features::{self, NUM_FEATURES};
use crate::tokens::{self, Tokenized};

/// The longest run of tokens classified at once. Long texts are cut at sentence ends into
/// chunks of at most this many tokens, so memory stays bounded for any input size.
pub const MAX_CHUNK_TOKENS: usize = 4096;

/// Labels the model may keep internally but the product does not show.
const HIDDEN_LABELS: &[&str] = &["MISC"];

pub struct Pipeline {
    model: Model,
    tags: TagSet,
}

/// The classifier's view of a text: its tokens and one row of tag scores per token.
pub struct Scored {
    pub tokenized: Tokenized,
    pub scores: Vec<f32>,
}

impl Pipeline {
    pub fn new(model: Model) -> Result<Pipeline> {
        let tags = TagSet::parse(&model.header.tags)?;
        Ok(Pipeline { model, tags })
    }

    /// A pipeline over the model embedded in the library.
    pub fn embedded() -> Result<Pipeline> {
        Pipeline::new(Model::embedded()?)
    }

    pub fn model(&self) -> &Model {
        &self.model
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

    /// Tokens and tag scores of a text (the CPU classifier).
    pub fn score(&self, text: &str) -> Scored {
        let tokenized = tokens::tokenize(text);
        let ids = features::extract(text, &tokenized, &self.model.header.tables);
        let mut scores = Vec::with_capacity(tokenized.tokens.len() * self.model.num_tags());
        for chunk in Self::chunks(&tokenized) {
            let part = &ids[chunk.start * NUM_FEATURES..chunk.end * NUM_FEATURES];
            scores.extend(cpu::forward(&self.model, part, NUM_FEATURES));
        }
        Scored { tokenized, scores }
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
        let mut found: Vec<TokenSpan> = Vec::new();
        for chunk in Self::chunks(&scored.tokenized) {
            let s = &scored.scores[chunk.start * t..chunk.end * t];
            let path = decode::viterbi(s, &self.tags, &tr);
            let conf = decode::path_marginals(s, &self.tags, &tr, &path);
            for mut span in decode::spans_from_path(&path, &conf, &self.tags) {
                span.start += chunk.start;
                span.end += chunk.start;
                found.extend(spans::trim(text, toks, span, person));
            }
        }
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
        let entities = found
            .iter()
            .zip(assigned)
            .map(|(s, (cluster, label))| Entity {
                start: toks[s.start].start,
                end: toks[s.end - 1].end,
                label: label.to_string(),
                score: s.score,
                cluster,
            })
            .collect();
        Annotations { entities }
    }
}
