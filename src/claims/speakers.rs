//! Claim speakers: which entity mention names the actor who holds a sentence's position.
//!
//! [`find_speaker`] applies these rules in order and returns the first that gives an answer:
//!
//! 1. **"according to X"** (outside quotes): X, the named entity after it, followed through
//!    title words ("according to Commerce Secretary Gina Raimondo").
//! 2. **Quote attribution.** The cue that anchors the search is the caller's cue when it stands
//!    outside quotation marks, else the first reporting or advocacy cue outside them (`"...," X
//!    said`, `"...," said X`, `X said: "..."`, "the paper quoted X as saying"). The search stays
//!    in the unquoted stretch around that cue, so names inside the quote are never taken. Quotes
//!    are followed across sentences from the paragraph's start, so a sentence inside a quoted
//!    paragraph is known as such. A sentence whose cues are all quoted, or that opens inside a
//!    quote, takes the speaker of a following sentence that closes the quote and names its
//!    speaker, else that of the previous claim.
//! 3. **Subject of the cue.** Walking back from the cue over auxiliaries, adverbs and time words
//!    ("has", "also", "on Thursday", "appeared to"): the nearest PER/ORG/LOC mention that is not
//!    inside a prepositional phrase ("in X", "with the X", "by Vice President X"), the first of
//!    coordinated names ("Slovenia and Poland pledged"). Around it:
//!    * an appositive or relative clause is crossed ("Fox, who arrived in Bangladesh, said";
//!      "China, which has long opposed"), a name in apposition taken ("Botswana's envoy, Mothusi
//!      Nkgowe, said");
//!    * a coordinated verb ("Banharn denied ... and said"; "Gore ridiculed ..., praised"), a
//!      participle ("..., saying") or an infinitive ("mounted the pulpit to demand") takes its
//!      clause's subject; a fronted participle ("Accusing X of ..., Arafat launched") the
//!      subject after its comma;
//!    * a passive takes its agent ("was condemned by X"), or nobody ("has been accused of");
//!    * "a spokesman for X", "a letter from X" give X, unless a person stands in apposition
//!      before ("Nawaz Sharif, leader of the PML, told");
//!    * a cue with nothing before it ("..., said X", "said the spokesman, X") takes the name
//!      after it;
//!    * a common-noun subject gives the entity inside it ("a Foreign Office spokesman"; not for
//!      an unnamed group of a place: "Bosnia's political parties"), for a definite institution
//!      ("the company", "the ministry") the most recent ORG (or ORG/LOC) mention in this or the
//!      previous sentences, else nobody ("Critics said", "Analysts said");
//!    * a common-noun subject that names a group with no speaking entity of its own is the
//!      group, as a phrase speaker ([`SpeakerRef::entity`] `None`): a [`GROUP_HEADS`] noun after
//!      a naming word ("Palestinian officials", "Bosnia's political parties", "the Dutch
//!      government", "EU leaders"; not "Senior officials", nor an organisation's "members"), or
//!      a people's name ("the Serbs", "Palestinians want");
//!    * after "said"/"says", a separate actor's commitment is relayed to that actor ("Sri Lanka
//!      said the United States had promised ..." gives the United States; [`RELAYED_ACTIONS`]),
//!      also past title words and a relative clause, to a group phrase, and for a plan after
//!      "will"/"would"/"is to" when the actor is not a place ("the agency said the South
//!      Korean government would consider ...");
//!    * a short aside in brackets before the cue is crossed ("the Reserve Bank of Australia
//!      (RBA) said");
//!    * when the cue finds nobody, a trailing attribution may ("..., the RBA said");
//!    * an unnamed office holder ("The chairman of EgyptAir blamed", "a customs official said",
//!      [`ROLE_NOUNS`]) is the person who speaks in the first of the next sentences with a cue
//!      ("Chairman Mohamed Fahim Rayyan told ..."), else as above; an organisation introduced
//!      unnamed ("A refugee lobby group called for") likewise the organisation next quoted;
//!    * "the statement said" is whoever spoke in the nearest earlier sentence that names the
//!      statement ("In a written statement ..., Gujral reiterated");
//!    * a definite institution with no mention to stand for ("The government had been
//!      threatening") is itself the speaker, as a phrase;
//!    * two or three capitalised words the tagger missed, right before the cue ("Suu Kyi
//!      said") or opening the clause of a participle ("But Suu Kyi disagreed ..., saying"),
//!      are a person's name, as a phrase that "she" and "he" can stand for; so is one such
//!      word that the document writes capitalised inside sentences and never in lower case
//!      ("Taleban said", after "the Taleban militia").
//! 4. **Pronoun subject** ("he", "she", "it", "they" before the cue, or opening the clause): the
//!    speaker of the nearest previous claim of a matching kind (PER for he/she, ORG/LOC for
//!    it/they), found by running these rules on the earlier sentences that have a cue, or for
//!    he/she the person who opens a nearer sentence without a cue ("Samper -- who ... --
//!    appeared less than enthusiastic. "...," he told reporters"); else the most recent
//!    matching mention, preferring sentence subjects. A look-back never takes a speaker from
//!    the sentence it started from (a quote closed by "he said" does not resolve "he").
//! 5. **Bare surname** not recognised as an entity ("Raichev said", "..., said Fox"): the most
//!    recent earlier person mention whose first or last word it is. (A surname that is an
//!    entity is found by rule 3; clusters resolve it to the full name.)
//! 6. **No cue**: a source named after a dash at a headline's end ("... - RBA"), else the
//!    entity (or person pronoun, or group phrase) that opens the sentence ("China Advocates for
//!    ..." has a cue; "Germany to Phase Out Coal", "HK civil servants contest ban" have none).
//! 7. A headline (the text's first sentence, on a line of its own) that the rules above give
//!    nobody for takes the speaker of the first of the next sentences with a cue that has one.
//! 8. Otherwise none.
//!
//! A cue word inside an entity is no cue ("Said, a U.S. citizen"). There is no state between
//! calls: the look-backs recompute what they need (at most [`LOOK_BACK`] earlier sentences with a
//! cue among [`LOOK_BACK_SENTENCES`], [`MAX_DEPTH`] levels deep, quotes read back at most
//! [`QUOTE_LOOK_BACK`] sentences), so each call costs a bounded amount of work whatever the
//! text's length.
//!
//! Entities must be sorted by start and not overlap (as [`crate::annotations::Annotations`]
//! gives them); any other input gives some answer or none, never a panic.

use super::cues::{
    self, find_cue, find_cues, find_cues_quoted, Cue, CueKind, FRONTED_CLAUSE_OPENERS,
};
use crate::annotations::Entity;
use crate::tokens::{Token, TokenKind, Tokenized};
use std::cell::RefCell;
use std::collections::HashMap;

// The word lists live in their own module; `speakers::PREPOSITIONS` and the rest stay reachable here.
pub use super::speaker_words::*;

// ---------------------------------------------------------------------------------------------
// Tuning constants
// ---------------------------------------------------------------------------------------------

/// The most tokens (quote marks included) of a quotation inside a clause that the search for
/// the clause's subject reads across ('calling Lahd " a great Lebanese patriot " , said').
const SCARE_QUOTE_TOKENS: usize = 8;

/// How many earlier sentences with a cue a look-back for the previous claim examines...
pub const LOOK_BACK: usize = 4;

/// ... among at most this many earlier sentences (sentences of a quoted paragraph have none).
pub const LOOK_BACK_SENTENCES: usize = 10;

/// How many earlier sentences a pronoun's most recent mention is looked for in.
pub const MENTION_LOOK_BACK: usize = 6;

