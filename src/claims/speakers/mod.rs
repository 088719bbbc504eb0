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
//!      group, as a phrase speaker ([`SpeakerRef::entity`] `None`): a [`lexicon::GROUP_HEADS`] noun after
//!      a naming word ("Palestinian officials", "Bosnia's political parties", "the Dutch
//!      government", "EU leaders"; not "Senior officials", nor an organisation's "members"), or
//!      a people's name ("the Serbs", "Palestinians want");
//!    * after "said"/"says", a separate actor's commitment is relayed to that actor ("Sri Lanka
//!      said the United States had promised ..." gives the United States; [`lexicon::RELAYED_ACTIONS`]),
//!      also past title words and a relative clause, to a group phrase, and for a plan after
//!      "will"/"would"/"is to" when the actor is not a place ("the agency said the South
//!      Korean government would consider ...");
//!    * a short aside in brackets before the cue is crossed ("the Reserve Bank of Australia
//!      (RBA) said");
//!    * when the cue finds nobody, a trailing attribution may ("..., the RBA said");
//!    * an unnamed office holder ("The chairman of EgyptAir blamed", "a customs official said",
//!      [`lexicon::ROLE_NOUNS`]) is the person who speaks in the first of the next sentences with a cue
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
//! Each rule has a name, listed in order in [`RULES`] (with why it stands where it does): the
//! name is the `source` of the speakers it finds ([`SpeakerRef::rule`]; `annotate --explain`
//! prints it), and [`find_speaker_with`] skips the rules a [`RuleSwitches`] turns off
//! (`annotate eval --without NAME`). The rules live by family: `according_to.rs` (rule 1 and
//! "quoted X as saying"), `quotes.rs` (rule 2: the anchor cue, trailing attributions, quoted
//! paragraphs), `subject.rs` (rule 3: the walk back to the cue's subject), `groups.rs` (its
//! noun phrases: groups, offices, institutions, missed names), `pronouns.rs` (rules 4 and 5),
//! `relayed.rs` (relayed actors and media), `headline.rs` (rules 6 and 7). See
//! `src/claims/README.md` to add one.
//!
//! A cue word inside an entity is no cue ("Said, a U.S. citizen"). There is no state between
//! calls: the look-backs recompute what they need (at most [`LOOK_BACK`] earlier sentences with a
//! cue among [`LOOK_BACK_SENTENCES`], [`MAX_DEPTH`] levels deep, quotes read back at most
//! [`QUOTE_LOOK_BACK`] sentences), so each call costs a bounded amount of work whatever the
//! text's length.
//!
//! Entities must be sorted by start and not overlap (as [`crate::annotations::Annotations`]
//! gives them); any other input gives some answer or none, never a panic.

use super::cues::{self, find_cue, find_cues, find_cues_quoted, Cue, CueKind};
use crate::decode::Entity;
use crate::lexicon::{self, WordList};
use crate::switches::RuleSwitches;
use crate::tokens::{Token, TokenKind, Tokenized};
use std::cell::RefCell;
use std::collections::HashMap;

mod according_to;
pub mod candidates;
mod groups;
mod headline;
mod pronouns;
mod quotes;
mod relayed;
mod subject;

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

/// How many later sentences an office holder's subject ([`lexicon::ROLE_NOUNS`]) looks in for the first
/// sentence with a cue, whose speaker, when a person, holds the office.
pub const CATAPHORA_SENTENCES: usize = 4;

/// How many sentences after a headline that names nobody are read for its speaker (a
/// dateline and a byline may come first).
pub const HEADLINE_LEAD_SENTENCES: usize = 5;

pub use crate::tokens::HEADLINE_MAX_TOKENS;

/// How many levels of look-back (a pronoun resolved through a sentence whose speaker is itself
/// a pronoun) are followed.
pub const MAX_DEPTH: usize = 4;

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

/// The `source` of a speaker the ranker chose that no rule named (`claims::ranker`).
pub const RANKER: &str = "speaker-ranker";

/// One speaker rule: its name (the `source` of the speakers it finds, and the name
/// `annotate eval --without NAME` switches it off by) and why it stands where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Kebab-case, unique.
    pub name: &'static str,
    /// Why the rule stands at this place in the order, in one line.
    pub why_here: &'static str,
}

