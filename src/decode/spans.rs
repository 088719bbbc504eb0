//! Span clean-up rules that the CoNLL-style annotation follows and a tagger can miss:
//! titles and honorifics are not part of a name, nor is a leading "the" or a trailing
//! possessive.

use crate::decode::TokenSpan;
use crate::tokens::Token;

/// Words that precede a name without being part of it (lower case, without a final period).
const TITLES: &[&str] = &[
    "president",
    "vice-president",
    "premier",
    "prime",
    "minister",
    "chancellor",
    "secretary-general",
    "secretary",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sir",
    "lord",
    "lady",
    "dame",
    "judge",
    "justice",
    "chairman",
    "chairwoman",
    "ceo",
    "coach",
    "captain",
    "capt",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "rev",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "sgt",
    "adm",
    "admiral",
    "sheikh",
    "ayatollah",
    "archbishop",
    "bishop",
    "cardinal",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "director",
    "chief",
    "executive",
    "deputy",
    "foreign",
    "finance",
    "defence",
    "defense",
    "interior",
    "co-premier",
    "co-premiers",
    "premiers",
    "leader",
    "commander",
];

/// A name has a word in it: "111-20/32" or "1,874-of-3,362" never is one.
pub fn has_letters(text: &str, tokens: &[Token]) -> bool {
    tokens.iter().any(|t| {
        let w = t.text(text);
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2 || (letters == 1 && w.chars().count() <= 2)
    })
}

fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLES.contains(&w.as_str())
}

fn is_article(word: &str) -> bool {
    word.eq_ignore_ascii_case("the")
}

fn is_possessive(word: &str) -> bool {
    matches!(word, "'s" | "’s" | "'S" | "’S" | "'" | "’")
}

/// Trims one span; `None` when nothing of it is left.
pub fn trim(
    text: &str,
    tokens: &[Token],
    mut span: TokenSpan,
    person_label: Option<usize>,
) -> Option<TokenSpan> {
    let word = |i: usize| tokens[i].text(text);
    // Emoji, dashes and stray quotes at the edges are never part of a name.
    let bare = |i: usize| !word(i).chars().any(char::is_alphanumeric);
    while span.end - span.start > 1 && (is_possessive(word(span.end - 1)) || bare(span.end - 1)) {
        span.end -= 1;
    }
    while span.end - span.start > 1 {
        let first = word(span.start);
        let strip = is_article(first)
            || bare(span.start)
            || (Some(span.label) == person_label && is_title(first));
        if !strip {
            break;
        }
        span.start += 1;
    }
    if span.end - span.start == 1
        && (is_article(word(span.start)) || is_possessive(word(span.start)))
    {
        return None;
    }
    Some(span)
}
