//! The document the rules work on: its words, its spans and the edits every rule makes through
//! [`Document::set`] (a new span) and [`Document::relabel`] (a new label), which write the
//! running rule's name as the span's `source`; and the word tests several rules share.

use crate::decode::TokenSpan;
use crate::lexicon;
use crate::tokens::{Layout, Token, TokenKind, Tokenized};
use std::collections::HashMap;

/// The document the rules read and edit: its tokens, where sentences open, and its spans
/// (sorted, non-overlapping), with an index from each token to the span covering it.
pub struct Document<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    /// Where lines and paragraphs begin (found once, by the tokenizer).
    pub(super) layout: &'a Layout,
    /// Whether each token opens its sentence (only punctuation before it in the sentence).
    pub(super) opens_sentence: Vec<bool>,
    pub(super) spans: Vec<TokenSpan>,
    /// For each token, 1 + the first token of the span covering it (0: none). Spans are found
    /// from it by binary search, so an edit touches only its own tokens: a 10 MB text makes
    /// thousands of edits.
    pub(super) cover: Vec<u32>,
    pub(super) num_labels: usize,
    /// The rule running now: spans it adds or relabels take its name as their `source`.
    pub(super) rule: &'static str,
}

impl<'a> Document<'a> {
    pub(super) fn new(
        text: &'a str,
        tokenized: &'a Tokenized,
        spans: Vec<TokenSpan>,
        num_labels: usize,
    ) -> Self {
        let (tokens, sentences) = (&tokenized.tokens[..], &tokenized.sentences);
        let mut opens_sentence = vec![false; tokens.len()];
        for s in sentences {
            for i in s.tokens.clone() {
                opens_sentence[i] = true;
                if tokens[i].kind != TokenKind::Punct {
                    break;
                }
            }
        }
        let mut doc = Document {
            text,
            tokens,
            layout: &tokenized.layout,
            opens_sentence,
            spans,
            cover: vec![0; tokens.len()],
            num_labels,
            rule: "document rules",
        };
        for k in 0..doc.spans.len() {
            doc.mark(k);
        }
        doc
    }

    /// Records span `k` as covering its tokens.
    pub(super) fn mark(&mut self, k: usize) {
        let (start, end) = (
            self.spans[k].start,
            self.spans[k].end.min(self.tokens.len()),
        );
        self.cover[start..end].fill(start as u32 + 1);
    }

    pub(super) fn unmark(&mut self, k: usize) {
        let (start, end) = (
            self.spans[k].start,
            self.spans[k].end.min(self.tokens.len()),
        );
        self.cover[start..end].fill(0);
    }

    /// The index into `spans` of the span covering token `t`.
    pub(super) fn covering(&self, t: usize) -> Option<usize> {
        let start = (self.cover[t] as usize).checked_sub(1)?;
        let k = self.spans.partition_point(|s| s.start < start);
        (k < self.spans.len() && self.spans[k].start == start).then_some(k)
    }

    pub(super) fn is_free(&self, t: usize) -> bool {
        self.cover[t] == 0
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// The words of tokens `start..end`: the key a name is known by across the document.
    pub(super) fn words(&self, start: usize, end: usize) -> Vec<&'a str> {
        (start..end).map(|t| self.word(t)).collect()
    }

