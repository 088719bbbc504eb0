//! Sentence boundaries over the token list. See the module docs of `tokens` for the rules.
//!
//! One pass over the tokens; each decision looks at the whitespace between two tokens and at most a
//! few tokens back (closing quotes after the terminator), so the whole pass is linear.

use super::abbreviations::{self, Abbrev};
use super::chars::{
    is_ambiguous_quote, is_closing, is_mark, is_opening, is_terminator, is_unspaced_terminator,
    line_break_weight,
};
use super::{Sentence, Token, TokenKind};

pub(crate) fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut quotes = Quotes::default();
    for i in 1..tokens.len() {
        quotes.see(text, &tokens[i - 1], i - 1);
        if ends_sentence(text, tokens, i - 1, &mut quotes) {
            out.push(sentence(tokens, first, i));
            first = i;
        }
    }
    if first < tokens.len() {
        out.push(sentence(tokens, first, tokens.len()));
    }
    out
}

/// Straight double quotes open and close alike; when spaces surround them (CoNLL text, careless
/// typing) only their parity on the line, or a line that ends with one, tells which is which. A closing one belongs to the
/// sentence before it: `... front . " Shearer` ends after the quote, not before it.
#[derive(Debug, Default)]
struct Quotes {
    /// A straight double quote is open on this line.
    open: bool,
    /// Index of the last straight double quote that closed one.
    last_closing: Option<usize>,
}

impl Quotes {
    fn see(&mut self, text: &str, t: &Token, i: usize) {
        if is_straight_double_quote(text_of(text, t)) {
            if self.open {
                self.last_closing = Some(i);
            }
            self.open = !self.open;
        }
    }
}

fn is_straight_double_quote(s: &str) -> bool {
    matches!(s, "\"" | "＂")
}

fn sentence(tokens: &[Token], first: usize, end: usize) -> Sentence {
    Sentence {
        start: tokens[first].start,
        end: tokens[end - 1].end,
        tokens: first..end,
    }
}

fn text_of<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

/// A one-char punctuation token that closes: `)`, `”`, `’`, or a straight quote right after the
/// terminator.
fn is_closer(text: &str, t: &Token) -> bool {
    if t.kind != TokenKind::Punct {
        return false;
    }
    let mut cs = text_of(text, t).chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_closing(c) || is_ambiguous_quote(c))
}

/// How strongly token `t` ends a sentence, if it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// ". ! ? … ..." as their own token: ends before a capital, digit or opening quote.
    Strong,
    /// An abbreviation or acronym whose period also ends the sentence ("Inc.", "U.S."): ends only
    /// before a typical sentence opener ("The", "He", "But"), since "U.S. President" is far more
    /// common in news than "... in the U.S. President ...".
    Weak,
}

fn end_kind(text: &str, t: &Token) -> Option<End> {
    let s = text_of(text, t);
    match t.kind {
        TokenKind::Punct if !s.is_empty() && s.chars().all(is_terminator) => Some(End::Strong),
        TokenKind::Word if s.len() > 1 && s.ends_with('.') => {
            let word = &s[..s.len() - 1];
            let mut letters = word.chars().filter(|c| !is_mark(*c));
            let initial =
                letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none();
            match abbreviations::lookup(word) {
                _ if initial => None,
                Some(Abbrev::Title | Abbrev::BeforeNumber) => None,
                _ => Some(End::Weak),
            }
        }
        // List numbers "1." never end a sentence.
        _ => None,
    }
}

/// Whether a sentence ends between token `i` and token `i + 1`.
fn ends_sentence(text: &str, tokens: &[Token], i: usize, quotes: &mut Quotes) -> bool {
    let (tok, next) = (&tokens[i], &tokens[i + 1]);
    let gap = text.get(tok.end..next.start).unwrap_or("");
    let next_text = text_of(text, next);
    let Some(next_first) = next_text.chars().next() else {
        return false;
    };

    // Line breaks: a blank line always ends a sentence; one line break does unless the next line
    // goes on in lower case (a wrapped line).
    let mut breaks = 0;
    let mut chars = gap.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        breaks += line_break_weight(c);
    }
    if breaks >= 1 {
        quotes.open = false;
        return breaks >= 2 || !next_first.is_lowercase();
    }

    // Within a line: find the terminator, possibly followed by closing quotes or brackets ('."', '.)'),
    // or by a straight quote that closes by parity (`. "`).
    let mut k = i;
    if quotes.last_closing == Some(i) && k > 0 {
        k -= 1;
    }
    while is_closer(text, &tokens[k]) && k > 0 && tokens[k - 1].end == tokens[k].start && i - k < 3
    {
        k -= 1;
    }
    let Some(end) = end_kind(text, &tokens[k]) else {
        return false;
    };

    // The terminators of unspaced scripts ("。") end a sentence whatever follows, even no space.
    let last = text_of(text, &tokens[k]).chars().next_back();
    if last.is_some_and(is_unspaced_terminator) {
        return !is_closer(text, next) && end_kind(text, next).is_none();
    }
    if gap.is_empty() {
        return false;
    }
    // A straight quote that closes (by parity, or because its line ends with it) goes with this
    // sentence, which may end after it.
    let next_ends_line = || {
        let after = tokens.get(i + 2).map_or(text.len(), |t| t.start);
        let gap = text.get(next.end..after).unwrap_or("");
        after == text.len() || gap.chars().any(|c| line_break_weight(c) > 0)
    };
    if is_straight_double_quote(next_text) && (quotes.open || next_ends_line()) {
        return false;
    }
    match end {
        End::Strong => {
            next_first.is_numeric()
                || is_opening(next_first)
                || is_ambiguous_quote(next_first)
                || (next_first.is_alphabetic() && !next_first.is_lowercase())
        }
        End::Weak => next.kind == TokenKind::Word && is_sentence_opener(next_text),
    }
}

/// Capitalised function words that usually open a sentence and rarely follow "U.S." or "Inc."
/// inside one.
fn is_sentence_opener(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > 10 || !bytes[0].is_ascii_uppercase() {
        return false;
    }
    let mut key = [0u8; 10];
    for (k, b) in key.iter_mut().zip(bytes) {
        *k = b.to_ascii_lowercase();
    }
    matches!(
        &key[..bytes.len()],
        b"a" | b"after"
            | b"also"
            | b"although"
            | b"an"
            | b"and"
            | b"another"
            | b"as"
            | b"at"
            | b"before"
            | b"both"
            | b"but"
            | b"by"
            | b"despite"
            | b"during"
            | b"earlier"
            | b"even"
            | b"for"
            | b"he"
            | b"her"
            | b"here"
            | b"his"
            | b"how"
            | b"however"
            | b"i"
            | b"if"
            | b"in"
            | b"it"
            | b"its"
            | b"last"
            | b"later"
            | b"many"
            | b"meanwhile"
            | b"most"
            | b"my"
            | b"now"
            | b"on"
            | b"one"
            | b"or"
            | b"our"
            | b"she"
            | b"since"
            | b"so"
            | b"some"
            | b"still"
            | b"such"
            | b"that"
            | b"the"
            | b"their"
            | b"then"
            | b"there"
            | b"these"
            | b"they"
            | b"this"
            | b"those"
            | b"though"
            | b"today"
            | b"we"
            | b"what"
            | b"when"
            | b"where"
            | b"which"
            | b"while"
            | b"who"
            | b"why"
            | b"yesterday"
            | b"yet"
            | b"you"
    )
}
