//! The output document, one for the CLI's JSON and the JS API alike: the annotations with their
//! text, offsets in the unit the reader counts, scores to three decimals. The CLI counts code
//! points (DESIGN.md §3); JS counts UTF-16 code units (`string.slice`, DOM ranges) and also gets
//! each span's code-point `position` and a few code points of `prefix`/`suffix` (the W3C
//! selectors). All offset arithmetic happens in [`OffsetMap`].
//!
//! The rows borrow the text: far lighter than a `serde_json::Value` tree for a 10 MB input with
//! hundreds of thousands of entities. Fields a format does not carry are left out of its JSON.

use crate::annotations::Annotations;
use crate::text::OffsetMap;
use serde::Serialize;

/// Code points of context kept on each side of a span for the W3C TextQuoteSelector.
pub const CONTEXT_CHARS: usize = 32;

/// What offsets count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Unicode code points (the CLI's JSON, the W3C TextPositionSelector).
    CodePoints,
    /// UTF-16 code units (JavaScript strings and DOM ranges).
    Utf16,
}

/// The shape of a document: its offset unit, and whether spans carry their W3C selectors
/// (`position`, `prefix`, `suffix`) and the document its `length` and `fallbackDetail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub unit: OffsetUnit,
    pub selectors: bool,
}

impl Format {
    /// The CLI's JSON: code points, nothing more.
    pub const CLI: Format = Format {
        unit: OffsetUnit::CodePoints,
        selectors: false,
    };
    /// The JS API: UTF-16 offsets, selectors, length and the fallback's detail.
    pub const JS: Format = Format {
        unit: OffsetUnit::Utf16,
        selectors: true,
    };
}

/// A code-point span: the W3C TextPositionSelector and the CLI's JSON count these.
#[derive(Debug, Serialize)]
pub struct Position {
    pub start: usize,
    pub end: usize,
}

/// One entity mention, end exclusive.
#[derive(Debug, Serialize)]
pub struct EntityOut<'a> {
    pub start: usize,
    pub end: usize,
    pub label: &'a str,
    pub text: &'a str,
    pub score: f64,
    pub cluster: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<&'a str>,
}

/// Who made a claim: a mention of its cluster, or a group phrase.
#[derive(Debug, Serialize)]
pub struct SpeakerOut<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub cluster: usize,
}

/// A policy claim (a sentence); `cue` is the text of its reporting words ("called for"), or null.
#[derive(Debug, Serialize)]
pub struct ClaimOut<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub score: f64,
    pub cue: Option<&'a str>,
    pub speaker: Option<SpeakerOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<&'a str>,
}

/// The document (DESIGN.md §3). Keys are camelCase for JS; the CLI's keys are single words.
/// `Id` is the type of the `--jsonl` input line's `id` (the CLI's JSON value); JS has none, and
/// its package then carries no code for one.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document<'a, Id: Serialize = ()> {
    /// The `--jsonl` input line's `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Id>,
    /// The backend that computed it.
    pub backend: &'a str,
    /// Why the CPU computed it although the GPU was asked for, in a few stable words.
    pub fallback: Option<&'a str>,
    /// JS only: what the driver said about the fallback (`Some(None)` is a JSON null).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback_detail: Option<Option<String>>,
    pub model: &'a str,
    /// JS only: UTF-16 length of the annotated text (a caller checks it highlights that text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
    pub entities: Vec<EntityOut<'a>>,
    pub claims: Vec<ClaimOut<'a>>,
}

/// The document of `annotations` found in `text`, computed on `backend` (the caller names it in
/// its own words: "cpu"/"gpu" for the CLI, "cpu"/"webgpu" for JS). Spans whose offsets are not
/// char boundaries of `text` (never produced by the pipeline) are left out rather than panic.
pub fn document<'a, Id: Serialize>(
    text: &'a str,
    annotations: &'a Annotations,
    format: Format,
    backend: &'a str,
    model: &'a str,
) -> Document<'a, Id> {
    let map = OffsetMap::new(text);
    let span = |start: usize, end: usize| match format.unit {
        OffsetUnit::CodePoints => map.byte_span_to_chars(start, end),
        OffsetUnit::Utf16 => map.byte_span_to_utf16(start, end),
    };
    let selectors = |start: usize, end: usize| {
        if !format.selectors {
            return (None, None, None);
        }
        let (s, e) = map.byte_span_to_chars(start, end);
        (
            Some(Position { start: s, end: e }),
            Some(context_before(text, start)),
            Some(context_after(text, end)),
        )
    };
    let entities = annotations
        .entities
        .iter()
        .filter_map(|e| {
            let words = text.get(e.start..e.end)?;
            let (start, end) = span(e.start, e.end);
            let (position, prefix, suffix) = selectors(e.start, e.end);
            Some(EntityOut {
                start,
                end,
                label: &e.label,
                text: words,
                score: rounded(e.score),
                cluster: e.cluster,
                position,
                prefix,
                suffix,
            })
        })
        .collect();
    let claims = annotations
        .claims
        .iter()
        .filter_map(|c| {
            let sentence = text.get(c.start..c.end)?;
            let (start, end) = span(c.start, c.end);
            let (position, prefix, suffix) = selectors(c.start, c.end);
            let speaker = c.speaker.as_ref().and_then(|sp| {
                let (start, end) = span(sp.start, sp.end);
                Some(SpeakerOut {
                    start,
                    end,
                    text: text.get(sp.start..sp.end)?,
                    cluster: sp.cluster,
                })
            });
            Some(ClaimOut {
                start,
                end,
                text: sentence,
                score: rounded(c.score),
                cue: c.cue.and_then(|(a, b)| text.get(a..b)),
                speaker,
                position,
                prefix,
                suffix,
            })
        })
        .collect();
    Document {
        id: None,
        backend,
        fallback: None,
        fallback_detail: format.selectors.then_some(None),
        model,
        length: format.selectors.then(|| map.utf16_len()),
        entities,
        claims,
    }
}

