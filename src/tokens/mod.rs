//! Sentences and words with byte spans.
//!
//! [`tokenize`] turns a text into [`Token`]s (byte spans into the text, end exclusive, with a
//! [`TokenKind`]) grouped into [`Sentence`]s. It is a hand-written scanner, not a regex: the wasm
//! stays small, the scan is one linear pass, it allocates only the two output vectors, and it never
//! panics on any `&str` (control characters, lone combining marks, 10 MB inputs).
//!
//! Two kinds of text must both work: real news as pasted from a page, and CoNLL-2003 text rebuilt
//! by joining the gold tokens with single spaces and the sentences with `"\n"`. On the latter the
//! tokenizer never produces a token that crosses whitespace, and reproduces the gold tokens for all
//! but a handful of odd ones (a test measures it when the corpus is present).
//!
//! # Tokens
//!
//! * **Whitespace separates.** Any Unicode whitespace (NBSP and U+3000 included), control characters,
//!   U+200B ZERO WIDTH SPACE and U+FEFF. None of these is ever inside a token, and they make no token.
//! * **Words** are letters, digits and combining marks of any script ("李强", "café", "cafe\u{301}"),
//!   joined by a hyphen ("Chinese-led", "1996-08-22", "Pro-Israeli"), a period before a letter or
//!   digit ("U.S", "3.5", "S.AFRICA"), an apostrophe between letters ("O'Neill"), `/` ("and/or",
//!   "1/2"), `&` ("AT&T"), `_`, and `,` or `:` between digits ("1,234.56", "10:30"). A word made of
//!   digits and separators (with an optional sign) is a [`TokenKind::Number`]. A hyphen that ends
//!   the chunk stays on its word ("pre- and post-war"). A period between letters always joins, so a
//!   missing space ("said.The") gives one token. Scripts written without spaces (Chinese, Japanese,
//!   Thai) are not segmented: a run of letters is one word.
//! * **The final period** is split off, except for: abbreviations from `abbreviations.rs` ("Dr.",
//!   "Jan.", "Inc.", "Calif.", "etc."; case-sensitive so "ill." or "no." at a sentence end still split;
//!   "No." only before a number); single-letter initials ("J."); dotted acronyms of short letter
//!   groups ("U.S.", "a.m.", "Ph.D.", and "Iraq-U.N."; "U.S.-led" stays one token); and list numbers
//!   of up to three digits that open a line ("1. Sampras", as in CoNLL results tables). When such a
//!   word ends a sentence its period does both jobs (one token, as in the Penn Treebank).
//! * **Punctuation** splits off as one token per char: quotes straight and curly, brackets, `, ; : ! ?`.
//!   A run of periods ("..", "...", "....") or of "…" is one token, as is a run of dashes: "—", "–",
//!   or two or more hyphens ("--"). A lone hyphen that joins nothing is a token "-".
//! * **Clitics** split: "China's" -> "China" "'s", "Trump’s" -> "Trump" "’s", "don't" -> "do" "n't"
//!   (Penn Treebank style, so "can't" -> "ca" "n't"), "it's", "they're", "I'm", "we've", "she'll",
//!   "he'd"; "Jones'" -> "Jones" "'". A clitic standing alone ("'s", "n't") is one token, and so is a
//!   decade ("'90s").
//! * **Signs**: "-2.5", "+44", ".5" keep the sign (or point) when it opens the chunk or follows an
//!   opening bracket or quote. Currency symbols split ("$5" -> "$" "5", "50%" -> "50" "%"), except the
//!   prefixes of one to three capitals glued to "$" ("US$", "C$", "HK$"), which are one symbol.
//! * **URLs** ("http://", "https://", "www.") run to the whitespace, less trailing punctuation (a
//!   closing bracket stays when it closes one inside the URL). **E-mail addresses** are one token;
//!   **@handles** and **#hashtags** too (a hashtag needs a letter: "#1" is "#" "1").
//! * **HTML entities** ("&amp;", "&#8217;") are never decoded: alone they are one symbol token,
//!   inside a word ("AT&amp;T") they stay in it.
//! * **Emoji** are symbols, one token per sequence: skin tones, variation selectors, ZWJ families
//!   ("👩‍👩‍👧") and flags stay whole. Other symbols are one token per run of the same char ("**").
//! * All-caps text is tokenized like any other: no rule looks at case except the abbreviation list
//!   (where ALL CAPS is accepted) and sentence boundaries.
//!
//! # Sentences
//!
//! * A blank line (two or more line breaks, or U+2029) always ends a sentence.
//! * A single line break ends one unless the next line starts with a lower-case letter.
//! * Within a line, a sentence ends after ". ! ? … ..." (and "。" "！" "？"), possibly followed by
//!   closing quotes or brackets, when whitespace follows and then a capital or uncased letter, a digit,
//!   or an opening quote or bracket. The ideographic "。" "！" "？" end one whatever follows, space or
//!   not. A straight `"` standing apart closes (and stays with the sentence before) when a quote is
//!   open on the line or when it is the last token of its line: `he said . "` then a new sentence.
//! * Not after a title ("Mr.", "Dr.", "Gov.", "St.", "vs."), "No.", a single-letter initial or a list
//!   number: "Dr. Jane Smith", "J. R. R. Tolkien", "No. 10 Downing St." stay whole (so does
//!   "vitamin C. The": the cost of keeping initials).
//! * After another abbreviation or acronym that kept its period ("Inc.", "Jan.", "U.S."), only
//!   when a typical sentence opener follows ("The", "He", "But", ...): "the U.S. President" and
//!   "Jan. 5" do not split, "in the U.S. The" does.
//! * A sentence spans from its first token's start to its last token's end; every token belongs to
//!   exactly one sentence, in order, and no sentence is empty.

