//! Pronouns and bare surnames through earlier sentences (rules 4 and 5 of the module docs):
//! the previous claim's speaker of a matching kind, the most recent mention, the person a
//! surname belongs to; and the look-forward that names an office holder.

use super::*;

/// A pronoun subject ("he", "it", "they", "said he"): an earlier claim's speaker of a matching
/// kind, else the most recent matching mention.
pub(super) const PRONOUN: &str = "pronoun";

/// A bare capitalised word that is the first or last word of an earlier person's name.
pub(super) const SURNAME: &str = "surname";

impl Ctx<'_> {
    /// Rule 5: a capitalised word that is the first or last word of an earlier person's name.
    pub(super) fn surname(&self, i: usize) -> Option<usize> {
        let w = self.raw(i);
        if !w.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let at = self.tokens().get(i)?.start;
        let before = self.entities.partition_point(|e| e.start < at);
        self.entities[..before]
            .iter()
            .enumerate()
            .rev()
            .find_map(|(e, ent)| {
                if ent.label != "PER" {
                    return None;
                }
                let name = self.text.get(ent.start..ent.end)?;
                let mut words = name.split_whitespace();
                let first = words.next()?;
                let last = words.next_back().unwrap_or(first);
                (first == w || last == w).then_some(e)
            })
    }

    /// The most recent mention that `want` accepts (and of label `only`, if given) before token
    /// `at`, in sentence `idx` or the `back` sentences before it: preferring subjects, then
    /// mentions outside prepositional phrases, then any.
    pub(super) fn recent(
        &self,
        idx: usize,
        at: usize,
        want: Want,
        only: Option<&str>,
        back: usize,
    ) -> Option<usize> {
        let (lo, _) = (idx.saturating_sub(back)..=idx).find_map(|s| self.sentence_range(s))?;
        let from = self.tokens().get(lo)?.start;
        let to = self.tokens().get(at).map_or(usize::MAX, |t| t.start);
        let fits: Vec<usize> = self
            .entities_between(from, to)
            .into_iter()
            .filter(|&e| want.accepts(self.label(e)) && only.is_none_or(|l| self.label(e) == l))
            .collect();
        let subject = |e: usize| {
            !self.in_pp(e, 0) && !self.possessive(e) && self.looks_like_subject(e, usize::MAX)
        };
        fits.iter()
            .rev()
            .find(|&&e| subject(e))
            .or_else(|| fits.iter().rev().find(|&&e| !self.in_pp(e, 0)))
            .or_else(|| fits.last())
            .copied()
    }

    /// Rule 4: the speaker of the nearest previous claim of the wanted kind, else the most
    /// recent mention of that kind.
    pub(super) fn resolve_pronoun(&self, idx: usize, want: Want, depth: usize) -> Option<usize> {
        if let Some(e) = self.previous_speaker(idx, want, depth) {
            return Some(e);
        }
        let (s0, _) = self.sentence_range(idx)?;
        self.recent(idx, s0, want, None, MENTION_LOOK_BACK)
    }

    /// The speaker of the nearest of the [`LOOK_BACK`] previous sentences with a cue that has a
    /// speaker of the wanted kind.
    pub(super) fn previous_speaker(&self, idx: usize, want: Want, depth: usize) -> Option<usize> {
        if depth == 0 {
            return None;
        }
        let mut cued = 0;
        for j in (idx.saturating_sub(LOOK_BACK_SENTENCES)..idx).rev() {
            if self.cue_of(j).is_none() {
                // "Samper -- who weathered a crisis -- appeared less than enthusiastic. \"...,\"
                // he told reporters": a person who opens a sentence without a cue is its
                // subject, and "he" or "she" most often goes on with that subject.
                if want == Want::Person {
                    if let Some(e) = self.opening_person(j) {
                        return Some(e);
                    }
                }
                continue;
            }
            if let Some(e) = self
                .speaker_memo(j, depth - 1)
                .filter(|&e| want.accepts(self.label(e)))
            {
                return Some(e);
            }
            cued += 1;
            if cued == LOOK_BACK {
                break;
            }
        }
        None
    }

    /// The speaker of the first of the next [`CATAPHORA_SENTENCES`] sentences that has a cue,
    /// when that speaker is a person: who holds the office an unnamed subject of sentence `idx`
    /// names. A look-back never looks at the sentence it started from or later ones.
    pub(super) fn named_later(&self, idx: usize, depth: usize, label: &str) -> Option<usize> {
        if depth == 0 {
            return None;
        }
        let end = if idx < self.target {
            self.target
        } else {
            idx + CATAPHORA_SENTENCES + 1
        };
        let j = (idx + 1..end.min(idx + CATAPHORA_SENTENCES + 1))
            .take_while(|&j| self.sentence_range(j).is_some())
            .find(|&j| self.cue_of(j).is_some())?;
        self.speaker_memo(j, depth - 1).filter(|&e| {
            self.label(e) == label && (label == "PER" || self.entities.get(e).is_some())
        })
    }

    /// The person named by the words that open sentence `j` (after "But" or "And"), outside
    /// quotes and not a possessive ("Samper 's campaign").
    pub(super) fn opening_person(&self, j: usize) -> Option<usize> {
        let (s0, s1) = self.sentence_range(j)?;
        let mut i = s0;
        if i < s1 && self.in_list(i, &lexicon::CONJUNCTIONS) {
            i += 1;
        }
        let e = self.entity_at(i)?;
        let (first, _) = self.entity_tokens(e)?;
        let fits = first == i && self.label(e) == "PER" && !self.possessive(e);
        (fits && !self.quote_mask(j).first().copied().unwrap_or(false)).then_some(e)
    }
}
