//! The subject of the cue (rule 3 of the module docs): from the cue back to its subject, over
//! auxiliaries, asides, appositions, coordinated verbs, participles and prepositional phrases; a
//! passive's agent; the name after a cue with nothing before it. The noun-phrase subjects are in
//! `groups.rs`, pronouns and surnames in `pronouns.rs`, relayed actors in `relayed.rs`.

use super::*;

/// The entity that is the cue's subject (or the clause's, for a participle, an infinitive or a
/// coordinated verb; or a name in apposition; or the owner of "a spokesman for X").
pub(super) const CUE_SUBJECT: &str = "cue-subject";

/// A passive's or a participle's agent: "was condemned by X", "stands accused by X".
pub(super) const PASSIVE_AGENT: &str = "passive-agent";

/// A cue with nothing before it: the name after it ("..., said X").
pub(super) const NAME_AFTER_CUE: &str = "name-after-cue";

impl Ctx<'_> {
    /// Rules 3 to 5 for the cue at tokens `first..=last`, searching the stretch `r0..r1`.
    pub(super) fn subject_of(
        &self,
        idx: usize,
        r0: usize,
        first: usize,
        last: usize,
        r1: usize,
        depth: usize,
    ) -> Found {
        let subject = self.cue_subject(idx, r0, first, last, r1, depth);
        // "Bonn says Moscow has promised ...": the relayed actor.
        if self.in_list(first, &lexicon::RELAYING_VERBS)
            && first == last
            && self.on(relayed::RELAYED_ACTOR)
        {
            if let Some(e) = self.relayed(last + 1, r1) {
                return Some((e, relayed::RELAYED_ACTOR));
            }
        }
        let media_noun = (r0..first)
            .rev()
            .skip_while(|&i| self.skippable(i))
            .take(2)
            .any(|i| {
                self.entity_at(i).is_none() && self.in_list(i, &lexicon::MEDIA_NOUNS_AS_SUBJECT)
            });
        let found = match subject {
            Subject::Entity(e, rule) => self.on(rule).then_some((e, rule)),
            // "Clarke denied on Thursday he had threatened to resign": "he" in a clause after
            // the person who opens the sentence is that person.
            Subject::Pronoun(_) if !self.on(pronouns::PRONOUN) => None,
            Subject::Pronoun(Want::Person) => self
                .opening_person(idx)
                .filter(|&e| self.entity_tokens(e).is_some_and(|(_, l)| l < first))
                .or_else(|| self.resolve_pronoun(idx, Want::Person, depth))
                .map(|e| (e, pronouns::PRONOUN)),
            Subject::Pronoun(want) => self
                .resolve_pronoun(idx, want, depth)
                .map(|e| (e, pronouns::PRONOUN)),
            Subject::Nobody => None,
            Subject::Nothing => self.after_cue(idx, last + 1, r1, depth),
        };
        // A commentary or an editorial is the medium's own voice.
        let own_voice = (r0..first).any(|i| self.in_list(i, &lexicon::MEDIA_OWN_VOICE));
        // "Israel 's biggest newspaper said": the medium is the subject's head, whatever
        // entity stands inside the subject.
        let reporter_is_media =
            !own_voice && (media_noun || found.is_some_and(|(e, _)| self.is_media(e)));
        if reporter_is_media && self.cue_reports(first, last) && self.on(relayed::MEDIA_RELAY) {
            if let Some(actor) = self.media_relay(idx, first, last, r1) {
                return Some((actor, relayed::MEDIA_RELAY));
            }
        }
        found
    }

    pub(super) fn cue_subject(
        &self,
        idx: usize,
        r0: usize,
        first: usize,
        last: usize,
        r1: usize,
        depth: usize,
    ) -> Subject {
        // A cue used as a noun ("thanked Gabon for its strong support", "the plans"): the
        // clause's subject, not whatever stands right before the noun.
        let verb_form = |w: &str| w.ends_with("ed") || matches!(w, "said" | "says" | "told");
        let nominal = !verb_form(&self.word(first))
            && (first.saturating_sub(3).max(r0)..first)
                .rev()
                .take_while(|&j| self.is_word(j) && self.entity_at(j).is_none())
                .any(|j| self.in_list(j, &lexicon::NOUN_MARKERS));
        if nominal {
            if let s @ (Subject::Entity(..) | Subject::Pronoun(_)) =
                self.clause_subject(r0, first, first)
            {
                return s;
            }
        }
        // A passive: "was condemned by X".
        let mut b = first;
        while b > r0 && self.skippable(b - 1) && !self.in_list(b - 1, &lexicon::BE_FORMS) {
            b -= 1;
        }
        // "had been threatening" is progressive, not passive.
        let passive =
            b > r0 && self.in_list(b - 1, &lexicon::BE_FORMS) && !self.word(first).ends_with("ing");
        if passive && self.word(first) != "quoted" {
            // "China has been accused of ...": the one accused does not speak.
            return if self.word(last + 1) == "by" {
                self.forward_name(last + 2, r1)
                    .map_or(Subject::Nobody, |e| Subject::Entity(e, PASSIVE_AGENT))
            } else {
                Subject::Nobody
            };
        }
        // "Switzerland stands accused by Senator Alfonse D'Amato": a participle's agent, with
        // no "be" before it.
        // Not "Chua Jui Meng was quoted as saying by the Bernama news agency": the one quoted.
        if self.word(first).ends_with("ed")
            && self.word(first) != "quoted"
            && self.word(last + 1) == "by"
        {
            if let Some(agent) = self.forward_name(last + 2, r1) {
                return Subject::Entity(agent, PASSIVE_AGENT);
            }
        }
        // "the paper quoted X as saying": X, or nobody when X is unnamed (not "X was quoted as
        // saying by the paper").
        if self.word(first) == "quoted" && self.word(first + 1) != "as" {
            return self
                .forward_name(last + 1, r1)
                .map_or(Subject::Nobody, |e| {
                    Subject::Entity(e, according_to::QUOTED_AS_SAYING)
                });
        }
        // A participle: "..., saying", "Arafat blasted Israel saying", "Accusing X of ..., Arafat".
        // An infinitive ("appeared to support", "mounted the pulpit to demand"): the clause's
        // subject.
        let mut b = first;
        while b > r0 && self.skippable(b - 1) && self.word(b - 1) != "to" {
            b -= 1;
        }
        if b > r0 && self.word(b - 1) == "to" {
            if let s @ (Subject::Entity(..) | Subject::Pronoun(_)) =
                self.clause_subject(r0, b - 1, b - 1)
            {
                return s;
            }
        }
        let w = self.word(first);
        if w.len() > 5 && w.ends_with("ing") {
            let mut start = r0;
            while start < first && (!self.is_word(start) || cues::is_quote(self.raw(start))) {
                start += 1;
            }
            if start == first {
                // Fronted: the subject follows the clause's comma.
                if let Some(comma) = (last + 1..r1).find(|&j| self.raw(j) == ",") {
                    if let s @ (Subject::Entity(..) | Subject::Pronoun(_)) =
                        self.clause_subject(comma + 1, r1, r1)
                    {
                        return s;
                    }
                }
            } else if let s @ (Subject::Entity(..) | Subject::Pronoun(_)) =
                self.clause_subject(r0, first, first)
            {
                return s;
            }
        }
        self.walk_back(idx, r0, first, depth)
    }

    /// The subject before token `at`, walking back to `r0`.
    pub(super) fn walk_back(&self, idx: usize, r0: usize, at: usize, depth: usize) -> Subject {
        let mut k = at;
        // Whether anything but skipped words stood between the cue and `k`.
        let mut passed = false;
        while k > r0 {
            let i = k - 1;
            if let Some(e) = self.entity_at(i) {
                let (ef, _) = self.entity_tokens(e).unwrap_or((i, i));
                let direct = self
                    .entity_tokens(e)
                    .is_some_and(|(_, l)| (l + 1..at).all(|j| self.skippable(j)));
                // "came after Baker trashed": a clause, not a phrase.
                let pp = self
                    .pp_of(e, r0)
                    .filter(|&p| !(direct && self.in_list(p, &lexicon::SUBORDINATING)));
                if let Some(p) = pp {
                    // "a spokesman for Masood": the owner speaks, unless a name stands in
                    // apposition before ("Nawaz Sharif, leader of the PML").
                    if self.in_list(p, &lexicon::OWNER_PREPOSITIONS)
                        && p > r0
                        && self.in_list(p - 1, &lexicon::OWNER_NOUNS)
                    {
                        if let Some(owner) = self.appositive_owner(p - 1, r0) {
                            return Subject::Entity(owner, CUE_SUBJECT);
                        }
                        // "The chairman of national carrier EgyptAir blamed ...": the office
                        // holder the article names next, else the owner.
                        let office = self.in_list(p - 1, &lexicon::ROLE_NOUNS)
                            && self.on(groups::OFFICE_HOLDER);
                        return match office
                            .then(|| self.named_later(idx, depth, "PER"))
                            .flatten()
                        {
                            Some(holder) => Subject::Entity(holder, groups::OFFICE_HOLDER),
                            None => Subject::Entity(e, CUE_SUBJECT),
                        };
                    }
                    // Skip the phrase and its preposition.
                    k = p.max(r0);
                    passed = true;
                    continue;
                }
                let _ = ef;
                return Subject::Entity(self.first_coordinated(e, r0), CUE_SUBJECT);
            }
            let w = self.word(i);
            if self.skippable(i) || self.tokens()[i].kind == TokenKind::Number {
                k -= 1;
                continue;
            }
            if lexicon::PERSON_PRONOUNS.contains(w.as_str()) {
                return Subject::Pronoun(Want::Person);
            }
            if lexicon::GROUP_PRONOUNS.contains(w.as_str()) {
                return Subject::Pronoun(Want::Group);
            }
            if lexicon::RELATIVE_PRONOUNS.contains(w.as_str()) || w == "that" {
                // "China, which has long opposed": the subject before the comma.
                let mut j = i;
                while j > r0 && self.raw(j - 1) == "," {
                    j -= 1;
                }
                if j < i {
                    return self.walk_back(idx, r0, j, depth);
                }
                return Subject::Nobody;
            }
            if lexicon::CONJUNCTIONS.contains(w.as_str()) {
                return self.clause_subject(r0, i, i);
            }
            // "the Reserve Bank of Australia (RBA) said": a short aside in brackets belongs to
            // the name before it.
            if let Some(open) = self.bracketed_aside(r0, i) {
                k = open;
                continue;
            }
            if self.raw(i) == "," && i + 1 == at && self.word(at).ends_with("ed") {
                // "Gore ridiculed Dole's defence ..., praised Clinton": a verb in a list of
                // verbs has the first one's subject.
                if let Some(e) = self.listed_verb_subject(r0, i) {
                    return Subject::Entity(e, CUE_SUBJECT);
                }
            }
            if self.is_separator(i) {
                return self.across_comma(idx, r0, i, depth);
            }
            if !self.is_word(i) {
                // A colon, a quote: the stretch ends here.
                break;
            }
            // Rule 5: a bare surname of an earlier person.
            if self.on(pronouns::SURNAME) {
                if let Some(e) = self.surname(i) {
                    return Subject::Entity(e, pronouns::SURNAME);
                }
            }
            if self.on(groups::MISSED_NAME) {
                if let Some(e) = self.unknown_name(r0, i) {
                    return Subject::Entity(e, groups::MISSED_NAME);
                }
            }
            return self.noun_phrase(idx, r0, i, depth);
        }
        if passed {
            Subject::Nobody
        } else {
            Subject::Nothing
        }
    }

    /// The subject of the clause that ends at the comma `comma`, when it opens its segment with
    /// a name followed by a past-tense verb ("Gore ridiculed ...").
    pub(super) fn listed_verb_subject(&self, r0: usize, comma: usize) -> Option<usize> {
        let mut start = comma;
        while start > r0 && !self.is_separator(start - 1) && !cues::is_quote(self.raw(start - 1)) {
            start -= 1;
        }
        while start < comma && (self.in_list(start, &lexicon::CONJUNCTIONS) || !self.is_word(start))
        {
            start += 1;
        }
        let e = self.entity_at(start)?;
        let (_, last) = self.entity_tokens(e)?;
        let verb = last + 1;
        (verb < comma
            && self.is_lower(verb)
            && self.word(verb).ends_with("ed")
            && matches!(self.label(e), "PER" | "ORG" | "LOC"))
        .then(|| self.first_coordinated(e, start))
    }

    /// The opening bracket of a short aside of words closed at `close` ("( RBA )", "(left)"),
    /// when one opens after `r0`.
    pub(super) fn bracketed_aside(&self, r0: usize, close: usize) -> Option<usize> {
        if self.raw(close) != ")" {
            return None;
        }
        let open = (close.saturating_sub(4).max(r0)..close)
            .rev()
            .find(|&j| !self.is_word(j))?;
        (self.raw(open) == "(" && open + 1 < close).then_some(open)
    }

    /// A person named in apposition before the noun at `noun` ("Nawaz Sharif, leader of ..."):
    /// back over the noun phrase's words to a comma with a person's name before it.
    pub(super) fn appositive_owner(&self, noun: usize, r0: usize) -> Option<usize> {
        let mut j = noun;
        for _ in 0..5 {
            if j <= r0 {
                return None;
            }
            let p = j - 1;
            if self.raw(p) == "," {
                let e = p.checked_sub(1).and_then(|q| self.entity_at(q))?;
                return (self.label(e) == "PER").then_some(e);
            }
            if !self.is_word(p) || self.entity_at(p).is_some() {
                return None;
            }
            j = p;
        }
        None
    }

    /// The subject across a separator right before the cue: a name in apposition ("Botswana's
    /// envoy, Mothusi Nkgowe, said"), else the subject of the first segment that is not a
    /// fronted or prepositional phrase ("Fox, who arrived in Bangladesh, said"; "Terence, a
    /// Tutsi, said").
    pub(super) fn across_comma(&self, idx: usize, r0: usize, sep: usize, depth: usize) -> Subject {
        // An appositive name: the segment before the separator is (title words and) a name.
        if sep > r0 {
            if let Some(e) = self.entity_at(sep - 1) {
                let (ef, _) = self.entity_tokens(e).unwrap_or((sep - 1, sep - 1));
                let mut seg0 = sep;
                while seg0 > r0 && !self.is_separator(seg0 - 1) {
                    seg0 -= 1;
                }
                let lead_ok = seg0 > r0
                    && (seg0..ef).all(|j| {
                        self.is_word(j)
                            && !self.in_list(j, &lexicon::PREPOSITIONS)
                            && !self.in_list(j, &lexicon::RELATIVE_PRONOUNS)
                            && !self.in_list(j, &lexicon::DETERMINERS)
                    });
                if lead_ok && self.label(e) == "PER" {
                    return Subject::Entity(e, CUE_SUBJECT);
                }
                // "The party , the Democratic Left Alliance , says", "The consortium , called
                // Americast , said": the name in apposition to the noun before it.
                let named = seg0 > r0
                    && (seg0..ef)
                        .all(|j| matches!(self.word(j).as_str(), "the" | "called" | "named"));
                if named && self.can_speak(e) {
                    return Subject::Entity(e, CUE_SUBJECT);
                }
            }
        }
        // Nothing but separators before the cue ("... relationship \" , said Fox"): no subject
        // stands before it.
        if (r0..sep).all(|j| self.is_separator(j)) {
            return Subject::Nothing;
        }
        // The segments before the separator, in order.
        let mut a = r0;
        while a < sep {
            let mut b = a;
            while b < sep && !self.is_separator(b) {
                b += 1;
            }
            if b > a {
                let w = self.word(a);
                let raw = self.raw(a);
                let fronted = lexicon::FRONTED_CLAUSE_OPENERS.contains(w.as_str())
                    || (w.len() > 5
                        && w.ends_with("ing")
                        && raw.chars().next().is_some_and(char::is_uppercase));
                let skip = fronted
                    || self.in_list(a, &lexicon::PREPOSITIONS)
                    || self.in_list(a, &lexicon::RELATIVE_PRONOUNS)
                    || (b - a == 1 && self.skippable(a))
                    || cues::is_quote(raw);
                if !skip {
                    match self.walk_back(idx, a, b, depth) {
                        Subject::Nothing => {}
                        s => return s,
                    }
                }
            }
            a = b + 1;
        }
        Subject::Nobody
    }

    /// The subject of the clause in tokens `from..to` (whose verb or cue is at `cue`): its
    /// first entity that is not in a prepositional phrase nor a possessive and is followed by a
    /// verb-like word; else its first entity that is neither; else a pronoun that opens it.
    pub(super) fn clause_subject(&self, from: usize, to: usize, cue: usize) -> Subject {
        let mut fallback = None;
        let mut i = from;
        while i < to {
            if let Some(e) = self.entity_at(i) {
                let free = !self.in_pp(e, from) && !self.possessive(e);
                if free && self.looks_like_subject(e, cue.min(to)) {
                    return Subject::Entity(self.first_coordinated(e, from), CUE_SUBJECT);
                }
                if free && fallback.is_none() {
                    fallback = Some(e);
                }
                i = self
                    .entity_tokens(e)
                    .map_or(i + 1, |(_, l)| l + 1)
                    .max(i + 1);
                continue;
            }
            let w = self.word(i);
            if fallback.is_none() && lexicon::PERSON_PRONOUNS.contains(w.as_str()) {
                return Subject::Pronoun(Want::Person);
            }
            if fallback.is_none() && lexicon::GROUP_PRONOUNS.contains(w.as_str()) {
                return Subject::Pronoun(Want::Group);
            }
            i += 1;
        }
        // No entity: a name the tagger missed that opens the clause ("But Suu Kyi disagreed
        // ..., saying").
        let missed = || {
            (from..to.min(from + 4))
                .filter(|&j| j + 1 < to && self.is_word(j + 1) && self.is_lower(j + 1))
                .find_map(|j| self.unknown_name(from, j))
                .map(|e| (e, groups::MISSED_NAME))
        };
        fallback
            .map(|e| (e, CUE_SUBJECT))
            .or_else(missed)
            .map_or(Subject::Nobody, |(e, rule)| Subject::Entity(e, rule))
    }

    /// The name after a cue with nothing before it ("..., said Undersecretary-General Yasushi
    /// Akashi"; "said he").
    pub(super) fn after_cue(&self, idx: usize, from: usize, r1: usize, depth: usize) -> Found {
        let mut i = from;
        while i < r1 && self.skippable(i) {
            i += 1;
        }
        let w = self.word(i);
        let pronoun = |want: Want| {
            self.on(pronouns::PRONOUN)
                .then(|| self.resolve_pronoun(idx, want, depth))
                .flatten()
                .map(|e| (e, pronouns::PRONOUN))
        };
        if i < r1 && lexicon::PERSON_PRONOUNS.contains(w.as_str()) {
            return pronoun(Want::Person);
        }
        if i < r1 && lexicon::GROUP_PRONOUNS.contains(w.as_str()) {
            return pronoun(Want::Group);
        }
        // "..., said Fox, who is due to leave": rule 5 after the cue.
        let named = self
            .on(NAME_AFTER_CUE)
            .then(|| self.forward_name(i, r1))
            .flatten()
            .map(|e| (e, NAME_AFTER_CUE));
        named.or_else(|| {
            (i < r1 && self.on(pronouns::SURNAME))
                .then(|| self.surname(i))
                .flatten()
                .map(|e| (e, pronouns::SURNAME))
        })
    }
}
