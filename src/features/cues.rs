//! Claim cues: the reporting and advocacy words of a sentence ("called for", "urged", "said",
//! "according to", "should").
//!
//! The word lists are data: files in `src/lexicon/words/` ([`lexicon::REPORTING`],
//! [`lexicon::ADVOCACY`], [`lexicon::MODALS`], [`lexicon::GAP_WORDS`], ...); this file is the
//! matcher. A cue entry is one or more lower-case words separated by single spaces, written as
//! the tokenizer splits them ("do n't", "ca n't"). Inflections are listed explicitly; there is
//! no stemming. Matching is case-insensitive, and curly apostrophes count as straight ones.
//!
//! The lists' order decides nothing: at each token the longest phrase wins (most cue words,
//! then the widest span, then reporting over advocacy over modals), and two phrases that tie on
//! all three give the same match.

use crate::lexicon::{self, WordList};
use crate::tokens::{Sentence, Token};
use std::collections::HashMap;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// Tuning constants
// ---------------------------------------------------------------------------------------------

/// At most this many words after "asked" are read for [`lexicon::QUESTION_WORDS`].
const ASKED_WINDOW: usize = 8;

/// At most this many [`lexicon::GAP_WORDS`] between two words of one cue.
pub const MAX_GAP: usize = 3;

// ---------------------------------------------------------------------------------------------
// Algorithm
// ---------------------------------------------------------------------------------------------

/// A cue: the byte span of its words in the text, first cue word to last (`"called for"`, or
/// `"called on Saturday for"` when gap words stand between).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
}

impl Cue {
    /// The cue's text in `src` (empty when the span does not fit `src`).
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

/// Which list a cue comes from; reporting and advocacy outrank modals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CueKind {
    Reporting,
    Advocacy,
    Modal,
}

/// One match of a cue phrase: token indices into the slice it was found in (`first..=last`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    pub first: usize,
    pub last: usize,
    /// Number of cue words (gap words not counted).
    pub words: usize,
    pub kind: CueKind,
    /// Inside a quotation.
    pub quoted: bool,
}

/// A sentence's tokens: `sentence.tokens` indexes `tokens` when `tokens` is a text's whole token
/// list; when it does not fit (a caller passed the sentence's own tokens, or another list), the
/// tokens inside the sentence's byte span are used. Returns the slice and the index of its first
/// token in `tokens`.
pub(crate) fn sentence_slice<'t>(tokens: &'t [Token], sentence: &Sentence) -> (&'t [Token], usize) {
    if let Some(slice) = tokens.get(sentence.tokens.clone()) {
        let fits = slice.first().is_some_and(|t| t.start == sentence.start)
            && slice.last().is_some_and(|t| t.end == sentence.end);
        if fits {
            return (slice, sentence.tokens.start);
        }
    }
    let first = tokens.partition_point(|t| t.start < sentence.start);
    let end = first + tokens[first..].partition_point(|t| t.end <= sentence.end);
    (&tokens[first..end], first)
}

/// A token's text, lower case, with curly apostrophes made straight.
pub(crate) fn norm(text: &str, token: &Token) -> String {
    token.text(text).to_lowercase().replace(['’', '‘'], "'")
}

pub(crate) fn is_quote(word: &str) -> bool {
    lexicon::QUOTE_MARKS.contains(word)
}

/// For each token, whether it lies inside a quotation (the quote marks themselves count as
/// inside).
///
/// Curly and doubled quotes say whether they open or close. A straight `"` closes when one is
/// open; when none is, it closes (everything before it was quoted: the end of a quoted paragraph,
/// `... hostility , " the paper said`) if it follows `, . ! ? ...` (but not `said ,`) or ends the
/// sentence, and opens otherwise (`said : "`). A quote left open covers the rest of the sentence. Single curly quotes count only
/// when a `‘` opened them (a lone `’` is an apostrophe).
pub(crate) fn quoted_mask(text: &str, tokens: &[Token]) -> Vec<bool> {
    quote_state(text, tokens, false, false).0
}

