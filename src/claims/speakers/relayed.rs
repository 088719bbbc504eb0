//! Relayed actors: "Bonn says Moscow has promised ..." gives Moscow (a reported clause's
//! actor), and a news medium that reports ("Xinhua said China would ...") stands aside for the
//! actor it reports.

use super::*;

/// After "said"/"says", a separate actor's commitment or plan is that actor's.
pub(super) const RELAYED_ACTOR: &str = "relayed-actor";

/// A news medium that reports: the subject of the clause it reports.
pub(super) const MEDIA_RELAY: &str = "media-relay";

impl Ctx<'_> {
    /// Whether the cue at `first..=last` is a reporting verb ("said", "reported", "quoted"),
    /// the only cues a medium relays an actor through.
    pub(super) fn cue_reports(&self, first: usize, last: usize) -> bool {
        first == last
            && (self.in_list(first, &lexicon::RELAYING_VERBS) || self.word(first) == "quoted")
    }

    /// Whether speaker `e` (an entity or a phrase) names a news medium ([`lexicon::MEDIA_NAME_WORDS`]).
    pub(super) fn is_media(&self, e: usize) -> bool {
        self.entity_tokens(e)
            .is_some_and(|(f, l)| (f..=l).any(|i| self.in_list(i, &lexicon::MEDIA_NAME_WORDS)))
    }

    /// The actor a medium's report is about, for a sentence whose reporter (cue at
    /// `first..=last`) is a news medium: the subject of the clause it reports, after the cue
    /// ("Xinhua said China would ..."), or before it for a trailing attribution ("President
    /// Jiang Zemin offered his gratitude ..., the official Xinhua news agency said"). Unlike
    /// [`Ctx::relayed`], any verb will do: a medium holds no position of its own in a report.
    pub(super) fn media_relay(
        &self,
        idx: usize,
        first: usize,
        last: usize,
        r1: usize,
    ) -> Option<usize> {
        let (s0, _) = self.sentence_range(idx)?;
        let speaks =
            |e: usize| !self.is_media(e) && (e >= self.entities.len() || self.can_speak(e));
        if let Some(e) = self.relayed_with(last + 1, r1, true).filter(|&e| speaks(e)) {
            return Some(e);
        }
        // A trailing attribution: the main clause ends at the comma before the reporter.
        let comma = (s0..first).rev().find(|&j| self.raw(j) == ",")?;
        if first - comma > 8 {
            return None;
        }
        let mut start = s0;
        while start < comma && cues::is_quote(self.raw(start)) {
            start += 1;
        }
        // A quotation the medium closes is its own voice ('" Israel could not confront ... , "
        // Damascus radio said', a commentary's) unless it reports an actor's stance ('"
        // President Saddam Hussein stressed ... , " the papers said').
        let quoted = start > s0;
        match self.clause_subject(start, comma, comma) {
            Subject::Entity(e, _) if speaks(e) => {
                let (ef, el) = self.entity_tokens(e)?;
                // The subject opens the clause (after a title or determiner at most), and a
                // verb follows it: not "North Afghan highway opening put off, radio says".
                let verb = self.past_place_phrase(el + 1, comma);
                (ef >= start
                    && ef - start <= MAX_TITLE_WORDS + 1
                    && self.verb_follows(verb, comma)
                    && (!quoted || self.is_cue_word(verb)))
                .then_some(e)
            }
            _ => None,
        }
    }

    /// Past a phrase that places a subject ("The Dow Chemical Co of the United States will
    /// invest"): "of", "in" or "from", an optional "the", and a name, when one opens at `from`;
    /// else `from`.
    pub(super) fn past_place_phrase(&self, from: usize, to: usize) -> usize {
        if from >= to || !matches!(self.word(from).as_str(), "of" | "in" | "from") {
            return from;
        }
        let at = from + 1 + usize::from(self.word(from + 1) == "the");
        match self.entity_at(at).and_then(|e| self.entity_tokens(e)) {
            Some((f, l)) if f == at && l < to => l + 1,
            _ => from,
        }
    }

    /// Whether a finite verb opens tokens `from..to`, past adverbs and time words: an
    /// auxiliary, a past form in "-ed", a present form in "-s", or a cue word.
    pub(super) fn verb_follows(&self, from: usize, to: usize) -> bool {
        let mut j = from;
        while j < to
            && self.skippable(j)
            && !self.in_list(j, &lexicon::VERB_PHRASE_AUXILIARIES)
            && !self.in_list(j, &lexicon::BE_FORMS)
        {
            j += 1;
        }
        if j >= to || !self.is_word(j) || !self.is_lower(j) {
            return false;
        }
        let w = self.word(j);
        self.in_list(j, &lexicon::VERB_PHRASE_AUXILIARIES)
            || self.in_list(j, &lexicon::BE_FORMS)
            || self.is_cue_word(j)
            || w.ends_with("ed")
            || (w.ends_with('s') && !w.ends_with("ss") && !self.in_list(j, &lexicon::PREPOSITIONS))
    }

    /// A separate actor named as the subject of a reported clause that gives its stance or
    /// plan: "says Moscow has promised", "said President Yeltsin, who is on holiday, had
    /// backed", "said the Dutch government would consider". The clause's verb is an advocacy
    /// verb ([`lexicon::RELAYED_ACTIONS`] or a cue), or a verb after "will", "would" or "is to" (the
    /// actor's announced plan, unless the actor is a place); "must" or "should" stay the
    /// reporter's own advocacy.
    pub(super) fn relayed(&self, from: usize, r1: usize) -> Option<usize> {
        self.relayed_with(from, r1, false)
    }

    /// [`Ctx::relayed`], or with `any_verb` any verb after the actor.
    pub(super) fn relayed_with(&self, from: usize, r1: usize, any_verb: bool) -> Option<usize> {
        let mut i = from;
        while i < r1
            && (self.skippable(i)
                || self.in_list(i, &lexicon::DETERMINERS)
                || self.word(i) == "that"
                || self.tokens()[i].kind == TokenKind::Number)
        {
            i += 1;
        }
        // The name, after any title words ("President Boris Yeltsin").
        let (e, last) = match self.title_chain_at(i, r1) {
            Some(e) => {
                let (first, last) = self.entity_tokens(e)?;
                // "the Dutch government", "EU leaders": the group.
                let grouped = (last + 1..(last + 3).min(r1))
                    .take_while(|&h| self.is_word(h) && self.entity_at(h).is_none())
                    .find_map(|h| {
                        self.in_list(h, &lexicon::GROUP_HEADS)
                            .then(|| self.group_phrase(i.min(first), h, Some(e)))
                            .flatten()
                            .map(|g| (g, h))
                    });
                grouped.unwrap_or((e, last))
            }
            None => (i..(i + 4).min(r1))
                .take_while(|&h| self.is_word(h))
                .find_map(|h| self.group_phrase(i, h, None).map(|g| (g, h)))?,
        };
        let mut j = last + 1;
        // A relative clause: "Yeltsin, who is vacationing outside Moscow, had backed".
        if self.raw(j) == "," && self.in_list(j + 1, &lexicon::RELATIVE_PRONOUNS) {
            j = (j + 2..r1).find(|&c| self.raw(c) == ",")? + 1;
        }
        // 'said Clinton " plans to have regular news conferences "': a quotation opening right
        // on the verb (the unquoted stretch ends at it).
        let mut r1 = r1;
        if j == r1 && matches!(self.raw(j), "\"" | "``") {
            j += 1;
            r1 = (j + 1).min(self.tokens().len());
        }
        let mut plan = false;
        while j < r1 && self.skippable(j) {
            plan |= matches!(self.word(j).as_str(), "will" | "would" | "to");
            j += 1;
        }
        if j >= r1 || !self.is_word(j) || !self.is_lower(j) {
            return None;
        }
        let verb = self.in_list(j, &lexicon::RELAYED_ACTIONS);
        // "He added that France would veto": a place's plan is its spokesman's announcement.
        let planned = plan
            && self.label(e) != "LOC"
            && !self.in_list(j, &lexicon::PREPOSITIONS)
            && !self.in_list(j, &lexicon::DETERMINERS)
            && !self.in_list(j, &lexicon::BE_FORMS);
        (verb || planned || any_verb).then_some(e)
    }
}
