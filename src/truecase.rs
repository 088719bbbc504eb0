//! Title-case headlines ("China Advocates for Global Cooperation on AI Regulations") capitalise
//! every word, and a tagger that reads capitals as names then finds an organisation in the
//! whole line. The article below the headline says which of its words are names: one that the
//! body writes with a capital inside a sentence is kept, every other capitalised word is
//! lowered, and the tagger reads the headline as the body would have written it. Only the
//! features see the re-cased copy; the text, its tokens and every offset stay as they are.

use std::collections::HashSet;

/// Fewer capitalised long words than this and a first line is not a title-case headline.
const MIN_TITLE_WORDS: usize = 3;

/// The share of long words (4 letters or more) that must be capitalised.
const TITLE_SHARE: f32 = 0.7;

/// The text with a title-case first line re-cased from its body, byte for byte the same
/// length (so every token's span holds in both); `None` when the first line is no title-case
/// headline or nothing in it changes.
pub fn recased_headline(text: &str) -> Option<String> {
    let start = text.len() - text.trim_start().len();
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..line_end];
    let body = &text[line_end..];
    if body.trim().is_empty() || !is_title_case(line) {
        return None;
    }
    let names = capitalised_inside_sentences(body);
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    let mut changed = false;
    for (word, gap) in words_and_gaps(line) {
        out.push_str(gap);
        if keeps_its_capital(word, &names) {
            out.push_str(word);
        } else {
            let lowered = lower_same_length(word);
            changed |= lowered != word;
            out.push_str(&lowered);
        }
    }
    out.push_str(&text[out.len()..]);
    debug_assert_eq!(out.len(), text.len());
    changed.then_some(out)
}

fn is_title_case(line: &str) -> bool {
    let trimmed = line.trim_end();
    if trimmed.ends_with('.') || !line.chars().any(char::is_lowercase) {
        // A sentence, or an all-capitals headline (the tagger was trained on those).
        return false;
    }
    let long: Vec<&str> = words_and_gaps(line)
        .map(|(w, _)| w)
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let capitalised = long.iter().filter(|w| starts_upper(w)).count();
    capitalised >= MIN_TITLE_WORDS && capitalised as f32 >= TITLE_SHARE * long.len() as f32
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Words written with a capital somewhere inside a sentence of `body` (not its first word).
fn capitalised_inside_sentences(body: &str) -> HashSet<&str> {
    let mut names = HashSet::new();
    let mut sentence_start = true;
    for (word, gap) in words_and_gaps(body) {
        if gap
            .chars()
            .any(|c| matches!(c, '.' | '!' | '?' | '\n' | '"' | '“' | '”' | ':'))
        {
            sentence_start = true;
        }
        if !sentence_start && starts_upper(word) {
            names.insert(word);
        }
        sentence_start = false;
    }
    names
}

fn keeps_its_capital(word: &str, names: &HashSet<&str>) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    // "AI", "US", "WAIC", "iPhone": written that way on purpose.
    let marked = letters > 0 && (upper == letters || upper > 1 || !starts_upper(word));
    marked || names.contains(word)
}

/// Lower case where it keeps the byte length (every ASCII letter and most others).
fn lower_same_length(word: &str) -> String {
    word.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// The words of `s` (runs of letters, digits and inner apostrophes) each with the text before
/// it; the text after the last word is not returned.
fn words_and_gaps(s: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &s[at..];
        let start = rest.find(|c: char| c.is_alphanumeric())?;
        let len = rest[start..]
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphanumeric()
                    || (matches!(c, '\'' | '’')
                        && rest[start + i + c.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)))
            })
            .map_or(rest.len() - start, |(i, _)| i);
        let gap = &rest[..start];
        let word = &rest[start..start + len];
        at += start + len;
        Some((word, gap))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_case_headline_keeps_only_the_bodys_names() {
        let text = "Norway Backs Global Rules on AI Chips\n\nOslo said on Monday that Norway \
                    backs global rules for chips.";
        let got = recased_headline(text).expect("a title-case headline");
        assert_eq!(got.len(), text.len());
        assert!(
            got.starts_with("Norway backs global rules on AI chips\n"),
            "{got}"
        );
        assert_eq!(&got[38..], &text[38..], "the body is untouched");
    }

    #[test]
    fn sentences_all_capitals_and_lone_lines_are_left() {
        assert_eq!(
            recased_headline("Norway Backs Global Rules.\nOslo agreed."),
            None
        );
        assert_eq!(
            recased_headline("NORWAY BACKS GLOBAL RULES\nOslo agreed."),
            None
        );
        assert_eq!(recased_headline("Norway Backs Global Rules"), None);
        assert_eq!(
            recased_headline("Norway said on Monday it backs rules\nOslo agreed."),
            None,
            "a sentence-case first line"
        );
    }

    #[test]
    fn lowering_never_changes_a_byte_length() {
        // "İ" lowers to two chars; "Ǆ" to a one-char lower case of the same length.
        let text = "İstanbul Ǆemal Élan Über Café\nThe body says nothing.";
        let got = recased_headline(text).expect("re-cased");
        assert_eq!(got.len(), text.len());
        assert!(got.starts_with("İstanbul"), "{got}");
        assert!(got.contains("élan über café"), "{got}");
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        let words: Vec<&str> = words_and_gaps("Li's AI-led ‘plan’ o'clock")
            .map(|(w, _)| w)
            .collect();
        assert_eq!(words, vec!["Li's", "AI", "led", "plan", "o'clock"]);
    }
}
