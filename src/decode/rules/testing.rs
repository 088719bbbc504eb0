//! What the rules' tests share: running the rules on a text with the tagger's spans given by hand.

use super::{apply, Labels};
use crate::decode::TokenSpan;
use crate::switches::RuleSwitches;
use crate::tokens::tokenize;

const LABELS: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];

/// One span after the rules: its words, its label and its source.
pub(crate) struct Found {
    pub words: String,
    pub label: &'static str,
    pub source: &'static str,
}

/// Runs the rules `switches` leaves on over `text`, with the tagger's spans given as (words,
/// label, score), each the first occurrence of those words ("words#2": the second); returns the
/// spans after.
pub(crate) fn run_with(
    text: &str,
    tagged: &[(&str, &str, f32)],
    switches: &RuleSwitches,
) -> Vec<Found> {
    let tokenized = tokenize(text);
    let toks = &tokenized.tokens;
    let mut spans: Vec<TokenSpan> = tagged
        .iter()
        .map(|&(words, label, score)| {
            // "words#2": the second occurrence of those words.
            let (words, nth) = words
                .split_once('#')
                .map_or((words, 1), |(w, k)| (w, k.parse().unwrap()));
            let n = words.split(' ').count();
            let start = (0..toks.len())
                .filter(|&i| {
                    i + n <= toks.len()
                        && (0..n).map(|k| toks[i + k].text(text)).eq(words.split(' '))
                })
                .nth(nth - 1)
                .unwrap_or_else(|| panic!("{words} is in the text"));
            let label = LABELS.iter().position(|l| *l == label).unwrap();
            let mut label_probs = vec![0.0; 4];
            label_probs[label] = score;
            TokenSpan {
                start,
                end: start + n,
                label,
                score,
                label_probs,
                source: crate::decode::FROM_MODEL,
            }
        })
        .collect();
    spans.sort_by_key(|s| s.start);
    let names: Vec<String> = LABELS.iter().map(|s| s.to_string()).collect();
    apply(text, &tokenized, &mut spans, Labels::find(&names), switches);
    for w in spans.windows(2) {
        assert!(w[0].end <= w[1].start, "sorted, no overlap");
    }
    spans
        .iter()
        .map(|s| Found {
            words: text[toks[s.start].start..toks[s.end - 1].end].to_string(),
            label: LABELS[s.label],
            source: s.source,
        })
        .collect()
}

/// Runs every rule on `text` (see [`run_with`]); returns the spans after as (text, label).
pub(crate) fn run(text: &str, tagged: &[(&str, &str, f32)]) -> Vec<(String, &'static str)> {
    run_with(text, tagged, &RuleSwitches::all_on())
        .into_iter()
        .map(|f| (f.words, f.label))
        .collect()
}

pub(crate) fn owned(pairs: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    pairs.iter().map(|&(t, l)| (t.to_string(), l)).collect()
}
