//! Sentences with no cue (rules 6 and 7 of the module docs): a source after a dash at a
//! headline's end, the entity (or pronoun, or group) that opens the sentence, and a headline
//! that names nobody taking its lead's speaker.

use super::*;

/// "Budget cuts to boost savings - RBA": a source named after a dash at the sentence's end.
pub(super) const HEADLINE_SOURCE: &str = "headline-source";

/// No cue: the entity, person pronoun or group phrase that opens the sentence ("Germany to
/// Phase Out Coal", "HK civil servants contest ban").
pub(super) const OPENING_ENTITY: &str = "opening-entity";

/// A headline the other rules give nobody for: the speaker of the first of the next sentences
/// with a cue that has one.
pub(super) const HEADLINE_LEAD: &str = "headline-lead";

impl Ctx<'_> {
    /// A headline that names nobody ("Top Belarus politician blasts president", "New bomb
    /// attacks on Corsica despite crackdown vow") sums up the story's lead: the speaker of the
    /// first of the next [`HEADLINE_LEAD_SENTENCES`] sentences with a cue that has one (past a
    /// dateline or a byline). A headline is the text's first sentence on a line of its own.
    pub(super) fn headline_speaker(&self, idx: usize, depth: usize) -> Option<usize> {
        if idx != 0 || depth == 0 {
            return None;
        }
        if !self.tokenized.layout.has_headline() {
            return None;
        }
        let end = if idx < self.target {
            self.target
        } else {
            HEADLINE_LEAD_SENTENCES + 1
        };
        (1..end.min(HEADLINE_LEAD_SENTENCES + 1))
            .take_while(|&j| self.sentence_range(j).is_some())
            .filter(|&j| self.cue_of(j).is_some())
            .find_map(|j| self.speaker_memo(j, depth - 1))
    }

    /// Rule 6: a source named at a headline's end after a dash, else the entity (or a person
    /// pronoun) that opens the sentence (after an opening quote or a determiner).
    pub(super) fn opening_entity(&self, idx: usize, s0: usize, s1: usize, depth: usize) -> Found {
        // A headline that names its source at the end: "Budget cuts to boost savings - RBA".
        let mut end = s1;
        while end > s0 && matches!(self.raw(end - 1), "." | "\"" | "”") {
            end -= 1;
        }
        if let Some(e) = end.checked_sub(1).and_then(|l| self.entity_at(l)) {
            let (ef, _) = self.entity_tokens(e)?;
            if ef > s0
                && matches!(self.raw(ef - 1), "-" | "--" | "—" | "–")
                && self.on(HEADLINE_SOURCE)
            {
                return Some((e, HEADLINE_SOURCE));
            }
        }
        if !self.on(OPENING_ENTITY) {
            return None;
        }
        self.opening_words(idx, s0, s1, depth)
            .map(|e| (e, OPENING_ENTITY))
    }

    /// The entity (or a person pronoun, or a group phrase) that opens the sentence.
    fn opening_words(&self, idx: usize, s0: usize, s1: usize, depth: usize) -> Option<usize> {
        let mut i = s0;
        // "But Bosnian Serb leaders have hinted ...": past an opening conjunction too.
        while i < s1
            && (cues::is_quote(self.raw(i))
                || self.in_list(i, &lexicon::DETERMINERS)
                || (i == s0 && self.in_list(i, &lexicon::CONJUNCTIONS)))
        {
            i += 1;
        }
        // "He painted a scene of horrors ...": a pronoun subject.
        if i < s1 && lexicon::PERSON_PRONOUNS.contains(self.word(i).as_str()) {
            return self.resolve_pronoun(idx, Want::Person, depth);
        }
        let Some(e) = self.entity_at(i) else {
            // "Moslem refugees seek to vote ...": a group phrase.
            let mut head = i;
            while head + 1 < s1
                && self.is_word(head + 1)
                && self.entity_at(head + 1).is_none()
                && !self.in_list(head, &lexicon::GROUP_HEADS)
                && (head - i) < MAX_TITLE_WORDS
            {
                head += 1;
            }
            return (i..=head).find_map(|h| self.group_phrase(i, h, None));
        };
        let (ef, el) = self.entity_tokens(e)?;
        // "Khmer Rouge 's Ieng Sary confirms break with Pol Pot": the name after the possessive.
        if ef == i && self.possessive(e) {
            if let Some(p) = self.entity_at(el + 2).filter(|&p| self.label(p) == "PER") {
                return Some(p);
            }
        }
        // "Ecuador president to lunch with ...": the office holder the article names next.
        if ef == i
            && self.label(e) != "PER"
            && self.is_lower(el + 1)
            && self.in_list(el + 1, &lexicon::ROLE_NOUNS)
        {
            if let Some(p) = self.named_later(idx, depth, "PER") {
                return Some(p);
            }
        }
        // "HK civil servants contest ...": the group the name opens.
        let grouped = (el + 1..(el + 3).min(s1))
            .take_while(|&h| self.is_word(h) && self.is_lower(h))
            .find_map(|h| {
                self.in_list(h, &lexicon::GROUP_HEADS)
                    .then(|| self.group_phrase(ef, h, Some(e)))
                    .flatten()
            });
        (ef == i).then_some(grouped.unwrap_or(e))
    }
}
