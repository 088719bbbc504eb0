//! Quote attribution (rule 2 of the module docs): the cue that anchors the search and the
//! unquoted stretch around it, a trailing attribution, the stance verb before a reporter that
//! names nobody, and the sentences with no unquoted cue: a stance noun's owner, an actor that
//! opens a quote, a quoted paragraph attributed before or after it.

use super::*;

/// "..., the Reserve Bank of Australia said": a trailing attribution, when the anchor cue names
/// nobody.
pub(super) const TRAILING_ATTRIBUTION: &str = "trailing-attribution";

/// "Beijing has called on Seoul to stop ..., a spokesman said": the stance verb before a
/// reporter that names nobody.
pub(super) const STANCE_BEFORE_REPORTER: &str = "stance-before-reporter";

/// "British Airways 's initial response was that ...": whose stance the sentence states.
pub(super) const STANCE_OWNER: &str = "stance-owner";

/// '" President Arafat is ready to meet ...': a named actor opening a quote, its cue's subject.
pub(super) const QUOTED_ACTOR: &str = "quoted-actor";

/// A sentence whose cues are all quoted: the speaker of the sentence that closes the quote, or
/// opened it, or the previous claim's.
pub(super) const QUOTED_PARAGRAPH: &str = "quoted-paragraph";

impl Ctx<'_> {
    /// Rules 3 to 5 for the cue at tokens `first..=last`, in the unquoted stretch around it.
    pub(super) fn anchored(
        &self,
        idx: usize,
        first: usize,
        last: usize,
        depth: usize,
        is_quoted: &dyn Fn(usize) -> bool,
    ) -> Found {
        let (s0, s1) = self.sentence_range(idx)?;
        let mut r0 = first;
        loop {
            while r0 > s0 && !is_quoted(r0 - 1) {
                r0 -= 1;
            }
            // 'Shimon Peres , calling Lahd " a great Lebanese patriot " , said': a few quoted
            // words inside the clause (closed before the cue) do not end it.
            let mut q = r0;
            while q > s0 && is_quoted(q - 1) {
                q -= 1;
            }
            if r0 > s0 && q > s0 && r0 - q <= SCARE_QUOTE_TOKENS {
                r0 = q;
            } else {
                break;
            }
        }
        let mut r1 = last + 1;
        while r1 < s1 && !is_quoted(r1) {
            r1 += 1;
        }
        self.subject_of(idx, r0, first, last, r1, depth)
    }

    /// '" President Arafat is ready to meet ...' (his adviser speaking): a quoted sentence whose
    /// first cue, a stance cue, has a named actor opening the quote as its subject states that
    /// actor's position. Not with a modal: in '" Brussels must protect the market "' the
    /// speaker tells Brussels what to do.
    pub(super) fn quoted_actor(
        &self,
        s0: usize,
        s1: usize,
        first_cue: Option<&cues::CueMatch>,
    ) -> Option<usize> {
        let m = first_cue.filter(|m| m.quoted && m.kind != CueKind::Modal)?;
        let opening = (s0..s1).find(|&i| !cues::is_quote(self.raw(i)))?;
        if opening == s0 {
            return None;
        }
        let e = self.title_chain_at(opening, s1)?;
        let (_, last) = self.entity_tokens(e)?;
        let cue = s0 + m.first;
        (self.can_speak(e)
            && !self.possessive(e)
            && cue > last
            && cue - last <= 3
            && self.looks_like_subject(e, cue))
        .then_some(e)
    }

    /// The actor whose stance noun opens the sentence ("British Airways 's initial response
    /// was", after any quote mark, conjunction or title), when a form of "be" follows the noun.
    pub(super) fn stance_owner(&self, s0: usize, s1: usize) -> Option<usize> {
        let mut i = s0;
        while i < s1 && (cues::is_quote(self.raw(i)) || self.in_list(i, &lexicon::CONJUNCTIONS)) {
            i += 1;
        }
        let e = self.title_chain_at(i, s1)?;
        let (_, last) = self.entity_tokens(e)?;
        if !(self.can_speak(e) && self.possessive(e)) {
            return None;
        }
        let noun = (last + 2..(last + 5).min(s1))
            .take_while(|&j| self.is_word(j) && self.entity_at(j).is_none())
            .find(|&j| self.in_list(j, &lexicon::STANCE_NOUNS))?;
        self.in_list(noun + 1, &lexicon::BE_FORMS).then_some(e)
    }

    /// A sentence whose cues are all quoted: the speaker named by a following sentence that
    /// closes the quote (`... ," he said.`), else the previous claim's speaker.
    pub(super) fn quoted_paragraph(&self, idx: usize, depth: usize) -> Option<usize> {
        if depth == 0 {
            return None;
        }
        let limit = if idx < self.target {
            self.target - 1
        } else {
            idx + LOOK_BACK
        };
        for j in idx + 1..=limit.min(idx + LOOK_BACK) {
            let Some((s0, s1)) = self.sentence_range(j) else {
                break;
            };
            let toks = &self.tokens()[s0..s1];
            let quoted = self.quote_mask(j);
            let found = find_cues_quoted(self.text, toks, &quoted);
            let attribution = found.iter().find(|m| !m.quoted && m.kind != CueKind::Modal);
            match attribution {
                Some(m) if m.first > 0 && quoted[..m.first].iter().any(|&q| q) => {
                    let cue = Cue {
                        start: toks[m.first].start,
                        end: toks[m.last].end,
                    };
                    return self.speaker(j, Some(cue), depth - 1).map(|(e, _)| e);
                }
                Some(_) => break,
                None if quoted.iter().all(|&q| q) => continue,
                None => break,
            }
        }
        // '..., said one private farmer : " In the future ...' then '" Collectivisation brought
        // us a lot of pain .': the sentence that opened the quote names its speaker, or nobody.
        if let Some(j) = self.quote_opener(idx) {
            return self.speaker_memo(j, depth - 1);
        }
        self.previous_speaker(idx, Want::Any, depth)
    }

    /// The sentence before `idx` whose attribution opened the quotation `idx` is still in: back
    /// over wholly quoted sentences to one with an unquoted cue that leaves a quote open.
    pub(super) fn quote_opener(&self, idx: usize) -> Option<usize> {
        if self.open_before(idx) != Some(true) {
            return None;
        }
        for j in (idx.saturating_sub(LOOK_BACK_SENTENCES)..idx).rev() {
            let mask = self.quote_mask(j);
            if mask.iter().all(|&q| q) {
                continue;
            }
            let opens = self.open_before(j + 1) == Some(true);
            return (opens && self.cue_of(j).is_some()).then_some(j);
        }
        None
    }
}