/// [`quoted_mask`] for a sentence that starts inside a quotation when `open` is set (the quote
/// of a previous sentence is still open), and whether a quote is open at its end. `known` says
/// that `open` comes from reading the previous sentences: then a lone straight quote that ends
/// the sentence with no quote open opens the next paragraph's quote (`... now . "`) rather than
/// closing an unseen one, and so does a straight quote after a stop that another one follows in
/// the sentence (a quotation in the sentence's second half).
pub(crate) fn quote_state(
    text: &str,
    tokens: &[Token],
    mut open: bool,
    known: bool,
) -> (Vec<bool>, bool) {
    let mut out = vec![false; tokens.len()];
    let mut single = false;
    let mut closed_one = false;
    let last_straight = tokens
        .iter()
        .rposition(|t| matches!(t.text(text), "\"" | "＂"));
    let quote_after = |i: usize| last_straight.is_some_and(|l| l > i);
    for (i, t) in tokens.iter().enumerate() {
        let w = t.text(text);
        // `... hostility , "` closes; `he said , "` opens.
        let after_stop = i > 0
            && matches!(
                tokens[i - 1].text(text),
                "," | "." | "!" | "?" | "..." | "…"
            )
            && !(i > 1
                && tokens[i - 1].text(text) == ","
                && lexicon::REPORTING.contains(norm(text, &tokens[i - 2]).as_str()));
        let last = i + 1 == tokens.len();
        // (opens, closes)
        let (opens, closes) = match w {
            "“" | "„" | "«" | "``" => (true, false),
            "”" | "»" | "''" => (false, true),
            "‘" => {
                single = true;
                (true, false)
            }
            "’" if single => {
                single = false;
                (false, true)
            }
            "\"" | "＂" => {
                if open && i == 0 {
                    // A quote carried from the previous sentence and a quote mark opening this
                    // one: a quotation that runs over several paragraphs opens each of them
                    // and closes only the last.
                    (true, false)
                } else if open {
                    (false, true)
                } else if last && (closed_one || known) {
                    // `..., " he said . "`: the next paragraph's quote opens.
                    (true, false)
                } else if known && after_stop && quote_after(i) {
                    // No quote is open (the previous sentences were read) and another mark
                    // follows: `... expenditure , " whereas the proportion ... is one third " .`
                    // quotes what follows, not what went before.
                    (true, false)
                } else if after_stop || last {
                    (false, true)
                } else {
                    (true, false)
                }
            }
            _ => (false, false),
        };
        if opens {
            open = true;
            out[i] = true;
        } else if closes {
            out[i] = true;
            if !open {
                for o in out.iter_mut().take(i) {
                    *o = true;
                }
            }
            open = false;
            closed_one = true;
        } else {
            out[i] = open;
        }
    }
    (out, open)
}

/// Every cue phrase with its kind.
fn phrases() -> impl Iterator<Item = (&'static str, CueKind)> {
    let tag = |list: &'static WordList, kind| list.entries().iter().map(move |p| (*p, kind));
    tag(&lexicon::REPORTING, CueKind::Reporting)
        .chain(tag(&lexicon::ADVOCACY, CueKind::Advocacy))
        .chain(tag(&lexicon::MODALS, CueKind::Modal))
}

/// The cue phrases by their first word, in list order (built once): the matcher looks up a
/// token's phrases instead of scanning every list at every token (it runs for every sentence
/// of every text, for features and speakers alike).
fn phrases_by_first_word() -> &'static HashMap<&'static str, Vec<(&'static str, CueKind)>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<(&'static str, CueKind)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<&'static str, Vec<(&'static str, CueKind)>> = HashMap::new();
        for (p, kind) in phrases() {
            let first = p.split(' ').next().unwrap_or(p);
            index.entry(first).or_default().push((p, kind));
        }
        index
    })
}

/// Whether `word` may stand between the words of a cue: [`lexicon::GAP_WORDS`] or a day
/// ([`lexicon::DAYS`]).
fn is_gap_word(word: &str) -> bool {
    lexicon::GAP_WORDS.contains(word) || lexicon::DAYS.contains(word)
}

/// The last token index of `phrase` matched from `start`, with gap words allowed between its
/// words, or `None`.
fn match_at(words: &[String], start: usize, phrase: &str) -> Option<usize> {
    let mut i = start;
    let mut gap = 0;
    for (k, w) in phrase.split(' ').enumerate() {
        if k > 0 {
            i += 1;
            while words.get(i).is_some_and(|x| x != w && is_gap_word(x)) {
                gap += 1;
                i += 1;
                if gap > MAX_GAP {
                    return None;
                }
            }
        }
        if words.get(i)? != w {
            return None;
        }
    }
    Some(i)
}

/// Every cue in `tokens` (one sentence's tokens), left to right, taking at each position the
/// longest phrase (most cue words, then the widest span) and going on after it.
pub fn find_cues(text: &str, tokens: &[Token]) -> Vec<CueMatch> {
    find_cues_quoted(text, tokens, &quoted_mask(text, tokens))
}