/// How many earlier sentences (at most, back to the paragraph's start) are read to know whether
/// a quote is still open.
pub const QUOTE_LOOK_BACK: usize = 60;

/// How many later sentences an office holder's subject ([`ROLE_NOUNS`]) looks in for the first
/// sentence with a cue, whose speaker, when a person, holds the office.
pub const CATAPHORA_SENTENCES: usize = 4;

/// How many sentences after a headline that names nobody are read for its speaker (a
/// dateline and a byline may come first).
pub const HEADLINE_LEAD_SENTENCES: usize = 5;

pub use crate::tokens::HEADLINE_MAX_TOKENS;

/// How many levels of look-back (a pronoun resolved through a sentence whose speaker is itself
/// a pronoun) are followed.
pub const MAX_DEPTH: usize = 4;

/// Labels that can speak.
const SPEAKER_LABELS: &[&str] = &["PER", "ORG", "LOC"];

/// How far "according to X" and "said X" look for X, in tokens.
const FORWARD_WINDOW: usize = 8;

/// The most title words between two entities of one name ("US President Donald Trump",
/// "Colorado attorney general Gale Norton").
const MAX_TITLE_WORDS: usize = 3;

// ---------------------------------------------------------------------------------------------
// Algorithm
// ---------------------------------------------------------------------------------------------

/// The speaker of a claim: the entity mention that names it, or a group named by a noun
/// phrase that holds no speaking entity ("Palestinian officials", "the Dutch government").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerRef {
    /// Index into the entities slice; `None` for a group phrase.
    pub entity: Option<usize>,
    /// Byte span of the words that name the speaker (the mention's, or the phrase's).
    pub start: usize,
    pub end: usize,
    /// The name of the rule that found it.
    pub rule: &'static str,
}

/// The source of a speaker the rule chain found (until each rule names itself).
const SPEAKER_RULES: &str = "speaker rules";

/// The speaker of sentence `sentence_index` of `tokenized` (the tokenization of `text`), given
/// its claim cue (from [`find_cue`]; `None` means the caller has none, and then the cue is
/// looked for here before rule 6). See the module docs for the rules.
pub fn find_speaker(
    text: &str,
    tokenized: &Tokenized,
    entities: &[Entity],
    sentence_index: usize,
    cue: Option<&Cue>,
) -> Option<SpeakerRef> {
    let ctx = Ctx {
        text,
        tokenized,
        entities,
        target: sentence_index,
        memo: RefCell::new(HashMap::new()),
        open_after: RefCell::new(HashMap::new()),
        phrases: RefCell::new(Vec::new()),
        named: RefCell::new(Vec::new()),
    };
    let cue = cue.copied().or_else(|| ctx.cue_of(sentence_index));
    let got = ctx.speaker(sentence_index, cue, MAX_DEPTH)?;
    if let Some(ent) = entities.get(got) {
        return Some(SpeakerRef {
            entity: Some(got),
            start: ent.start,
            end: ent.end,
            rule: SPEAKER_RULES,
        });
    }
    let (first, last) = ctx.entity_tokens(got)?;
    let toks = ctx.tokens();
    Some(SpeakerRef {
        entity: None,
        start: toks[first].start,
        end: toks[last].end,
        rule: SPEAKER_RULES,
    })
}

/// Kinds of entity a pronoun can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Person,
    Group,
    Any,
}

impl Want {
    fn accepts(self, label: &str) -> bool {
        match self {
            Want::Person => label == "PER",
            Want::Group => label == "ORG" || label == "LOC",
            Want::Any => SPEAKER_LABELS.contains(&label),
        }
    }
}

/// What a search for the subject found.
enum Subject {
    Entity(usize),
    Pronoun(Want),
    /// A subject was found and names no entity ("Critics said").
    Nobody,
    /// Nothing stands where a subject would.
    Nothing,
}

/// How far before and after a word [`Ctx::written_as_name`] looks for the document's other
/// spellings of it (tokens).
const NAME_EVIDENCE_BEFORE: usize = 2000;
const NAME_EVIDENCE_AFTER: usize = 500;

struct Ctx<'a> {
    text: &'a str,
    tokenized: &'a Tokenized,
    entities: &'a [Entity],
    /// Speakers of earlier sentences (with their own cues) computed during this call.
    memo: RefCell<HashMap<usize, Option<usize>>>,
    /// The sentence whose speaker this call finds. An earlier sentence looked back at never
    /// takes its speaker from this one or a later one: a quote closed by "he said" resolving "he"
    /// through the quote it closes would go round in a circle.
    target: usize,
    /// Whether a quote is open after each sentence read so far during this call.
    open_after: RefCell<HashMap<usize, bool>>,
    /// Group phrases found during this call (first and last token); phrase `k` is speaker
    /// `entities.len() + k`.
    phrases: RefCell<Vec<(usize, usize)>>,
    /// The phrases (speaker indices) that are a person's name the tagger missed ("Suu Kyi
    /// said"): they are persons to "he" and "she".
    named: RefCell<Vec<usize>>,
}