mod abbreviations;
mod chars;
pub mod layout;
mod scan;
mod sentences;

/// Whether a token is an emoji or other pictograph (it starts with one).
pub(crate) fn is_pictographic(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|c| chars::is_emoji_base(c) || chars::is_regional_indicator(c))
}

pub use layout::Layout;
use std::ops::Range;

/// The most tokens a headline has: CoNLL's 1,162 train and valid headlines have at most 17, and
/// a modern article's lead paragraph, one long sentence on a line of its own, is no headline.
/// Read by the document rules (decode) and the speaker rules (claims).
pub const HEADLINE_MAX_TOKENS: usize = 20;

/// What a token is. The scanner decides it from the characters alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (any script), maybe with digits, hyphens, inner periods, apostrophes; clitics ("'s").
    Word,
    /// Digits with separators and an optional sign: "1,000.50", "-2.5", "1996-08-22", "10:30", "1.".
    Number,
    /// Quotes, brackets, `. , ; : ! ?`, ellipses, dashes.
    Punct,
    /// "http://...", "https://...", "www....".
    Url,
    /// "@handle" or "#hashtag".
    Handle,
    /// "name@example.com".
    Email,
    /// Everything else: "$", "%", "&", "&amp;", "US$", emoji, "©", "+".
    Symbol,
}

/// A token: a byte span into the text (`start..end`, end exclusive) and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text in `src`, the text it was made from (empty if `src` is another text that is
    /// too short or not cut on a char boundary there, rather than a panic).
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

/// A sentence: its byte span (first token's start to last token's end) and its tokens as an index
/// range into [`Tokenized::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// All tokens of a text, in order, and the sentences that partition them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokenized {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Lines, paragraphs and the headline ([`Layout`]).
    pub layout: Layout,
}

impl Tokenized {
    /// Tokens and sentences of `text` found elsewhere (a gold tokenization), with their layout.
    pub fn with_layout(text: &str, tokens: Vec<Token>, sentences: Vec<Sentence>) -> Tokenized {
        let layout = Layout::new(text, &tokens, &sentences);
        Tokenized {
            tokens,
            sentences,
            layout,
        }
    }

    /// The tokens of one sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        self.tokens.get(sentence.tokens.clone()).unwrap_or(&[])
    }
}

/// Splits `text` into tokens and sentences. Linear time; never panics.
#[must_use]
pub fn tokenize(text: &str) -> Tokenized {
    let tokens = scan::scan(text);
    let sentences = sentences::split(text, &tokens);
    Tokenized::with_layout(text, tokens, sentences)
}