/// [`find_cues`] with the quotation mask given (see `quote_state`).
pub(crate) fn find_cues_quoted(text: &str, tokens: &[Token], quoted: &[bool]) -> Vec<CueMatch> {
    let words: Vec<String> = tokens.iter().map(|t| norm(text, t)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let mut best: Option<CueMatch> = None;
        let candidates = phrases_by_first_word().get(words[i].as_str());
        for &(p, kind) in candidates.into_iter().flatten() {
            if let Some(last) = match_at(&words, i, p) {
                let m = CueMatch {
                    first: i,
                    last,
                    words: p.split(' ').count(),
                    kind,
                    quoted: quoted.get(i).copied().unwrap_or(false),
                };
                let better = match best {
                    None => true,
                    Some(b) => {
                        (m.words, m.last, std::cmp::Reverse(m.kind))
                            > (b.words, b.last, std::cmp::Reverse(b.kind))
                    }
                };
                if better {
                    best = Some(m);
                }
            }
        }
        // "the proposed privatization", "its plans to": a noun or an adjective, not a verb.
        let nominal = i > 0 && lexicon::NOUN_MARKERS.contains(words[i - 1].as_str());
        match best {
            Some(m) if nominal || not_a_stance(&words, &m) => i = m.last + 1,
            Some(m) => {
                out.push(m);
                i = m.last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether a matched cue phrase is used in a sense that carries no one's stance:
///
/// * "asked" that puts a question ("When asked whether ...", "was asked ... if") or asks for
///   anonymity ("who asked not to be identified"): a question word comes before any "to" /
///   "for" of a request;
/// * an advocacy participle in a reduced relative with its agent ("an assault backed by
///   Baghdad", "That strategy , backed up by ..."): with no auxiliary before it, the phrase
///   only describes its noun;
/// * "appeal(s)" naming a court ("a U.S. appeals court", "the Court of Appeals");
/// * a plan or intention to travel, meet or speak ("planned to travel to Sarajevo"):
///   scheduling ([`lexicon::SCHEDULE_VERBS`]).
fn not_a_stance(words: &[String], m: &CueMatch) -> bool {
    let at = |k: usize| words.get(k).map_or("", String::as_str);
    let word = at(m.first);
    let next = at(m.last + 1);
    let prev = if m.first > 0 { at(m.first - 1) } else { "" };
    if m.first == m.last && word == "asked" {
        for k in m.last + 1..(m.last + 1 + ASKED_WINDOW).min(words.len()) {
            match at(k) {
                "not" => return at(k + 1) == "to" && at(k + 2) == "be",
                "to" | "for" => return false,
                w if lexicon::QUESTION_WORDS.contains(w) => return true,
                _ => {}
            }
        }
        return false;
    }
    if m.first == m.last
        && m.kind == CueKind::Advocacy
        && word.ends_with("ed")
        && !lexicon::PARTICIPLE_AUXILIARIES.contains(prev)
        && (next == "by" || (next == "up" && at(m.last + 2) == "by"))
    {
        return true;
    }
    let intent = lexicon::INTENT_VERBS.contains(word);
    if intent && at(m.last) == "to" && lexicon::SCHEDULE_VERBS.contains(next) {
        return true;
    }
    if matches!(word, "appeal" | "appeals") {
        let before_of = if m.first > 1 { at(m.first - 2) } else { "" };
        return lexicon::COURT_NOUNS.contains(next)
            || (prev == "of" && lexicon::COURT_NOUNS.contains(before_of));
    }
    false
}

/// The cue that carries a sentence's claim, chosen from [`find_cues`]: the first reporting or
/// advocacy cue outside quotation marks; else the first modal outside them; else the first cue
/// inside a quotation. When the sentence opens with a fronted clause ("While avoiding ...,",
/// "Speaking after ...,": [`lexicon::FRONTED_CLAUSE_OPENERS`]), cues after its comma come first.
///
/// `tokens` is the text's whole token list (`sentence.tokens` indexes it); when the range does
/// not fit it, the tokens inside the sentence's byte span are used.
pub fn find_cue(text: &str, tokens: &[Token], sentence: &Sentence) -> Option<Cue> {
    let (toks, _) = sentence_slice(tokens, sentence);
    let cues = find_cues(text, toks);
    let main = fronted_clause_end(text, toks);
    let choose = |from: usize| {
        let after = || cues.iter().filter(move |m| m.first >= from);
        after()
            .find(|m| !m.quoted && m.kind != CueKind::Modal)
            .or_else(|| after().find(|m| !m.quoted))
            .or_else(|| after().next())
    };
    let chosen = choose(main).or_else(|| choose(0))?;
    let first = toks.get(chosen.first)?;
    let last = toks.get(chosen.last)?;
    Some(Cue {
        start: first.start,
        end: last.end,
    })
}

/// The index of the first token after a fronted clause's comma, or 0 when the sentence does not
/// open with one.
fn fronted_clause_end(text: &str, toks: &[Token]) -> usize {
    let first_word = toks.iter().position(|t| !is_quote(t.text(text)));
    let Some(f) = first_word else {
        return 0;
    };
    let word = norm(text, &toks[f]);
    let participle = word.len() > 5
        && word.ends_with("ing")
        && word != "according"
        && toks[f]
            .text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
    if !participle && !lexicon::FRONTED_CLAUSE_OPENERS.contains(word.as_str()) {
        return 0;
    }
    toks.iter()
        .skip(f + 1)
        .position(|t| t.text(text) == ",")
        .map_or(0, |p| f + 1 + p + 1)
}