impl Ctx<'_> {
    fn tokens(&self) -> &[Token] {
        &self.tokenized.tokens
    }

    /// Global token range of sentence `i`.
    fn sentence_range(&self, i: usize) -> Option<(usize, usize)> {
        let s = self.tokenized.sentences.get(i)?;
        let (slice, first) = cues::sentence_slice(self.tokens(), s);
        (!slice.is_empty()).then_some((first, first + slice.len()))
    }

    fn cue_of(&self, i: usize) -> Option<Cue> {
        let s = self.tokenized.sentences.get(i)?;
        find_cue(self.text, self.tokens(), s)
    }

    /// Which tokens of sentence `idx` are quoted, knowing whether the previous sentences left a
    /// quote open.
    fn quote_mask(&self, idx: usize) -> Vec<bool> {
        let open = self.open_before(idx);
        match self.sentence_range(idx) {
            Some((s0, s1)) => {
                let toks = &self.tokens()[s0..s1];
                cues::quote_state(self.text, toks, open.unwrap_or(false), open.is_some()).0
            }
            None => Vec::new(),
        }
    }

    /// Whether a quote is open when sentence `idx` starts: read from the start of its paragraph
    /// (where none is), or from at most [`QUOTE_LOOK_BACK`] sentences back, where the first
    /// sentence is read on its own. `None` when that first sentence is `idx` itself and is not
    /// a paragraph's start (unknown).
    fn open_before(&self, idx: usize) -> Option<bool> {
        let mut start = idx;
        while start > 0
            && idx - start < QUOTE_LOOK_BACK
            && !self.paragraph_start(start)
            && !self.open_after.borrow().contains_key(&(start - 1))
        {
            start -= 1;
        }
        let known_start = start == 0 || self.paragraph_start(start);
        let mut open: Option<bool> = if known_start {
            Some(false)
        } else {
            self.open_after.borrow().get(&(start - 1)).copied()
        };
        for j in start..idx {
            let state = match self.sentence_range(j) {
                Some((s0, s1)) => {
                    let toks = &self.tokens()[s0..s1];
                    cues::quote_state(self.text, toks, open.unwrap_or(false), open.is_some()).1
                }
                None => open.unwrap_or(false),
            };
            self.open_after.borrow_mut().insert(j, state);
            open = Some(state);
        }
        open
    }

    /// Whether sentence `i` opens a paragraph (a blank line before it).
    fn paragraph_start(&self, i: usize) -> bool {
        let (Some(prev), Some(this)) = (
            self.tokenized.sentences.get(i.wrapping_sub(1)),
            self.tokenized.sentences.get(i),
        ) else {
            return i == 0;
        };
        let gap = self.text.get(prev.end..this.start).unwrap_or("");
        gap.matches('\n').count() >= 2 || gap.contains('\u{2029}')
    }

    fn raw(&self, i: usize) -> &str {
        self.tokens().get(i).map_or("", |t| t.text(self.text))
    }

    fn word(&self, i: usize) -> String {
        self.tokens()
            .get(i)
            .map_or_else(String::new, |t| cues::norm(self.text, t))
    }

    fn is_word(&self, i: usize) -> bool {
        self.tokens()
            .get(i)
            .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    }

    fn is_lower(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_lowercase)
    }

    fn in_list(&self, i: usize, list: &[&str]) -> bool {
        list.contains(&self.word(i).as_str())
    }

    fn is_separator(&self, i: usize) -> bool {
        matches!(self.raw(i), "," | "(" | ")" | "-" | "—" | "–" | "--" | ";")
    }

    fn is_cue_word(&self, i: usize) -> bool {
        self.tokens()
            .get(i..i + 1)
            .is_some_and(|t| !find_cues(self.text, t).is_empty())
    }

    fn label(&self, e: usize) -> &str {
        match self.entities.get(e) {
            Some(ent) => ent.label.as_str(),
            None if self.named.borrow().contains(&e) => "PER",
            None if self.phrase(e).is_some() => "ORG",
            None => "",
        }
    }

    /// The token range of group phrase `e` (a speaker index past the entities).
    fn phrase(&self, e: usize) -> Option<(usize, usize)> {
        let k = e.checked_sub(self.entities.len())?;
        self.phrases.borrow().get(k).copied()
    }

    /// The speaker index of the group phrase at tokens `first..=last` (one per range).
    fn phrase_id(&self, first: usize, last: usize) -> usize {
        let mut phrases = self.phrases.borrow_mut();
        let k = match phrases.iter().position(|&p| p == (first, last)) {
            Some(k) => k,
            None => {
                phrases.push((first, last));
                phrases.len() - 1
            }
        };
        self.entities.len() + k
    }

    fn can_speak(&self, e: usize) -> bool {
        SPEAKER_LABELS.contains(&self.label(e))
    }

    /// The entity whose span holds token `i` (entities sorted by start, not overlapping).
    fn entity_at(&self, i: usize) -> Option<usize> {
        let t = self.tokens().get(i)?;
        let after = self.entities.partition_point(|e| e.start <= t.start);
        let e = after.checked_sub(1)?;
        let ent = &self.entities[e];
        (ent.end > t.start && self.can_speak(e)).then_some(e)
    }

    /// First and last token of entity `e`.
    fn entity_tokens(&self, e: usize) -> Option<(usize, usize)> {
        let Some(ent) = self.entities.get(e) else {
            return self.phrase(e);
        };
        let toks = self.tokens();
        let first = toks.partition_point(|t| t.end <= ent.start);
        let end = toks.partition_point(|t| t.start < ent.end);
        (first < end).then(|| (first, end - 1))
    }

    /// Entities (speaker labels only) whose start lies in bytes `from..to`, in order.
    fn entities_between(&self, from: usize, to: usize) -> Vec<usize> {
        let lo = self.entities.partition_point(|e| e.start < from);
        let hi = lo + self.entities[lo..].partition_point(|e| e.start < to);
        (lo..hi).filter(|&e| self.can_speak(e)).collect()
    }

    /// The preposition that puts entity `e` in a prepositional phrase: right before it, or
    /// before up to three words that are not names, numbers or time words ("in Shanghai", "with
    /// the United States", "by Taiwanese Vice President Lien Chan"). `floor` is the first token
    /// that may be looked at.
    fn pp_of(&self, e: usize, floor: usize) -> Option<usize> {
        let (first, _) = self.entity_tokens(e)?;
        let mut j = first;
        for _ in 0..=3 {
            if j <= floor {
                return None;
            }
            let p = j - 1;
            if self.in_list(p, PREPOSITIONS) {
                // "Member of Parliament Tony Marlow", "Secretary of State Warren Christopher":
                // capitalised words on both sides of "of" make a title before the name, not a
                // phrase that holds it.
                let capital = |i: usize| {
                    self.is_word(i) && self.raw(i).chars().next().is_some_and(char::is_uppercase)
                };
                let title = self.word(p) == "of"
                    && p > floor
                    && capital(p - 1)
                    && p + 1 < first
                    && (p + 1..first).all(capital);
                return (!title).then_some(p);
            }
            let number = self.tokens()[p].kind == TokenKind::Number;
            if !self.is_word(p)
                || number
                || self.entity_at(p).is_some()
                || self.in_list(p, SKIP_BEFORE_CUE)
                || self.in_list(p, CONJUNCTIONS)
                || self.is_cue_word(p)
            {
                return None;
            }
            j = p;
        }
        None
    }

    fn in_pp(&self, e: usize, floor: usize) -> bool {
        self.pp_of(e, floor).is_some()
    }

    /// Whether entity `e` is followed by a possessive ("Burma 's democracy leader").
    fn possessive(&self, e: usize) -> bool {
        self.entity_tokens(e)
            .is_some_and(|(_, l)| matches!(self.word(l + 1).as_str(), "'s" | "'"))
    }

    /// Whether entity `e` looks like a clause subject: a verb-like word (or the cue at `cue`)
    /// follows it, past auxiliaries, adverbs and time words.
    fn looks_like_subject(&self, e: usize, cue: usize) -> bool {
        let Some((_, last)) = self.entity_tokens(e) else {
            return false;
        };
        let mut j = last + 1;
        while j < cue
            && (self.in_list(j, SKIP_BEFORE_CUE)
                || self
                    .tokens()
                    .get(j)
                    .is_some_and(|t| t.kind == TokenKind::Number))
        {
            j += 1;
        }
        if j >= cue {
            return true;
        }
        self.is_word(j)
            && self.is_lower(j)
            && !self.in_list(j, PREPOSITIONS)
            && !self.in_list(j, DETERMINERS)
            && !self.in_list(j, CONJUNCTIONS)
            && !matches!(self.word(j).as_str(), "'s" | "'")
    }

    /// Follows a name to the next one when only title words stand between ("US" → "Donald
    /// Trump" in "US President Donald Trump").
    fn title_chain(&self, mut e: usize, limit: usize) -> usize {
        loop {
            let Some((_, last)) = self.entity_tokens(e) else {
                return e;
            };
            let mut j = last + 1;
            let mut titles = 0;
            let mut next = None;
            while j < limit && titles <= MAX_TITLE_WORDS {
                if let Some(n) = self.entity_at(j) {
                    if n != e {
                        next = Some(n);
                    }
                    break;
                }
                if !self.is_word(j)
                    || self.in_list(j, PREPOSITIONS)
                    || self.in_list(j, DETERMINERS)
                    || self.in_list(j, CONJUNCTIONS)
                    || self.is_cue_word(j)
                {
                    break;
                }
                titles += 1;
                j += 1;
            }
            match next {
                Some(n) if n > e => e = n,
                _ => return e,
            }
        }
    }

    /// The first of several coordinated names ending with `e` ("Slovenia and Poland pledged",
    /// "Britain, France and Germany urged"): the first named one speaks.
    fn first_coordinated(&self, mut e: usize, floor: usize) -> usize {
        let mut seen_and = false;
        loop {
            let Some((first, _)) = self.entity_tokens(e) else {
                return e;
            };
            let mut j = first;
            if j > floor && self.in_list(j - 1, DETERMINERS) {
                j -= 1;
            }
            if j <= floor + 1 {
                return e;
            }
            let sep = self.word(j - 1);
            let ok = matches!(sep.as_str(), "and" | "or") || (seen_and && sep == ",");
            if !ok {
                return e;
            }
            match self.entity_at(j - 2) {
                Some(prev) if prev != e && !self.in_pp(prev, floor) => {
                    seen_and = true;
                    e = prev;
                }
                _ => return e,
            }
        }
    }

    /// The speaker of sentence `idx` with cue `cue`, as an entity index.
    fn speaker(&self, idx: usize, cue: Option<Cue>, depth: usize) -> Option<usize> {
        self.speaker_rules(idx, cue, depth)
            .or_else(|| self.headline_speaker(idx, depth))
    }

    /// A headline that names nobody ("Top Belarus politician blasts president", "New bomb
    /// attacks on Corsica despite crackdown vow") sums up the story's lead: the speaker of the
    /// first of the next [`HEADLINE_LEAD_SENTENCES`] sentences with a cue that has one (past a
    /// dateline or a byline). A headline is the text's first sentence on a line of its own.
    fn headline_speaker(&self, idx: usize, depth: usize) -> Option<usize> {
        if idx != 0 || depth == 0 {
            return None;
        }
        let (this, next) = (
            self.tokenized.sentences.first()?,
            self.tokenized.sentences.get(1)?,
        );
        if !self.text.get(this.end..next.start)?.contains('\n')
            || this.tokens.len() > HEADLINE_MAX_TOKENS
        {
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

    fn speaker_rules(&self, idx: usize, cue: Option<Cue>, depth: usize) -> Option<usize> {
        let (s0, s1) = self.sentence_range(idx)?;
        let toks = &self.tokens()[s0..s1];
        let mask = self.quote_mask(idx);
        let is_quoted = |i: usize| mask.get(i.wrapping_sub(s0)).copied().unwrap_or(false);

        // Rule 1: "according to X", outside quotes.
        if let Some(e) = self.according_to(s0, s1, &is_quoted) {
            return Some(e);
        }

        // "It quoted him as saying Norilsk should first pay ...": the one quoted.
        if let Some(e) = self.quoted_as_saying(idx, s0, s1, &is_quoted, depth) {
            return Some(e);
        }

        // Rule 2: the anchor cue, outside quotes when there is one.
        // A cue word inside a name is no cue ("Said, a U.S. citizen").
        let mut found = find_cues_quoted(self.text, toks, &mask);
        found.retain(|m| self.entity_at(s0 + m.first).is_none());
        let given = cue.and_then(|c| {
            let first = s0 + toks.partition_point(|t| t.end <= c.start);
            let last = (s0 + toks.partition_point(|t| t.start < c.end)).checked_sub(1)?;
            (first < s1 && first <= last && self.entity_at(first).is_none())
                .then_some((first, last))
        });
        let anchor = match given {
            Some((f, l)) if !is_quoted(f) => Some((f, l)),
            _ => found
                .iter()
                .find(|m| !m.quoted && m.kind != CueKind::Modal)
                .map(|m| (s0 + m.first, s0 + m.last)),
        };
        // "..., the Reserve Bank of Australia said": a trailing attribution outranks an earlier
        // cue.
        let trailing = |after: usize| {
            let m = found.iter().rev().find(|m| {
                !m.quoted
                    && m.kind == CueKind::Reporting
                    && !self.word(s0 + m.first).ends_with("ing")
            })?;
            let sep = (after..m.first)
                .rev()
                .find(|&j| toks[j].text(self.text) == ",")?;
            let near = m.first - sep <= 10 && toks.len() - m.last <= 8 && !is_quoted(s0 + sep);
            near.then_some((s0 + m.first, s0 + m.last))
        };
        if let Some((first, last)) = anchor {
            let got = self.anchored(idx, first, last, depth, &is_quoted);
            if got.is_some() {
                return got;
            }
            // Nobody before the cue: a trailing attribution may name one.
            if let Some(e) = trailing(last + 1 - s0)
                .and_then(|(f, l)| self.anchored(idx, f, l, depth, &is_quoted))
            {
                return Some(e);
            }
            // "Beijing has called on Seoul to stop ..., a South Korean embassy spokesman said":
            // the reporter names nobody, the stance verb before it does.
            return found
                .iter()
                .filter(|m| !m.quoted && m.kind == CueKind::Advocacy && s0 + m.last < first)
                .find_map(|m| self.anchored(idx, s0 + m.first, s0 + m.last, depth, &is_quoted));
        }
        // "British Airways 's initial response was that ...", "President Arafat 's position is
        // clear that ...": whose stance the sentence states.
        if let Some(e) = self.stance_owner(s0, s1) {
            return Some(e);
        }
        if let Some(e) = self.quoted_actor(s0, s1, found.first()) {
            return Some(e);
        }
        if given.is_some() || !found.is_empty() || mask.first().copied().unwrap_or(false) {
            // Every cue is quoted, or the sentence is: a quoted paragraph.
            return self.quoted_paragraph(idx, depth);
        }
        // Rule 6: no cue; the entity that opens the sentence.
        self.opening_entity(idx, s0, s1, depth)
    }

    /// Rules 3 to 5 for the cue at tokens `first..=last`, in the unquoted stretch around it.
    fn anchored(
        &self,
        idx: usize,
        first: usize,
        last: usize,
        depth: usize,
        is_quoted: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
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

    /// Rule 1.
    fn according_to(
        &self,
        s0: usize,
        s1: usize,
        is_quoted: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut i = s0;
        while i + 1 < s1 {
            if self.word(i) == "according" && self.word(i + 1) == "to" && !is_quoted(i) {
                if let Some(e) = self.forward_name(i + 2, s1) {
                    return Some(e);
                }
            }
            i += 1;
        }
        None
    }

    /// '" President Arafat is ready to meet ...' (his adviser speaking): a quoted sentence whose
    /// first cue, a stance cue, has a named actor opening the quote as its subject states that
    /// actor's position. Not with a modal: in '" Brussels must protect the market "' the
    /// speaker tells Brussels what to do.
    fn quoted_actor(
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
    fn stance_owner(&self, s0: usize, s1: usize) -> Option<usize> {
        let mut i = s0;
        while i < s1 && (cues::is_quote(self.raw(i)) || self.in_list(i, CONJUNCTIONS)) {
            i += 1;
        }
        let e = self.title_chain_at(i, s1)?;
        let (_, last) = self.entity_tokens(e)?;
        if !(self.can_speak(e) && self.possessive(e)) {
            return None;
        }
        let noun = (last + 2..(last + 5).min(s1))
            .take_while(|&j| self.is_word(j) && self.entity_at(j).is_none())
            .find(|&j| self.in_list(j, STANCE_NOUNS))?;
        self.in_list(noun + 1, BE_FORMS).then_some(e)
    }

    /// The entity at token `i`, or the one after at most [`MAX_TITLE_WORDS`] capitalised title
    /// words ("President Arafat").
    fn title_chain_at(&self, i: usize, s1: usize) -> Option<usize> {
        (i..(i + MAX_TITLE_WORDS + 1).min(s1))
            .take_while(|&j| {
                self.entity_at(j).is_some()
                    || (self.is_word(j)
                        && self.raw(j).chars().next().is_some_and(char::is_uppercase))
            })
            .find_map(|j| self.entity_at(j))
    }

    /// The one a medium "quoted ... as saying", outside quotes: a name, or "him" / "her"
    /// resolved as a pronoun.
    fn quoted_as_saying(
        &self,
        idx: usize,
        s0: usize,
        s1: usize,
        is_quoted: &dyn Fn(usize) -> bool,
        depth: usize,
    ) -> Option<usize> {
        let at = (s0..s1).find(|&i| self.word(i) == "quoted" && !is_quoted(i))?;
        let held = at + 1;
        let as_at = (held + 1..(held + 8).min(s1))
            .find(|&j| self.word(j) == "as" && self.word(j + 1) == "saying")?;
        if matches!(self.word(held).as_str(), "him" | "her") && as_at == held + 1 {
            return self.resolve_pronoun(idx, Want::Person, depth);
        }
        (held..as_at).find_map(|j| self.entity_at(j).filter(|&e| self.can_speak(e)))
    }

    /// Rules 3 to 5 for the cue at tokens `first..=last`, searching the stretch `r0..r1`.
    fn subject_of(
        &self,
        idx: usize,
        r0: usize,
        first: usize,
        last: usize,
        r1: usize,
        depth: usize,
    ) -> Option<usize> {
        let subject = self.cue_subject(idx, r0, first, last, r1, depth);
        // "Bonn says Moscow has promised ...": the relayed actor.
        if self.in_list(first, RELAYING_VERBS) && first == last {
            if let Some(e) = self.relayed(last + 1, r1) {
                return Some(e);
            }
        }
        let media_noun = (r0..first)
            .rev()
            .skip_while(|&i| self.in_list(i, SKIP_BEFORE_CUE))
            .take(2)
            .any(|i| self.entity_at(i).is_none() && self.in_list(i, MEDIA_NOUNS_AS_SUBJECT));
        let found = match subject {
            Subject::Entity(e) => Some(e),
            // "Clarke denied on Thursday he had threatened to resign": "he" in a clause after
            // the person who opens the sentence is that person.
            Subject::Pronoun(Want::Person) => self
                .opening_person(idx)
                .filter(|&e| self.entity_tokens(e).is_some_and(|(_, l)| l < first))
                .or_else(|| self.resolve_pronoun(idx, Want::Person, depth)),
            Subject::Pronoun(want) => self.resolve_pronoun(idx, want, depth),
            Subject::Nobody => None,
            Subject::Nothing => self.after_cue(idx, last + 1, r1, depth),
        };
        // A commentary or an editorial is the medium's own voice.
        let own_voice = (r0..first).any(|i| self.in_list(i, MEDIA_OWN_VOICE));
        // "Israel 's biggest newspaper said": the medium is the subject's head, whatever
        // entity stands inside the subject.
        let reporter_is_media =
            !own_voice && (media_noun || found.is_some_and(|e| self.is_media(e)));
        if reporter_is_media && self.cue_reports(first, last) {
            if let Some(actor) = self.media_relay(idx, first, last, r1) {
                return Some(actor);
            }
        }
        found
    }

    /// Whether the cue at `first..=last` is a reporting verb ("said", "reported", "quoted"),
    /// the only cues a medium relays an actor through.
    fn cue_reports(&self, first: usize, last: usize) -> bool {
        first == last && (self.in_list(first, RELAYING_VERBS) || self.word(first) == "quoted")
    }

    /// Whether speaker `e` (an entity or a phrase) names a news medium ([`MEDIA_NAME_WORDS`]).
    fn is_media(&self, e: usize) -> bool {
        self.entity_tokens(e)
            .is_some_and(|(f, l)| (f..=l).any(|i| self.in_list(i, MEDIA_NAME_WORDS)))
    }

    /// The actor a medium's report is about, for a sentence whose reporter (cue at
    /// `first..=last`) is a news medium: the subject of the clause it reports, after the cue
    /// ("Xinhua said China would ..."), or before it for a trailing attribution ("President
    /// Jiang Zemin offered his gratitude ..., the official Xinhua news agency said"). Unlike
    /// [`Ctx::relayed`], any verb will do: a medium holds no position of its own in a report.
    fn media_relay(&self, idx: usize, first: usize, last: usize, r1: usize) -> Option<usize> {
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
            Subject::Entity(e) if speaks(e) => {
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
    fn past_place_phrase(&self, from: usize, to: usize) -> usize {
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
    fn verb_follows(&self, from: usize, to: usize) -> bool {
        let mut j = from;
        while j < to
            && self.in_list(j, SKIP_BEFORE_CUE)
            && !self.in_list(j, AUXILIARIES)
            && !self.in_list(j, BE_FORMS)
        {
            j += 1;
        }
        if j >= to || !self.is_word(j) || !self.is_lower(j) {
            return false;
        }
        let w = self.word(j);
        self.in_list(j, AUXILIARIES)
            || self.in_list(j, BE_FORMS)
            || self.is_cue_word(j)
            || w.ends_with("ed")
            || (w.ends_with('s') && !w.ends_with("ss") && !self.in_list(j, PREPOSITIONS))
    }

    fn cue_subject(
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
                .any(|j| self.in_list(j, cues::NOUN_MARKERS));
        if nominal {
            if let s @ (Subject::Entity(_) | Subject::Pronoun(_)) =
                self.clause_subject(r0, first, first)
            {
                return s;
            }
        }
        // A passive: "was condemned by X".
        let mut b = first;
        while b > r0 && self.in_list(b - 1, SKIP_BEFORE_CUE) && !self.in_list(b - 1, BE_FORMS) {
            b -= 1;
        }
        // "had been threatening" is progressive, not passive.
        let passive = b > r0 && self.in_list(b - 1, BE_FORMS) && !self.word(first).ends_with("ing");
        if passive && self.word(first) != "quoted" {
            // "China has been accused of ...": the one accused does not speak.
            return if self.word(last + 1) == "by" {
                self.forward_name(last + 2, r1)
                    .map_or(Subject::Nobody, Subject::Entity)
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
                return Subject::Entity(agent);
            }
        }
        // "the paper quoted X as saying": X, or nobody when X is unnamed (not "X was quoted as
        // saying by the paper").
        if self.word(first) == "quoted" && self.word(first + 1) != "as" {
            return self
                .forward_name(last + 1, r1)
                .map_or(Subject::Nobody, Subject::Entity);
        }
        // A participle: "..., saying", "Arafat blasted Israel saying", "Accusing X of ..., Arafat".
        // An infinitive ("appeared to support", "mounted the pulpit to demand"): the clause's
        // subject.
        let mut b = first;
        while b > r0 && self.in_list(b - 1, SKIP_BEFORE_CUE) && self.word(b - 1) != "to" {
            b -= 1;
        }
        if b > r0 && self.word(b - 1) == "to" {
            if let s @ (Subject::Entity(_) | Subject::Pronoun(_)) =
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
                    if let s @ (Subject::Entity(_) | Subject::Pronoun(_)) =
                        self.clause_subject(comma + 1, r1, r1)
                    {
                        return s;
                    }
                }
            } else if let s @ (Subject::Entity(_) | Subject::Pronoun(_)) =
                self.clause_subject(r0, first, first)
            {
                return s;
            }
        }
        self.walk_back(idx, r0, first, depth)
    }

    /// The subject before token `at`, walking back to `r0`.
    fn walk_back(&self, idx: usize, r0: usize, at: usize, depth: usize) -> Subject {
        let mut k = at;
        // Whether anything but skipped words stood between the cue and `k`.
        let mut passed = false;
        while k > r0 {
            let i = k - 1;
            if let Some(e) = self.entity_at(i) {
                let (ef, _) = self.entity_tokens(e).unwrap_or((i, i));
                let direct = self
                    .entity_tokens(e)
                    .is_some_and(|(_, l)| (l + 1..at).all(|j| self.in_list(j, SKIP_BEFORE_CUE)));
                // "came after Baker trashed": a clause, not a phrase.
                let pp = self
                    .pp_of(e, r0)
                    .filter(|&p| !(direct && self.in_list(p, SUBORDINATING)));
                if let Some(p) = pp {
                    // "a spokesman for Masood": the owner speaks, unless a name stands in
                    // apposition before ("Nawaz Sharif, leader of the PML").
                    if self.in_list(p, OWNER_PREPOSITIONS)
                        && p > r0
                        && self.in_list(p - 1, OWNER_NOUNS)
                    {
                        if let Some(owner) = self.appositive_owner(p - 1, r0) {
                            return Subject::Entity(owner);
                        }
                        // "The chairman of national carrier EgyptAir blamed ...": the office
                        // holder the article names next, else the owner.
                        let office = self.in_list(p - 1, ROLE_NOUNS);
                        return Subject::Entity(
                            office
                                .then(|| self.named_later(idx, depth, "PER"))
                                .flatten()
                                .unwrap_or(e),
                        );
                    }
                    // Skip the phrase and its preposition.
                    k = p.max(r0);
                    passed = true;
                    continue;
                }
                let _ = ef;
                return Subject::Entity(self.first_coordinated(e, r0));
            }
            let w = self.word(i);
            if self.in_list(i, SKIP_BEFORE_CUE) || self.tokens()[i].kind == TokenKind::Number {
                k -= 1;
                continue;
            }
            if PERSON_PRONOUNS.contains(&w.as_str()) {
                return Subject::Pronoun(Want::Person);
            }
            if GROUP_PRONOUNS.contains(&w.as_str()) {
                return Subject::Pronoun(Want::Group);
            }
            if RELATIVE_PRONOUNS.contains(&w.as_str()) || w == "that" {
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
            if CONJUNCTIONS.contains(&w.as_str()) {
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
                    return Subject::Entity(e);
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
            if let Some(e) = self.surname(i) {
                return Subject::Entity(e);
            }
            if let Some(e) = self.unknown_name(r0, i) {
                return Subject::Entity(e);
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
    fn listed_verb_subject(&self, r0: usize, comma: usize) -> Option<usize> {
        let mut start = comma;
        while start > r0 && !self.is_separator(start - 1) && !cues::is_quote(self.raw(start - 1)) {
            start -= 1;
        }
        while start < comma && (self.in_list(start, CONJUNCTIONS) || !self.is_word(start)) {
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
    fn bracketed_aside(&self, r0: usize, close: usize) -> Option<usize> {
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
    fn appositive_owner(&self, noun: usize, r0: usize) -> Option<usize> {
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
    fn across_comma(&self, idx: usize, r0: usize, sep: usize, depth: usize) -> Subject {
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
                            && !self.in_list(j, PREPOSITIONS)
                            && !self.in_list(j, RELATIVE_PRONOUNS)
                            && !self.in_list(j, DETERMINERS)
                    });
                if lead_ok && self.label(e) == "PER" {
                    return Subject::Entity(e);
                }
                // "The party , the Democratic Left Alliance , says", "The consortium , called
                // Americast , said": the name in apposition to the noun before it.
                let named = seg0 > r0
                    && (seg0..ef)
                        .all(|j| matches!(self.word(j).as_str(), "the" | "called" | "named"));
                if named && self.can_speak(e) {
                    return Subject::Entity(e);
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
                let fronted = FRONTED_CLAUSE_OPENERS.contains(&w.as_str())
                    || (w.len() > 5
                        && w.ends_with("ing")
                        && raw.chars().next().is_some_and(char::is_uppercase));
                let skip = fronted
                    || self.in_list(a, PREPOSITIONS)
                    || self.in_list(a, RELATIVE_PRONOUNS)
                    || (b - a == 1 && self.in_list(a, SKIP_BEFORE_CUE))
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
    fn clause_subject(&self, from: usize, to: usize, cue: usize) -> Subject {
        let mut fallback = None;
        let mut i = from;
        while i < to {
            if let Some(e) = self.entity_at(i) {
                let free = !self.in_pp(e, from) && !self.possessive(e);
                if free && self.looks_like_subject(e, cue.min(to)) {
                    return Subject::Entity(self.first_coordinated(e, from));
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
            if fallback.is_none() && PERSON_PRONOUNS.contains(&w.as_str()) {
                return Subject::Pronoun(Want::Person);
            }
            if fallback.is_none() && GROUP_PRONOUNS.contains(&w.as_str()) {
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
        };
        fallback
            .or_else(missed)
            .map_or(Subject::Nobody, Subject::Entity)
    }

    /// A group actor named by the noun phrase at tokens `first..=head` (after any determiner):
    /// a [`GROUP_HEADS`] noun with a naming word before it ("Palestinian officials", "EU
    /// leaders", "the Netherlands government"; not "senior officials"), or a people's name
    /// ("Palestinians", "the Serbs"). `inner` is the entity inside the phrase, if any: a
    /// place's or an organisation's group speaks as the group ("Bosnia's political parties"),
    /// but an organisation's members or a single official speak for it ("Security Council
    /// members", "a Foreign Office spokesman").
    fn group_phrase(&self, first: usize, head: usize, inner: Option<usize>) -> Option<usize> {
        if first > head
            || (first..=head).any(|i| {
                !(self.is_word(i) || matches!(self.raw(i), "'s" | "'" | "-"))
                    || self.in_list(i, PREPOSITIONS)
                    || self.in_list(i, CONJUNCTIONS)
                    || self.in_list(i, DETERMINERS)
            })
        {
            return None;
        }
        let noun = self.word(head);
        let head_raw = self.raw(head);
        let capital = |i: usize| self.raw(i).chars().next().is_some_and(char::is_uppercase);
        if GROUP_HEADS.contains(&noun.as_str()) {
            if let Some(e) = inner {
                let plural = noun.ends_with('s') && !noun.ends_with("ss");
                let members = MEMBER_NOUNS.contains(&noun.as_str());
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
                    && !self.in_list(i, GENERIC_MODIFIERS)
                    && !self.in_list(i, GROUP_HEADS)
            });
            return named.then(|| self.phrase_id(first, head));
        }
        // A people's name: a capitalised plural that is not a common noun.
        let plural = noun.len() > 3 && noun.ends_with('s') && !noun.ends_with("ss");
        if inner.is_none()
            && plural
            && head_raw.chars().next().is_some_and(char::is_uppercase)
            && head_raw.chars().skip(1).all(char::is_lowercase)
            && !GENERIC_PEOPLE.contains(&noun.as_str())
            && (!self.opens_sentence(head) || DEMONYM_ENDINGS.iter().any(|x| noun.ends_with(x)))
        {
            return Some(self.phrase_id(first, head));
        }
        None
    }

    /// A common-noun subject ending at token `head`: the entity inside it ("a Foreign Office
    /// spokesman"), a definite institution's most recent mention ("the company"), or nobody.
    fn noun_phrase(&self, idx: usize, r0: usize, head: usize, depth: usize) -> Subject {
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
            if self.in_list(p, PREPOSITIONS) || self.in_list(p, CONJUNCTIONS) {
                break;
            }
            if self.in_list(p, DETERMINERS) {
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
        if start >= r0 + 2 && self.word(start - 1) == "of" && self.in_list(start - 2, ROLE_NOUNS) {
            if let Some(p) = self.named_later(idx, depth, "PER") {
                return Subject::Entity(p);
            }
        }
        // "Palestinian officials", "Bosnia's Moslem political parties", "the Dutch
        // government": a group named by its phrase.
        if let Some(g) = self.group_phrase(j, head, inner) {
            return Subject::Entity(g);
        }
        // "The Colorado attorney general told ...": the office holder the article names next.
        if ROLE_NOUNS.contains(&noun.as_str()) && inner.is_none_or(|e| self.label(e) != "PER") {
            if let Some(p) = self.named_later(idx, depth, "PER") {
                return Subject::Entity(p);
            }
        }
        if let Some(e) = inner {
            return Subject::Entity(e);
        }
        let definite = matches!(det.as_deref(), Some("the" | "its" | "this" | "their"));
        // "A Rwandan refugee lobby group called for calm ...": an organisation introduced
        // unnamed is named when the next sentence quotes it ("The Rally for the Return of
        // Refugees ... ( RDR ) urged").
        if matches!(det.as_deref(), Some("a" | "an")) && ORG_NOUNS.contains(&noun.as_str()) {
            if let Some(o) = self.named_later(idx, depth, "ORG") {
                return Subject::Entity(o);
            }
        }
        // With no recent mention, "the government" (an actor, not a document such as "the
        // statement") is itself the speaker, as a phrase: who holds the position is known
        // even when the article does not name it nearby.
        let itself = || {
            let actor = det.as_deref() == Some("the") && !self.in_list(head, MEDIA_NOUNS);
            let actor = actor && !self.in_list(head, OWNER_NOUNS);
            if actor {
                Subject::Entity(self.phrase_id(j, head))
            } else {
                Subject::Nobody
            }
        };
        // "the statement said": whoever issued the statement an earlier sentence mentions ("In
        // a written statement ..., Gujral reiterated ...").
        if definite && MEDIA_NOUNS.contains(&noun.as_str()) {
            if let Some(e) = self.issuer(idx, &noun, depth) {
                return Subject::Entity(e);
            }
        }
        // "The controllers are demanding ...": the group an earlier sentence named with the
        // same plural noun ("Bulgarian air traffic controllers will go on strike").
        if definite && inner.is_none() {
            if let Some(g) = self.earlier_group(idx, &noun) {
                return Subject::Entity(g);
            }
            // "The hijackers threatened ...": a definite group named by its plural noun alone is
            // itself the speaker, as a phrase (an earlier name for it was looked for above).
            let plural = noun.ends_with('s') && !noun.ends_with("ss");
            if det.as_deref() == Some("the")
                && plural
                && GROUP_HEADS.contains(&noun.as_str())
                && !GENERIC_PEOPLE.contains(&noun.as_str())
            {
                return Subject::Entity(self.phrase_id(j, head));
            }
        }
        if definite && ORG_NOUNS.contains(&noun.as_str()) {
            return self
                .recent(idx, head, Want::Group, Some("ORG"), LOOK_BACK)
                .map_or_else(itself, Subject::Entity);
        }
        if definite && STATE_NOUNS.contains(&noun.as_str()) {
            return self
                .recent(idx, head, Want::Group, None, LOOK_BACK)
                .map_or_else(itself, Subject::Entity);
        }
        Subject::Nobody
    }

    /// The name after a cue with nothing before it ("..., said Undersecretary-General Yasushi
    /// Akashi"; "said he").
    fn after_cue(&self, idx: usize, from: usize, r1: usize, depth: usize) -> Option<usize> {
        let mut i = from;
        while i < r1 && self.in_list(i, SKIP_BEFORE_CUE) {
            i += 1;
        }
        let w = self.word(i);
        if i < r1 && PERSON_PRONOUNS.contains(&w.as_str()) {
            return self.resolve_pronoun(idx, Want::Person, depth);
        }
        if i < r1 && GROUP_PRONOUNS.contains(&w.as_str()) {
            return self.resolve_pronoun(idx, Want::Group, depth);
        }
        // "..., said Fox, who is due to leave": rule 5 after the cue.
        self.forward_name(i, r1)
            .or_else(|| (i < r1).then(|| self.surname(i)).flatten())
    }

    /// The first name from token `from` (within the forward window, before punctuation other
    /// than a possessive, and before a preposition unless it follows an [`OWNER_NOUNS`] noun:
    /// "a commentary in the China Daily"), followed through title words.
    fn forward_name(&self, from: usize, r1: usize) -> Option<usize> {
        let end = (from + FORWARD_WINDOW).min(r1);
        for j in from..end {
            if let Some(e) = self.entity_at(j) {
                // "China's top negotiator with Taipei, Tang Shubei,": the person.
                if self.possessive(e) {
                    let named = (j + 1..end).find_map(|k| {
                        let p = self.entity_at(k)?;
                        (self.raw(k - 1) == "," && self.label(p) == "PER").then_some(p)
                    });
                    if let Some(p) = named {
                        return Some(p);
                    }
                }
                return Some(self.title_chain(e, end));
            }
            // "said the spokesman, Hamid Ibrahimi".
            let apposition = self.raw(j) == "," && self.entity_at(j + 1).is_some();
            if !self.is_word(j) && self.raw(j) != "'s" && self.raw(j) != "-" && !apposition {
                break;
            }
            let owned = j > from
                && ((self.in_list(j - 1, OWNER_NOUNS) && self.in_list(j, OWNER_PREPOSITIONS))
                    || (self.in_list(j - 1, MEDIA_NOUNS) && self.word(j) == "in"));
            if self.in_list(j, PREPOSITIONS) && j > from && !owned {
                break;
            }
        }
        None
    }

    /// A separate actor named as the subject of a reported clause that gives its stance or
    /// plan: "says Moscow has promised", "said President Yeltsin, who is on holiday, had
    /// backed", "said the Dutch government would consider". The clause's verb is an advocacy
    /// verb ([`RELAYED_ACTIONS`] or a cue), or a verb after "will", "would" or "is to" (the
    /// actor's announced plan, unless the actor is a place); "must" or "should" stay the
    /// reporter's own advocacy.
    fn relayed(&self, from: usize, r1: usize) -> Option<usize> {
        self.relayed_with(from, r1, false)
    }

    /// [`Ctx::relayed`], or with `any_verb` any verb after the actor.
    fn relayed_with(&self, from: usize, r1: usize, any_verb: bool) -> Option<usize> {
        let mut i = from;
        while i < r1
            && (self.in_list(i, SKIP_BEFORE_CUE)
                || self.in_list(i, DETERMINERS)
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
                        self.in_list(h, GROUP_HEADS)
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
        if self.raw(j) == "," && self.in_list(j + 1, RELATIVE_PRONOUNS) {
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
        while j < r1 && self.in_list(j, SKIP_BEFORE_CUE) {
            plan |= matches!(self.word(j).as_str(), "will" | "would" | "to");
            j += 1;
        }
        if j >= r1 || !self.is_word(j) || !self.is_lower(j) {
            return None;
        }
        let verb = self.in_list(j, RELAYED_ACTIONS);
        // "He added that France would veto": a place's plan is its spokesman's announcement.
        let planned = plan
            && self.label(e) != "LOC"
            && !self.in_list(j, PREPOSITIONS)
            && !self.in_list(j, DETERMINERS)
            && !self.in_list(j, BE_FORMS);
        (verb || planned || any_verb).then_some(e)
    }

    /// A person's name the tagger missed, ending at token `last` right before a cue: two or
    /// three capitalised words (not all capitals) that open the clause, follow a possessive or
    /// a conjunction, and hold no common noun of the lists here ("Suu Kyi said", "Burma's Suu
    /// Kyi says"; not "Foreign Ministry said", "Senior Officials said", "The Minister said").
    fn unknown_name(&self, r0: usize, last: usize) -> Option<usize> {
        let common = |i: usize| {
            [
                DETERMINERS,
                GENERIC_PEOPLE,
                GENERIC_MODIFIERS,
                GROUP_HEADS,
                ORG_NOUNS,
                STATE_NOUNS,
                ROLE_NOUNS,
                OWNER_NOUNS,
                SKIP_BEFORE_CUE,
                PREPOSITIONS,
                CONJUNCTIONS,
                PERSON_PRONOUNS,
                GROUP_PRONOUNS,
                RELATIVE_PRONOUNS,
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
            || self.in_list(first - 1, CONJUNCTIONS);
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
    fn opens_sentence(&self, i: usize) -> bool {
        let ss = &self.tokenized.sentences;
        let k = ss.partition_point(|s| s.tokens.start < i);
        i == 0 || ss.get(k).is_some_and(|s| s.tokens.start == i) || cues::is_quote(self.raw(i - 1))
    }

    /// Whether the document writes the word at `i` capitalised somewhere inside a sentence (not
    /// as its first word, nor after a quote) and nowhere in lower case. Read within an article's
    /// length of `i` ([`NAME_EVIDENCE_BEFORE`], [`NAME_EVIDENCE_AFTER`] tokens), so a huge input
    /// costs no more per claim than an article.
    fn written_as_name(&self, i: usize) -> bool {
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

    /// Rule 5: a capitalised word that is the first or last word of an earlier person's name.
    fn surname(&self, i: usize) -> Option<usize> {
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

    /// A named group that an earlier sentence (at most [`LOOK_BACK_SENTENCES`] back) calls by the
    /// plural noun `noun`: the words before the noun, back to a determiner, preposition or
    /// punctuation, holding a name or a capitalised word that is not the sentence's first
    /// ("Bulgarian air traffic controllers", "Indian fishermen"), as a phrase.
    fn earlier_group(&self, idx: usize, noun: &str) -> Option<usize> {
        let plural = noun.len() > 3 && noun.ends_with('s') && !noun.ends_with("ss");
        if !plural || GENERIC_PEOPLE.contains(&noun) {
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
                        || self.in_list(p, PREPOSITIONS)
                        || self.in_list(p, CONJUNCTIONS)
                        || self.in_list(p, DETERMINERS)
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
                            && !self.in_list(i, GENERIC_MODIFIERS)
                            && (i > s0
                                || ["an", "ese", "ish", "i", "ch"]
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

    /// The most recent mention that `want` accepts (and of label `only`, if given) before token
    /// `at`, in sentence `idx` or the `back` sentences before it: preferring subjects, then
    /// mentions outside prepositional phrases, then any.
    fn recent(
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
    fn resolve_pronoun(&self, idx: usize, want: Want, depth: usize) -> Option<usize> {
        if let Some(e) = self.previous_speaker(idx, want, depth) {
            return Some(e);
        }
        let (s0, _) = self.sentence_range(idx)?;
        self.recent(idx, s0, want, None, MENTION_LOOK_BACK)
    }

    /// The speaker of the nearest of the [`LOOK_BACK`] previous sentences with a cue that has a
    /// speaker of the wanted kind.
    fn previous_speaker(&self, idx: usize, want: Want, depth: usize) -> Option<usize> {
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
    fn named_later(&self, idx: usize, depth: usize, label: &str) -> Option<usize> {
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

    /// The speaker of the nearest of the [`LOOK_BACK_SENTENCES`] earlier sentences that has a
    /// cue and names the document `noun` ("statement") outside quotes: who issued it.
    fn issuer(&self, idx: usize, noun: &str, depth: usize) -> Option<usize> {
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

    /// The person named by the words that open sentence `j` (after "But" or "And"), outside
    /// quotes and not a possessive ("Samper 's campaign").
    fn opening_person(&self, j: usize) -> Option<usize> {
        let (s0, s1) = self.sentence_range(j)?;
        let mut i = s0;
        if i < s1 && self.in_list(i, CONJUNCTIONS) {
            i += 1;
        }
        let e = self.entity_at(i)?;
        let (first, _) = self.entity_tokens(e)?;
        let fits = first == i && self.label(e) == "PER" && !self.possessive(e);
        (fits && !self.quote_mask(j).first().copied().unwrap_or(false)).then_some(e)
    }

    /// The speaker of sentence `j` with its own cue (none without a cue), remembered.
    fn speaker_memo(&self, j: usize, depth: usize) -> Option<usize> {
        if let Some(&known) = self.memo.borrow().get(&j) {
            return known;
        }
        let got = self
            .cue_of(j)
            .and_then(|cue| self.speaker(j, Some(cue), depth));
        if depth > 0 {
            self.memo.borrow_mut().insert(j, got);
        }
        got
    }

    /// A sentence whose cues are all quoted: the speaker named by a following sentence that
    /// closes the quote (`... ," he said.`), else the previous claim's speaker.
    fn quoted_paragraph(&self, idx: usize, depth: usize) -> Option<usize> {
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
                    return self.speaker(j, Some(cue), depth - 1);
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
    fn quote_opener(&self, idx: usize) -> Option<usize> {
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

    /// Rule 6: a source named at a headline's end after a dash, else the entity (or a person
    /// pronoun) that opens the sentence (after an opening quote or a determiner).
    fn opening_entity(&self, idx: usize, s0: usize, s1: usize, depth: usize) -> Option<usize> {
        // A headline that names its source at the end: "Budget cuts to boost savings - RBA".
        let mut end = s1;
        while end > s0 && matches!(self.raw(end - 1), "." | "\"" | "”") {
            end -= 1;
        }
        if let Some(e) = end.checked_sub(1).and_then(|l| self.entity_at(l)) {
            let (ef, _) = self.entity_tokens(e)?;
            if ef > s0 && matches!(self.raw(ef - 1), "-" | "--" | "—" | "–") {
                return Some(e);
            }
        }
        let mut i = s0;
        // "But Bosnian Serb leaders have hinted ...": past an opening conjunction too.
        while i < s1
            && (cues::is_quote(self.raw(i))
                || self.in_list(i, DETERMINERS)
                || (i == s0 && self.in_list(i, CONJUNCTIONS)))
        {
            i += 1;
        }
        // "He painted a scene of horrors ...": a pronoun subject.
        if i < s1 && PERSON_PRONOUNS.contains(&self.word(i).as_str()) {
            return self.resolve_pronoun(idx, Want::Person, depth);
        }
        let Some(e) = self.entity_at(i) else {
            // "Moslem refugees seek to vote ...": a group phrase.
            let mut head = i;
            while head + 1 < s1
                && self.is_word(head + 1)
                && self.entity_at(head + 1).is_none()
                && !self.in_list(head, GROUP_HEADS)
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
            && self.in_list(el + 1, ROLE_NOUNS)
        {
            if let Some(p) = self.named_later(idx, depth, "PER") {
                return Some(p);
            }
        }
        // "HK civil servants contest ...": the group the name opens.
        let grouped = (el + 1..(el + 3).min(s1))
            .take_while(|&h| self.is_word(h) && self.is_lower(h))
            .find_map(|h| {
                self.in_list(h, GROUP_HEADS)
                    .then(|| self.group_phrase(ef, h, Some(e)))
                    .flatten()
            });
        (ef == i).then_some(grouped.unwrap_or(e))
    }
}
