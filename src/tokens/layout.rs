//! A text's page layout, found once by [`super::tokenize`]: where lines begin, which sentences
//! open a paragraph, and whether the text opens with a headline. The rules that read layout (a
//! headline's names and speaker, a dateline's place, a quoted paragraph's speaker, results tables
//! read line by line) ask here instead of each scanning the gaps between tokens for line breaks.

use super::{Sentence, Token, HEADLINE_MAX_TOKENS};

/// Lines, paragraphs and the headline of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// Per token: a line break stands between it and the token before (false for the first).
    line_starts: Vec<bool>,
    /// Per sentence: a blank line (two line breaks, or U+2029) stands between it and the
    /// sentence before; the first sentence opens the first paragraph.
    paragraph_starts: Vec<bool>,
    /// The first sentence stands on a line of its own and is short enough for a headline.
    headline: bool,
}

impl Layout {
    /// The layout of `text`, whose tokens and sentences these are.
    pub fn new(text: &str, tokens: &[Token], sentences: &[Sentence]) -> Layout {
        let gap = |from: usize, to: usize| text.get(from..to).unwrap_or("");
        let line_starts = (0..tokens.len())
            .map(|t| t > 0 && gap(tokens[t - 1].end, tokens[t].start).contains('\n'))
            .collect();
        let paragraph_starts = (0..sentences.len())
            .map(|i| {
                i == 0 || {
                    let between = gap(sentences[i - 1].end, sentences[i].start);
                    between.matches('\n').count() >= 2 || between.contains('\u{2029}')
                }
            })
            .collect();
        let headline = match sentences {
            [first, second, ..] => {
                gap(first.end, second.start).contains('\n')
                    && first.tokens.len() <= HEADLINE_MAX_TOKENS
            }
            _ => false,
        };
        Layout {
            line_starts,
            paragraph_starts,
            headline,
        }
    }

    /// Whether a line break stands right before token `t` (false past the end).
    pub fn starts_line(&self, t: usize) -> bool {
        self.line_starts.get(t).copied().unwrap_or(false)
    }

    /// Whether sentence `i` opens a paragraph (false past the end).
    pub fn opens_paragraph(&self, i: usize) -> bool {
        self.paragraph_starts.get(i).copied().unwrap_or(i == 0)
    }

    /// Whether the text opens with a headline: a first sentence of at most
    /// [`HEADLINE_MAX_TOKENS`] tokens on a line of its own, with more text below it.
    pub fn has_headline(&self) -> bool {
        self.headline
    }
}

#[cfg(test)]
mod tests {
    use crate::tokens::tokenize;

    #[test]
    fn lines_paragraphs_and_the_headline() {
        let text = "Senate passes the bill\nWASHINGTON (Reuters) - The Senate voted.\n\nIt passed 60-40. Then it rested.";
        let t = tokenize(text);
        let layout = &t.layout;
        assert!(layout.has_headline());
        let washington = t
            .tokens
            .iter()
            .position(|k| k.text(text) == "WASHINGTON")
            .unwrap();
        assert!(layout.starts_line(washington));
        assert!(!layout.starts_line(washington + 1));
        assert!(
            !layout.starts_line(0),
            "the first token has no line before it"
        );
        let opens: Vec<bool> = (0..t.sentences.len())
            .map(|i| layout.opens_paragraph(i))
            .collect();
        assert_eq!(opens, [true, false, true, false]);
        assert!(!layout.opens_paragraph(99) && !layout.starts_line(999));
    }

    #[test]
    fn a_long_first_line_or_a_single_sentence_is_no_headline() {
        let long = format!("{}.\nMore text.", vec!["word"; 25].join(" "));
        assert!(!tokenize(&long).layout.has_headline());
        assert!(!tokenize("Only one sentence here.").layout.has_headline());
        assert!(!tokenize("First sentence. Second on the same line.")
            .layout
            .has_headline());
    }
}