/// The speaker rules, in the order [`find_speaker`] tries them: the first that answers gives
/// the speaker. The rules from `relayed-actor` to `name-after-cue` answer for the anchor cue,
/// inside one walk from the cue back to its subject (`subject.rs`, `groups.rs`): they stand in
/// the order in which the walk first reaches them, and a reported actor (`relayed-actor`,
/// `media-relay`) outranks whatever subject the walk found. The anchor cue's rules come after
/// the two named attributions and before those of sentences with no unquoted cue; the
/// headline's lead is tried last of all (`Ctx::speaker`).
pub static RULES: &[Rule] = &[
    Rule {
        name: according_to::ACCORDING_TO,
        why_here:
            crate::why_here!("an explicit \"according to X\" outside quotes names the source, whatever the cue"),
    },
    Rule {
        name: according_to::QUOTED_AS_SAYING,
        why_here:
            crate::why_here!("\"quoted X as saying\": the one quoted, before the cue's subject (the medium) is read"),
    },
    Rule {
        name: relayed::RELAYED_ACTOR,
        why_here:
            crate::why_here!("\"X says Y has promised\": Y's stance, so it outranks X, the subject of \"says\""),
    },
    Rule {
        name: relayed::MEDIA_RELAY,
        why_here:
            crate::why_here!("a medium that reports holds no stance: the reported actor replaces the subject found"),
    },
    Rule {
        name: subject::PASSIVE_AGENT,
        why_here: crate::why_here!("\"was condemned by X\": the agent, read before the walk back to the subject"),
    },
    Rule {
        name: subject::CUE_SUBJECT,
        why_here:
            crate::why_here!("the cue's own subject, walking back over auxiliaries, asides and prepositional phrases"),
    },
    Rule {
        name: groups::OFFICE_HOLDER,
        why_here: crate::why_here!("an unnamed office holder or group as subject: who the next cued sentence names"),
    },
    Rule {
        name: pronouns::SURNAME,
        why_here: crate::why_here!("a bare surname the tagger missed, where the walk back finds a capitalised word"),
    },
    Rule {
        name: groups::MISSED_NAME,
        why_here: crate::why_here!("two or three capitalised words the tagger missed, after known surnames"),
    },
    Rule {
        name: groups::GROUP_PHRASE,
        why_here:
            crate::why_here!("a common-noun subject that names a group (\"Palestinian officials\"), as a phrase"),
    },
    Rule {
        name: groups::STATEMENT_ISSUER,
        why_here:
            crate::why_here!("\"the statement said\": who issued it in an earlier sentence, before institutions"),
    },
    Rule {
        name: groups::INSTITUTION_MENTION,
        why_here: crate::why_here!("\"the company said\": the most recent ORG (or place) mention it stands for"),
    },
    Rule {
        name: groups::INSTITUTION_ITSELF,
        why_here:
            crate::why_here!("\"the government said\" with no mention to stand for: the phrase itself, last of nouns"),
    },
    Rule {
        name: pronouns::PRONOUN,
        why_here: crate::why_here!("a pronoun subject: an earlier claim's speaker, once the walk found no name"),
    },
    Rule {
        name: subject::NAME_AFTER_CUE,
        why_here: crate::why_here!("nothing before the cue (\"..., said X\"): the name after it"),
    },
    Rule {
        name: quotes::TRAILING_ATTRIBUTION,
        why_here: crate::why_here!("nobody for the anchor cue: a trailing \", X said\" may name the speaker"),
    },
    Rule {
        name: quotes::STANCE_BEFORE_REPORTER,
        why_here: crate::why_here!("a reporter naming nobody: the stance verb before it, last of the anchored rules"),
    },
    Rule {
        name: quotes::STANCE_OWNER,
        why_here: crate::why_here!("no unquoted cue: \"X 's position is\" states X's stance"),
    },
    Rule {
        name: quotes::QUOTED_ACTOR,
        why_here: crate::why_here!("no unquoted cue: a named actor opening the quote is its stance cue's subject"),
    },
    Rule {
        name: quotes::QUOTED_PARAGRAPH,
        why_here: crate::why_here!("every cue quoted: the speaker of the sentence that closes or opened the quote"),
    },
    Rule {
        name: headline::HEADLINE_SOURCE,
        why_here: crate::why_here!("no cue at all: a source after a dash at a headline's end (\"... - RBA\")"),
    },
    Rule {
        name: headline::OPENING_ENTITY,
        why_here: crate::why_here!("no cue at all: the entity, pronoun or group that opens the sentence"),
    },
    Rule {
        name: headline::HEADLINE_LEAD,
        why_here: crate::why_here!("a headline the rules above give nobody for: its lead's speaker, last of all"),
    },
];

