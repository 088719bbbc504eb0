//! Common-noun subjects (rule 3 of the module docs, its noun phrases): a group named by its
//! phrase ("Palestinian officials"), an office holder or organisation the article names next,
//! the issuer of "the statement", the institution "the company" stands for (or the phrase
//! itself), and a person's name the tagger missed ("Suu Kyi said").

use super::*;

/// An unnamed office holder ("The chairman of EgyptAir", "a customs official") or an
/// organisation introduced unnamed: who the next sentence with a cue names.
pub(super) const OFFICE_HOLDER: &str = "office-holder";

/// A group named by a common-noun phrase with no speaking entity of its own ("Palestinian
/// officials", "the Dutch government", "the Serbs"), as a phrase speaker.
pub(super) const GROUP_PHRASE: &str = "group-phrase";

/// "the statement said": who spoke in the nearest earlier sentence that names the statement.
pub(super) const STATEMENT_ISSUER: &str = "statement-issuer";

/// "the company said", "the ministry said": the most recent ORG (or ORG/LOC) mention.
pub(super) const INSTITUTION_MENTION: &str = "institution-mention";

/// "The government had been threatening" with no mention to stand for: the phrase itself.
pub(super) const INSTITUTION_ITSELF: &str = "institution-itself";

/// Two or three capitalised words the tagger missed ("Suu Kyi said"), or one the document
/// writes as a name: a person's name, as a phrase.
pub(super) const MISSED_NAME: &str = "missed-name";

