//! The speaker ranker: a linear scorer over the named features of a claim's speaker candidates
//! ([`speakers::candidates`]). The candidate with the highest score speaks (nobody is one of
//! them). The weights are trained by `train/train_speakers.py` on the labelled news claims and
//! ship in `model/speakers.json`, a map from feature name to weight: a file whose names are not
//! this build's features is an error, never a silent zero.

use super::speakers::candidates::{feature_names, Candidate};
use crate::error::{Error, Result};
use serde::Deserialize;

/// The ranker that ships inside the library.
pub static DEFAULT_SPEAKER_RANKER: &str = include_str!("../../model/speakers.json");

/// The format tag a weights file carries.
pub const FORMAT: &str = "speaker-ranker/1";

/// The name that switches the ranker off (`annotate eval --without speaker-ranker`): the rule
/// chain's answer speaks, as before the ranker.
pub const RANKER_SWITCH: &str = "speaker-ranker";

#[derive(Deserialize)]
struct File {
    format: String,
    #[serde(default)]
    id: String,
    weights: std::collections::BTreeMap<String, f32>,
}

/// Trained weights, one per feature of [`feature_names`], in its order.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerRanker {
    id: String,
    weights: Vec<f32>,
}

impl SpeakerRanker {
    /// The ranker embedded in the library.
    pub fn embedded() -> Result<SpeakerRanker> {
        SpeakerRanker::from_json(DEFAULT_SPEAKER_RANKER)
    }

    /// Reads a weights file: `{"format": "speaker-ranker/1", "id": ..., "weights": {name: w}}`
    /// with a weight for every feature this build computes and no other.
    pub fn from_json(json: &str) -> Result<SpeakerRanker> {
        let file: File = serde_json::from_str(json)
            .map_err(|e| Error::Model(format!("speaker ranker: not a weights file: {e}")))?;
        if file.format != FORMAT {
            return Err(Error::Model(format!(
                "speaker ranker: format {:?}, this build reads {FORMAT:?}",
                file.format
            )));
        }
        let names = feature_names();
        let unknown: Vec<&str> = file
            .weights
            .keys()
            .filter(|k| !names.contains(k))
            .map(String::as_str)
            .collect();
        let missing: Vec<&str> = names
            .iter()
            .filter(|n| !file.weights.contains_key(n.as_str()))
            .map(String::as_str)
            .collect();
        let named = if file.id.is_empty() {
            String::new()
        } else {
            format!(" {}", file.id)
        };
        if !unknown.is_empty() || !missing.is_empty() {
            return Err(Error::Model(format!(
                "speaker ranker{named} was trained on other features than this build computes \
                 (unknown: {}; missing: {})",
                if unknown.is_empty() {
                    "none".to_string()
                } else {
                    unknown.join(", ")
                },
                if missing.is_empty() {
                    "none".to_string()
                } else {
                    missing.join(", ")
                }
            )));
        }
        if let Some((name, _)) = file.weights.iter().find(|(_, w)| !w.is_finite()) {
            return Err(Error::Model(format!(
                "speaker ranker{named}: the weight of {name} is not a number"
            )));
        }
        let weights = names.iter().map(|n| file.weights[n.as_str()]).collect();
        Ok(SpeakerRanker {
            id: file.id,
            weights,
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The weights file this ranker reads back from ([`SpeakerRanker::from_json`]).
    pub fn to_json(&self) -> String {
        let weights: serde_json::Map<String, serde_json::Value> = feature_names()
            .into_iter()
            .zip(&self.weights)
            .map(|(n, w)| (n, serde_json::json!(w)))
            .collect();
        serde_json::json!({"format": FORMAT, "id": self.id, "weights": weights}).to_string()
    }

    /// A candidate's score: the sum of its features' weights times their values.
    pub fn score(&self, candidate: &Candidate) -> f32 {
        candidate
            .features
            .iter()
            .map(|&(f, v)| self.weights.get(f).copied().unwrap_or(0.0) * v)
            .sum()
    }

    /// The index of the best candidate (the first among equals), `None` for no candidates.
    pub fn pick(&self, candidates: &[Candidate]) -> Option<usize> {
        let mut best: Option<(usize, f32)> = None;
        for (i, c) in candidates.iter().enumerate() {
            let s = self.score(c);
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        best.map(|(i, _)| i)
    }
}