/// The names of [`RULES`], in order.
pub fn rule_names() -> Vec<&'static str> {
    RULES.iter().map(|r| r.name).collect()
}

/// A speaker found (an entity index, or a phrase's speaker index) and the rule that found it.
type Found = Option<(usize, &'static str)>;

/// The speaker of sentence `sentence_index` of `tokenized` (the tokenization of `text`), given
/// its claim cue (from [`find_cue`]; `None` means the caller has none, and then the cue is
/// looked for here before rule 6). See the module docs for the rules. Every rule is on: see
/// [`find_speaker_with`].
pub fn find_speaker(
    text: &str,
    tokenized: &Tokenized,
    entities: &[Entity],
    sentence_index: usize,
    cue: Option<&Cue>,
) -> Option<SpeakerRef> {
    find_speaker_with(
        text,
        tokenized,
        entities,
        sentence_index,
        cue,
        &RuleSwitches::all_on(),
    )
}

/// [`find_speaker`] with the rules `switches` turns off skipped (by their names in [`RULES`]),
/// in this sentence and in the earlier ones its look-backs read.
pub fn find_speaker_with(
    text: &str,
    tokenized: &Tokenized,
    entities: &[Entity],
    sentence_index: usize,
    cue: Option<&Cue>,
    switches: &RuleSwitches,
) -> Option<SpeakerRef> {
    let ctx = Ctx::new(text, tokenized, entities, sentence_index, switches);
    let cue = cue.copied().or_else(|| ctx.cue_of(sentence_index));
    let (got, rule) = ctx.speaker(sentence_index, cue, MAX_DEPTH)?;
    if let Some(ent) = entities.get(got) {
        return Some(SpeakerRef {
            entity: Some(got),
            start: ent.start,
            end: ent.end,
            rule,
        });
    }
    let (first, last) = ctx.entity_tokens(got)?;
    let toks = ctx.tokens();
    Some(SpeakerRef {
        entity: None,
        start: toks[first].start,
        end: toks[last].end,
        rule,
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
            Want::Any => lexicon::SPEAKER_LABELS.contains(label),
        }
    }
}

/// What a search for the subject found.
enum Subject {
    /// An entity (or phrase) and the rule that found it.
    Entity(usize, &'static str),
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
    /// The rules switched off.
    switches: &'a RuleSwitches,
}

impl<'a> Ctx<'a> {
    /// A search for the speaker of sentence `target`, nothing computed yet.
    fn new(
        text: &'a str,
        tokenized: &'a Tokenized,
        entities: &'a [Entity],
        target: usize,
        switches: &'a RuleSwitches,
    ) -> Ctx<'a> {
        Ctx {
            text,
            tokenized,
            entities,
            target,
            memo: RefCell::new(HashMap::new()),
            open_after: RefCell::new(HashMap::new()),
            phrases: RefCell::new(Vec::new()),
            named: RefCell::new(Vec::new()),
            switches,
        }
    }

    /// Whether the rule called `name` runs.
    fn on(&self, name: &str) -> bool {
        self.switches.is_on(name)
    }

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
        self.tokenized.layout.opens_paragraph(i)
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

    fn in_list(&self, i: usize, list: &WordList) -> bool {
        list.contains(&self.word(i))
    }

    /// Whether token `i` is a word skipped between a subject and its cue
    /// ([`lexicon::SKIP_BEFORE_CUE`], or a day or a month: [`lexicon::DAYS`],
    /// [`lexicon::MONTHS`]).
    fn skippable(&self, i: usize) -> bool {
        let w = self.word(i);
        lexicon::SKIP_BEFORE_CUE.contains(&w)
            || lexicon::DAYS.contains(&w)
            || lexicon::MONTHS.contains(&w)
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
        lexicon::SPEAKER_LABELS.contains(self.label(e))
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
            if self.in_list(p, &lexicon::PREPOSITIONS) {
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
                || self.skippable(p)
                || self.in_list(p, &lexicon::CONJUNCTIONS)
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
            && (self.skippable(j)
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
            && !self.in_list(j, &lexicon::PREPOSITIONS)
            && !self.in_list(j, &lexicon::DETERMINERS)
            && !self.in_list(j, &lexicon::CONJUNCTIONS)
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
                    || self.in_list(j, &lexicon::PREPOSITIONS)
                    || self.in_list(j, &lexicon::DETERMINERS)
                    || self.in_list(j, &lexicon::CONJUNCTIONS)
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
            if j > floor && self.in_list(j - 1, &lexicon::DETERMINERS) {
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

    /// The speaker of sentence `idx` with cue `cue`, as an entity index, and the name of the
    /// rule that found it.
    fn speaker(&self, idx: usize, cue: Option<Cue>, depth: usize) -> Found {
        self.speaker_rules(idx, cue, depth).or_else(|| {
            self.on(headline::HEADLINE_LEAD)
                .then(|| self.headline_speaker(idx, depth))
                .flatten()
                .map(|e| (e, headline::HEADLINE_LEAD))
        })
    }

    /// The rules in [`RULES`] order, but the headline's lead (tried last, by [`Ctx::speaker`]).
    fn speaker_rules(&self, idx: usize, cue: Option<Cue>, depth: usize) -> Found {
        let (s0, s1) = self.sentence_range(idx)?;
        let toks = &self.tokens()[s0..s1];
        let mask = self.quote_mask(idx);
        let is_quoted = |i: usize| mask.get(i.wrapping_sub(s0)).copied().unwrap_or(false);

        // Rule 1: "according to X", outside quotes.
        if self.on(according_to::ACCORDING_TO) {
            if let Some(e) = self.according_to(s0, s1, &is_quoted) {
                return Some((e, according_to::ACCORDING_TO));
            }
        }

        // "It quoted him as saying Norilsk should first pay ...": the one quoted.
        if self.on(according_to::QUOTED_AS_SAYING) {
            if let Some(e) = self.quoted_as_saying(idx, s0, s1, &is_quoted, depth) {
                return Some((e, according_to::QUOTED_AS_SAYING));
            }
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
            if self.on(quotes::TRAILING_ATTRIBUTION) {
                if let Some((e, _)) = trailing(last + 1 - s0)
                    .and_then(|(f, l)| self.anchored(idx, f, l, depth, &is_quoted))
                {
                    return Some((e, quotes::TRAILING_ATTRIBUTION));
                }
            }
            // "Beijing has called on Seoul to stop ..., a South Korean embassy spokesman said":
            // the reporter names nobody, the stance verb before it does.
            if !self.on(quotes::STANCE_BEFORE_REPORTER) {
                return None;
            }
            return found
                .iter()
                .filter(|m| !m.quoted && m.kind == CueKind::Advocacy && s0 + m.last < first)
                .find_map(|m| self.anchored(idx, s0 + m.first, s0 + m.last, depth, &is_quoted))
                .map(|(e, _)| (e, quotes::STANCE_BEFORE_REPORTER));
        }
        // "British Airways 's initial response was that ...", "President Arafat 's position is
        // clear that ...": whose stance the sentence states.
        if self.on(quotes::STANCE_OWNER) {
            if let Some(e) = self.stance_owner(s0, s1) {
                return Some((e, quotes::STANCE_OWNER));
            }
        }
        if self.on(quotes::QUOTED_ACTOR) {
            if let Some(e) = self.quoted_actor(s0, s1, found.first()) {
                return Some((e, quotes::QUOTED_ACTOR));
            }
        }
        if given.is_some() || !found.is_empty() || mask.first().copied().unwrap_or(false) {
            // Every cue is quoted, or the sentence is: a quoted paragraph.
            if !self.on(quotes::QUOTED_PARAGRAPH) {
                return None;
            }
            return self
                .quoted_paragraph(idx, depth)
                .map(|e| (e, quotes::QUOTED_PARAGRAPH));
        }
        // Rule 6: no cue; the entity that opens the sentence.
        self.opening_entity(idx, s0, s1, depth)
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

    /// The first name from token `from` (within the forward window, before punctuation other
    /// than a possessive, and before a preposition unless it follows an [`lexicon::OWNER_NOUNS`] noun:
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
                && ((self.in_list(j - 1, &lexicon::OWNER_NOUNS)
                    && self.in_list(j, &lexicon::OWNER_PREPOSITIONS))
                    || (self.in_list(j - 1, &lexicon::MEDIA_NOUNS) && self.word(j) == "in"));
            if self.in_list(j, &lexicon::PREPOSITIONS) && j > from && !owned {
                break;
            }
        }
        None
    }

    /// The speaker of sentence `j` with its own cue (none without a cue), remembered.
    fn speaker_memo(&self, j: usize, depth: usize) -> Option<usize> {
        if let Some(&known) = self.memo.borrow().get(&j) {
            return known;
        }
        let got = self
            .cue_of(j)
            .and_then(|cue| self.speaker(j, Some(cue), depth))
            .map(|(e, _)| e);
        if depth > 0 {
            self.memo.borrow_mut().insert(j, got);
        }
        got
    }
}