impl Ctx<'_> {
    /// A group actor named by the noun phrase at tokens `first..=head` (after any determiner):
    /// a [`lexicon::GROUP_HEADS`] noun with a naming word before it ("Palestinian officials", "EU
    /// leaders", "the Netherlands government"; not "senior officials"), or a people's name
    /// ("Palestinians", "the Serbs"). `inner` is the entity inside the phrase, if any: a
    /// place's or an organisation's group speaks as the group ("Bosnia's political parties"),
    /// but an organisation's members or a single official speak for it ("Security Council
    /// members", "a Foreign Office spokesman").
    pub(super) fn group_phrase(
        &self,
        first: usize,
        head: usize,
        inner: Option<usize>,
    ) -> Option<usize> {
        if first > head
            || (first..=head).any(|i| {
                !(self.is_word(i) || matches!(self.raw(i), "'s" | "'" | "-"))
                    || self.in_list(i, &lexicon::PREPOSITIONS)
                    || self.in_list(i, &lexicon::CONJUNCTIONS)
                    || self.in_list(i, &lexicon::DETERMINERS)
            })
        {
            return None;
        }
        let noun = self.word(head);
        let head_raw = self.raw(head);
        let capital = |i: usize| self.raw(i).chars().next().is_some_and(char::is_uppercase);
        if lexicon::GROUP_HEADS.contains(noun.as_str()) {
            if let Some(e) = inner {
                let plural = noun.ends_with('s') && !noun.ends_with("ss");
                let members = lexicon::MEMBER_NOUNS.contains(noun.as_str());
                let ok = match self.label(e) {
                    "LOC" => true,
                    "ORG" => plural && !members,
                    _ => false,
                };
                return ok.then(|| self.phrase_id(first, head));
            }
            let named = (first..head).any(|i| {
                self.is_word(i)
                    && capital(i)
                    && !self.in_list(i, &lexicon::GENERIC_MODIFIERS)
                    && !self.in_list(i, &lexicon::GROUP_HEADS)
            });
            return named.then(|| self.phrase_id(first, head));
        }
        // A people's name: a capitalised plural that is not a common noun.
        let plural = noun.len() > 3 && noun.ends_with('s') && !noun.ends_with("ss");
        if inner.is_none()
            && plural
            && head_raw.chars().next().is_some_and(char::is_uppercase)
            && head_raw.chars().skip(1).all(char::is_lowercase)
            && !lexicon::GENERIC_PEOPLE.contains(noun.as_str())
            && (!self.opens_sentence(head)
                || lexicon::DEMONYM_ENDINGS
                    .entries()
                    .iter()
                    .any(|x| noun.ends_with(x)))
        {
            return Some(self.phrase_id(first, head));
        }
        None
    }

    /// A common-noun subject ending at token `head`: the entity inside it ("a Foreign Office
    /// spokesman"), a definite institution's most recent mention ("the company"), or nobody.
    pub(super) fn noun_phrase(&self, idx: usize, r0: usize, head: usize, depth: usize) -> Subject {
        let mut j = head;
        let mut det = None;
        let mut inner = None;
        while j > r0 {
            let p = j - 1;
            // "The Palestine Liberation Organisation ( PLO ) negotiators": the acronym in
            // brackets is part of the phrase.
            if let Some(open) = self.bracketed_aside(r0, p) {
                j = open;
                continue;
            }
            if !self.is_word(p) && self.raw(p) != "'s" && self.raw(p) != "'" {
                break;
            }
            if self.in_list(p, &lexicon::PREPOSITIONS) || self.in_list(p, &lexicon::CONJUNCTIONS) {
                break;
            }
            if self.in_list(p, &lexicon::DETERMINERS) {
                det = Some(self.word(p));
                break;
            }
            if let Some(e) = self.entity_at(p) {
                if inner.is_none() {
                    inner = Some(e);
                }
            }
            j = p;
        }
        let noun = self.word(head);
        // "A Euro-sceptic member of the ruling Conservative party said": the office holder the
        // article names next.
        let start = if det.is_some() { j - 1 } else { j };
        let office = self.on(OFFICE_HOLDER);
        if office
            && start >= r0 + 2
            && self.word(start - 1) == "of"
            && self.in_list(start - 2, &lexicon::ROLE_NOUNS)
        {
            if let Some(p) = self.named_later(idx, depth, "PER") {
                return Subject::Entity(p, OFFICE_HOLDER);
            }
        }
        // "Palestinian officials", "Bosnia's Moslem political parties", "the Dutch
        // government": a group named by its phrase.
        if self.on(GROUP_PHRASE) {
            if let Some(g) = self.group_phrase(j, head, inner) {
                return Subject::Entity(g, GROUP_PHRASE);
            }
        }
        // "The Colorado attorney general told ...": the office holder the article names next.
        if office
            && lexicon::ROLE_NOUNS.contains(noun.as_str())
            && inner.is_none_or(|e| self.label(e) != "PER")
        {
            if let Some(p) = self.named_later(idx, depth, "PER") {
                return Subject::Entity(p, OFFICE_HOLDER);
            }
        }
        if let Some(e) = inner {
            return Subject::Entity(e, subject::CUE_SUBJECT);
        }
        let definite = det
            .as_deref()
            .is_some_and(|d| lexicon::DEFINITE_DETERMINERS.contains(d));
        // "A Rwandan refugee lobby group called for calm ...": an organisation introduced
        // unnamed is named when the next sentence quotes it ("The Rally for the Return of
        // Refugees ... ( RDR ) urged").
        if office
            && matches!(det.as_deref(), Some("a" | "an"))
            && lexicon::ORG_NOUNS.contains(noun.as_str())
        {
            if let Some(o) = self.named_later(idx, depth, "ORG") {
                return Subject::Entity(o, OFFICE_HOLDER);
            }
        }
        // With no recent mention, "the government" (an actor, not a document such as "the
        // statement") is itself the speaker, as a phrase: who holds the position is known
        // even when the article does not name it nearby.
        let itself = || {
            let actor = det.as_deref() == Some("the") && !self.in_list(head, &lexicon::MEDIA_NOUNS);
            let actor = actor && !self.in_list(head, &lexicon::OWNER_NOUNS);
            if actor && self.on(INSTITUTION_ITSELF) {
                Subject::Entity(self.phrase_id(j, head), INSTITUTION_ITSELF)
            } else {
                Subject::Nobody
            }
        };
        // "the statement said": whoever issued the statement an earlier sentence mentions ("In
        // a written statement ..., Gujral reiterated ...").
        if definite && lexicon::MEDIA_NOUNS.contains(noun.as_str()) && self.on(STATEMENT_ISSUER) {
            if let Some(e) = self.issuer(idx, &noun, depth) {
                return Subject::Entity(e, STATEMENT_ISSUER);
            }
        }
        // "The controllers are demanding ...": the group an earlier sentence named with the
        // same plural noun ("Bulgarian air traffic controllers will go on strike").
        if definite && inner.is_none() && self.on(GROUP_PHRASE) {
            if let Some(g) = self.earlier_group(idx, &noun) {
                return Subject::Entity(g, GROUP_PHRASE);
            }
            // "The hijackers threatened ...": a definite group named by its plural noun alone is
            // itself the speaker, as a phrase (an earlier name for it was looked for above).
            let plural = noun.ends_with('s') && !noun.ends_with("ss");
            if det.as_deref() == Some("the")
                && plural
                && lexicon::GROUP_HEADS.contains(noun.as_str())
                && !lexicon::GENERIC_PEOPLE.contains(noun.as_str())
            {
                return Subject::Entity(self.phrase_id(j, head), GROUP_PHRASE);
            }
        }
        let mention = |only: Option<&str>| {
            self.on(INSTITUTION_MENTION)
                .then(|| self.recent(idx, head, Want::Group, only, LOOK_BACK))
                .flatten()
                .map_or_else(itself, |e| Subject::Entity(e, INSTITUTION_MENTION))
        };
        if definite && lexicon::ORG_NOUNS.contains(noun.as_str()) {
            return mention(Some("ORG"));
        }
        if definite && lexicon::STATE_NOUNS.contains(noun.as_str()) {
            return mention(None);
        }
        Subject::Nobody
    }

    /// A person's name the tagger missed, ending at token `last` right before a cue: two or
    /// three capitalised words (not all capitals) that open the clause, follow a possessive or
    /// a conjunction, and hold no common noun of the lists here ("Suu Kyi said", "Burma's Suu
    /// Kyi says"; not "Foreign Ministry said", "Senior Officials said", "The Minister said").
    pub(super) fn unknown_name(&self, r0: usize, last: usize) -> Option<usize> {
        let common = |i: usize| {
            [
                &lexicon::DETERMINERS,
                &lexicon::GENERIC_PEOPLE,
                &lexicon::GENERIC_MODIFIERS,
                &lexicon::GROUP_HEADS,
                &lexicon::ORG_NOUNS,
                &lexicon::STATE_NOUNS,
                &lexicon::ROLE_NOUNS,
                &lexicon::OWNER_NOUNS,
                &lexicon::SKIP_BEFORE_CUE,
                &lexicon::DAYS,
                &lexicon::MONTHS,
                &lexicon::PREPOSITIONS,
                &lexicon::CONJUNCTIONS,
                &lexicon::PERSON_PRONOUNS,
                &lexicon::GROUP_PRONOUNS,
                &lexicon::RELATIVE_PRONOUNS,
            ]
            .iter()
            .any(|list| self.in_list(i, list))
        };
        let name_word = |i: usize| {
            let raw = self.raw(i);
            let mut chars = raw.chars();
            self.tokens()[i].kind == TokenKind::Word
                && chars.next().is_some_and(char::is_uppercase)
                && chars.clone().next().is_some()
                && chars.all(char::is_lowercase)
                && self.entity_at(i).is_none()
                && !common(i)
        };
        let mut first = last + 1;
        while first > r0 && last + 1 - first < 3 && name_word(first - 1) {
            first -= 1;
        }
        // One word is a name only when the document writes it so inside sentences and never in
        // lower case ("Taleban said", after "the Taleban militia").
        if last < first || (last == first && !self.written_as_name(first)) {
            return None;
        }
        let opens = first == r0
            || matches!(self.raw(first - 1), "'s" | "'" | "," | "\"" | "“" | "”")
            || self.in_list(first - 1, &lexicon::CONJUNCTIONS);
        if !opens || (first > r0 && name_word(first - 1)) {
            return None;
        }
        let id = self.phrase_id(first, last);
        let mut named = self.named.borrow_mut();
        if !named.contains(&id) {
            named.push(id);
        }
        Some(id)
    }

    /// Whether token `i` is the first of its sentence or follows a quote mark (capitalised
    /// there whatever it is).
    pub(super) fn opens_sentence(&self, i: usize) -> bool {
        let ss = &self.tokenized.sentences;
        let k = ss.partition_point(|s| s.tokens.start < i);
        i == 0 || ss.get(k).is_some_and(|s| s.tokens.start == i) || cues::is_quote(self.raw(i - 1))
    }

    /// Whether the document writes the word at `i` capitalised somewhere inside a sentence (not
    /// as its first word, nor after a quote) and nowhere in lower case. Read within an article's
    /// length of `i` ([`NAME_EVIDENCE_BEFORE`], [`NAME_EVIDENCE_AFTER`] tokens), so a huge input
    /// costs no more per claim than an article.
    pub(super) fn written_as_name(&self, i: usize) -> bool {
        let raw = self.raw(i);
        let window = i.saturating_sub(NAME_EVIDENCE_BEFORE)
            ..(i + NAME_EVIDENCE_AFTER).min(self.tokens().len());
        let mut inside = false;
        for j in window {
            if j == i || !self.raw(j).eq_ignore_ascii_case(raw) {
                continue;
            }
            if self.is_lower(j) {
                return false;
            }
            // A headline in capitals is no evidence.
            inside |= !self.opens_sentence(j) && self.raw(j).chars().any(char::is_lowercase);
        }
        inside
    }

    /// A named group that an earlier sentence (at most [`LOOK_BACK_SENTENCES`] back) calls by the
    /// plural noun `noun`: the words before the noun, back to a determiner, preposition or
    /// punctuation, holding a name or a capitalised word that is not the sentence's first
    /// ("Bulgarian air traffic controllers", "Indian fishermen"), as a phrase.
    pub(super) fn earlier_group(&self, idx: usize, noun: &str) -> Option<usize> {
        let plural = noun.len() > 3 && noun.ends_with('s') && !noun.ends_with("ss");
        if !plural || lexicon::GENERIC_PEOPLE.contains(noun) {
            return None;
        }
        for j in (idx.saturating_sub(LOOK_BACK_SENTENCES)..idx).rev() {
            let Some((s0, s1)) = self.sentence_range(j) else {
                continue;
            };
            for t in (s0..s1).rev() {
                if self.word(t) != noun || self.entity_at(t).is_some() {
                    continue;
                }
                let mut first = t;
                while first > s0 {
                    let p = first - 1;
                    let stop = !(self.is_word(p) || matches!(self.raw(p), "'s" | "-"))
                        || self.in_list(p, &lexicon::PREPOSITIONS)
                        || self.in_list(p, &lexicon::CONJUNCTIONS)
                        || self.in_list(p, &lexicon::DETERMINERS)
                        || self.word(p).chars().any(|c| c.is_ascii_digit());
                    if stop || t - p > MAX_TITLE_WORDS + 1 {
                        break;
                    }
                    first = p;
                }
                let named = (first..t).any(|i| {
                    let w = self.word(i);
                    self.entity_at(i).is_some()
                        || (self.raw(i).chars().next().is_some_and(char::is_uppercase)
                            && !self.in_list(i, &lexicon::GENERIC_MODIFIERS)
                            && (i > s0
                                || lexicon::PEOPLE_ADJECTIVE_ENDINGS
                                    .entries()
                                    .iter()
                                    .any(|x| w.ends_with(x))))
                });
                if named {
                    return Some(self.phrase_id(first, t));
                }
            }
        }
        None
    }

    /// The speaker of the nearest of the [`LOOK_BACK_SENTENCES`] earlier sentences that has a
    /// cue and names the document `noun` ("statement") outside quotes: who issued it.
    pub(super) fn issuer(&self, idx: usize, noun: &str, depth: usize) -> Option<usize> {
        if depth == 0 {
            return None;
        }
        let j = (idx.saturating_sub(LOOK_BACK_SENTENCES)..idx)
            .rev()
            .find(|&j| {
                let Some((s0, s1)) = self.sentence_range(j) else {
                    return false;
                };
                let mask = self.quote_mask(j);
                (s0..s1)
                    .any(|i| !mask.get(i - s0).copied().unwrap_or(false) && self.word(i) == noun)
            })?;
        self.cue_of(j)?;
        self.speaker_memo(j, depth - 1)
    }
}