    pub(super) fn is_capitalised(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word
            && self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    pub(super) fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    pub(super) fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    /// Labels `start..end` as `label`, replacing whatever spans it overlaps; the new span's
    /// `source` is the running rule.
    pub(super) fn set(&mut self, start: usize, end: usize, label: usize) {
        if let Some(k) = self.covering(start) {
            let s = &self.spans[k];
            if s.start == start && s.end == end && s.label == label {
                return;
            }
        }
        // The overlapped spans are one run of the sorted, non-overlapping list.
        let lo = self.spans.partition_point(|s| s.end <= start);
        let hi = self.spans.partition_point(|s| s.start < end).max(lo);
        for k in lo..hi {
            self.unmark(k);
        }
        let mut label_probs = vec![0.0; self.num_labels];
        label_probs[label] = 1.0;
        let span = TokenSpan {
            start,
            end,
            label,
            score: 1.0,
            label_probs,
            source: self.rule,
        };
        self.spans.splice(lo..hi, std::iter::once(span));
        self.mark(lo);
    }

    /// Gives span `k` the label `label`; where that changes its label, the running rule becomes
    /// its `source`.
    pub(super) fn relabel(&mut self, k: usize, label: usize) {
        let rule = self.rule;
        let span = &mut self.spans[k];
        if span.label != label {
            span.label = label;
            span.source = rule;
        }
    }

    /// Replaces each span for which `widened` gives a range and label by that span. A wider
    /// span can take its neighbours out of the list, so the walk counts as the list shrinks.
    pub(super) fn widen_spans(
        &mut self,
        widened: impl Fn(&Self, &TokenSpan) -> Option<(usize, usize, usize)>,
    ) {
        let mut k = 0;
        while k < self.spans.len() {
            if let Some((start, end, label)) = widened(self, &self.spans[k]) {
                self.set(start, end, label);
            }
            k += 1;
        }
    }

    /// The span that starts at token `t`, if one does.
    pub(super) fn covering_from(&self, t: usize) -> Option<&TokenSpan> {
        if t >= self.tokens.len() {
            return None;
        }
        let k = self.covering(t)?;
        (self.spans[k].start == t).then(|| &self.spans[k])
    }

    /// The token after a name ending at `end`, past a possessive ("Magna 's board").
    pub(super) fn past_possessive(&self, end: usize) -> usize {
        if end < self.tokens.len() && matches!(self.word(end), "'s" | "’s") {
            end + 1
        } else {
            end
        }
    }

    /// Whether a line break comes just before token `t`.
    pub(super) fn breaks_line(&self, t: usize) -> bool {
        self.layout.starts_line(t)
    }

    /// The text's lines as token ranges `start..end`.
    pub(super) fn lines(&self) -> Vec<(usize, usize)> {
        let mut lines = Vec::new();
        let mut start = 0;
        while start < self.tokens.len() {
            let mut end = start + 1;
            while end < self.tokens.len() && !self.breaks_line(end) {
                end += 1;
            }
            lines.push((start, end));
            start = end;
        }
        lines
    }

    pub(super) fn finish(self) -> Vec<TokenSpan> {
        self.spans
    }
}

/// Records that `key` was read with `label`. A key read with two labels keeps `None`: a name
/// seen two ways teaches nothing.
pub(super) fn learn_label<K: Eq + std::hash::Hash>(
    labels: &mut HashMap<K, Option<usize>>,
    key: K,
    label: usize,
) {
    let entry = labels.entry(key).or_insert(Some(label));
    if *entry != Some(label) {
        *entry = None;
    }
}

/// A word with the ending of a nationality or other adjective ("Himalayan", "Chinese",
/// "British", "Islamic", "Iraqi"): before a noun it is a miscellaneous name, not the noun's own
/// name.
pub(super) fn looks_like_adjective(word: &str) -> bool {
    ["an", "ese", "ish", "ic", "i"]
        .iter()
        .any(|ending| word.ends_with(ending))
}

/// Whether `word` (lower case) is a day, a month, or one of `lexicon::NOT_NAMES`: capitalised,
/// never a name ("the company said Monday", "Allensbach April 38").
pub(super) fn is_not_name(word: &str) -> bool {
    lexicon::DAYS.contains(word)
        || lexicon::MONTHS.contains(word)
        || lexicon::NOT_NAMES.contains(word)
}

/// Whether `word` names a day or a month, in full or abbreviated ("Aug", "Sept.", not
/// "Marc").
pub(super) fn is_calendar_word(word: &str) -> bool {
    let short = word.trim_end_matches('.').to_lowercase();
    let abbreviation = short.len() == 3 || lexicon::CALENDAR_ABBREVIATIONS.contains(&short);
    let calendar = lexicon::DAYS
        .entries()
        .iter()
        .chain(lexicon::MONTHS.entries());
    calendar
        .into_iter()
        .any(|w| *w == short || (abbreviation && w.starts_with(short.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_months_are_known_in_full_and_abbreviated() {
        for word in ["April", "Aug", "Sept.", "Mon", "Thurs", "MAY"] {
            assert!(is_calendar_word(word), "{word}");
        }
        for word in ["Marc", "Mayo", "Augusta", "Ma", "Sunderland"] {
            assert!(!is_calendar_word(word), "{word}");
        }
    }
}