/// Three decimals are plenty for a probability, and keep the JSON short.
fn rounded(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

/// Up to [`CONTEXT_CHARS`] code points before byte `at` (a char boundary).
fn context_before(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or("");
    let from = head
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    &head[from..]
}

/// Up to [`CONTEXT_CHARS`] code points after byte `at` (a char boundary).
fn context_after(text: &str, at: usize) -> &str {
    let tail = text.get(at..).unwrap_or("");
    let to = tail
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(tail.len(), |(i, _)| i);
    &tail[..to]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{Claim, Entity, Speaker, FROM_CLAIM_MODEL, FROM_MODEL};

    fn sample() -> (String, Annotations) {
        // "é" is 2 UTF-8 bytes and 1 UTF-16 unit; "😀" is 4 bytes, 2 units, 1 code point.
        let text = "😀 José Ramos said Peru must act.".to_string();
        let at = |w: &str| text.find(w).unwrap();
        let person = Entity {
            start: at("José"),
            end: at("José") + "José Ramos".len(),
            label: "PER".into(),
            score: 0.98765,
            cluster: 0,
            source: FROM_MODEL,
        };
        let claim = Claim {
            start: 0,
            end: text.len(),
            score: 0.5,
            cue: Some((at("said"), at("said") + 4)),
            speaker: Some(Speaker {
                start: person.start,
                end: person.end,
                cluster: 0,
                source: "subject-of-cue",
            }),
            source: FROM_CLAIM_MODEL,
        };
        let found = Annotations {
            entities: vec![person],
            claims: vec![claim],
        };
        (text, found)
    }

    #[test]
    fn the_cli_counts_code_points_and_carries_no_selectors() {
        let (text, found) = sample();
        let doc: Document = document(&text, &found, Format::CLI, "cpu", "m");
        let json = serde_json::to_string(&doc).unwrap();
        assert_eq!(
            json,
            r#"{"backend":"cpu","fallback":null,"model":"m","entities":[{"start":2,"end":12,"label":"PER","text":"José Ramos","score":0.988,"cluster":0}],"claims":[{"start":0,"end":32,"text":"😀 José Ramos said Peru must act.","score":0.5,"cue":"said","speaker":{"start":2,"end":12,"text":"José Ramos","cluster":0}}]}"#
        );
    }

    #[test]
    fn js_counts_utf16_and_adds_position_context_and_length() {
        let (text, found) = sample();
        let doc: Document = document(&text, &found, Format::JS, "webgpu", "m");
        let v = serde_json::to_value(&doc).unwrap();
        let e = &v["entities"][0];
        // The emoji is two UTF-16 units: the person starts at unit 3, code point 2.
        assert_eq!(
            (e["start"].as_u64(), e["end"].as_u64()),
            (Some(3), Some(13))
        );
        assert_eq!(e["position"]["start"].as_u64(), Some(2));
        assert_eq!(e["prefix"].as_str(), Some("😀 "));
        assert_eq!(
            v["length"].as_u64(),
            Some(text.encode_utf16().count() as u64)
        );
        assert!(v["fallbackDetail"].is_null() && v.get("fallbackDetail").is_some());
        assert_eq!(v["claims"][0]["cue"].as_str(), Some("said"));
        assert_eq!(v["claims"][0]["speaker"]["start"].as_u64(), Some(3));
    }

    #[test]
    fn a_claim_without_cue_has_a_null_cue_in_both_formats() {
        let (text, mut found) = sample();
        found.claims[0].cue = None;
        for format in [Format::CLI, Format::JS] {
            let doc: Document = document(&text, &found, format, "cpu", "m");
            let v = serde_json::to_value(doc).unwrap();
            assert!(v["claims"][0]["cue"].is_null(), "{format:?}");
        }
    }

    #[test]
    fn a_span_off_a_char_boundary_is_left_out_not_a_panic() {
        let (text, mut found) = sample();
        found.entities[0].start = 1; // inside the emoji
        let doc: Document = document(&text, &found, Format::JS, "cpu", "m");
        assert!(doc.entities.is_empty());
    }
}
