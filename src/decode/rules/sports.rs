//! Sports pages: results tables and a club's bracketed letter mark.

use super::document::is_calendar_word;
use super::{Document, Labels, LONGEST_NAME};
use crate::tokens::TokenKind;

impl<'a> Document<'a> {
    /// "Proleter ( Z )": a club's one-letter town mark in brackets is part of its name (league
    /// tables; in CoNLL train 8 of 9 such marks after a club are inside its name), while a
    /// bracketed acronym after a name ("( KDP )") is a name of its own.
    pub(super) fn bracketed_letter_marks(&mut self, labels: Labels) {
        let Some(org) = labels.organisation else {
            return;
        };
        let n = self.tokens.len();
        let is_mark = |w: &str| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
        };
        self.widen_spans(|doc, s| {
            (s.label == org
                && s.end + 2 < n
                && doc.word(s.end) == "("
                && is_mark(doc.word(s.end + 1))
                && doc.word(s.end + 2) == ")")
                .then(|| (s.start, s.end + 3, org))
        });
    }

    /// Lines of a results table: "Boroughmuir 20 Hawick 23" (a result) and "Greenock Morton 3
    /// 2 0 1 5 2 6" (a standings row). The words before each score are one name, and the two
    /// names of a result are names of one kind (two clubs, two countries). The tagger misses a
    /// club that opens such a line or whose name is also a word ("Sale 31 Wasps 33"), and splits
    /// a two-word club in two. In CoNLL train the rule changes 3 of the 1,809 names in such lines,
    /// each a labelling slip ("St. Gallen" with "Gallen" left out).
    pub(super) fn results_tables(&mut self) {
        for (start, end) in self.lines() {
            if let Some(names) = self.table_names(start, end) {
                self.label_table_names(&names);
            }
        }
    }

    /// The names of the results-table line `start..end`: one name and five or more numbers,
    /// or a name, a score, an optional comma, a name and a score.
    pub(super) fn table_names(&self, start: usize, end: usize) -> Option<Vec<(usize, usize)>> {
        let is_number = |t: usize| self.tokens[t].kind == TokenKind::Number;
        let name_end = |from: usize| (from..end).find(|&t| is_number(t)).unwrap_or(end);
        let first = name_end(start);
        if first == start || first == end || !self.is_table_name(start, first) {
            return None;
        }
        if (first..end).all(is_number) && end - first >= 5 {
            return Some(vec![(start, first)]);
        }
        let mut second = first + 1;
        if second < end && self.word(second) == "," {
            second += 1;
        }
        let second_end = name_end(second);
        (second_end + 1 == end && second_end > second && self.is_table_name(second, second_end))
            .then(|| vec![(start, first), (second, second_end)])
    }

    /// Words that can spell a club in a table: capitalised words, "'s" and "&" ("Heriot 's
    /// F.P.", "Brighton & Hove"); no brackets, no sentence, no month (a poll's "Allensbach
    /// April 38").
    pub(super) fn is_table_name(&self, start: usize, end: usize) -> bool {
        end - start <= LONGEST_NAME
            && (start..end).all(|t| {
                (self.is_capitalised(t) && !is_calendar_word(self.word(t)))
                    || matches!(self.word(t), "'s" | "’s" | "&")
            })
    }

    /// Each name of one table line becomes one span, labelled as the spans inside it are, or,
    /// where it has none, as the line's other name is. A name whose spans disagree, or that
    /// shares a span with the words around it, is left alone.
    pub(super) fn label_table_names(&mut self, names: &[(usize, usize)]) {
        let mut found = Vec::new();
        for &(start, end) in names {
            let mut label = None;
            for t in start..end {
                let Some(k) = self.covering(t) else { continue };
                let s = &self.spans[k];
                if s.start < start || s.end > end || label.is_some_and(|l| l != s.label) {
                    return;
                }
                label = Some(s.label);
            }
            found.push(label);
        }
        let known: Vec<usize> = found.iter().flatten().copied().collect();
        let shared = known
            .first()
            .copied()
            .filter(|&l| known.iter().all(|&k| k == l));
        for (&(start, end), label) in names.iter().zip(found) {
            if let Some(label) = label.or(shared) {
                self.set(start, end, label);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn each_name_of_a_results_line_is_one_name_of_the_lines_kind() {
        let text = "Division one\nBrackmoor 20 Hawlick 23\nGreenhow Morten 3 2 0 1 5 2 6\n\
                    Sale 31 Wasps 33\nFerrandia 2 , Belgrovia 0\nAllensworth April 38 41\n\
                    Brackmoor won 20 to 23";
        let got = run(
            text,
            &[
                ("Hawlick", "ORG", 0.9),
                ("Greenhow", "ORG", 0.7),
                ("Morten", "ORG", 0.6),
                ("Wasps", "ORG", 0.9),
                ("Ferrandia", "LOC", 0.9),
                ("Belgrovia", "ORG", 0.6),
                ("Allensworth", "ORG", 0.6),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("Brackmoor", "ORG"),
                ("Hawlick", "ORG"),
                ("Greenhow Morten", "ORG"),
                ("Sale", "ORG"),
                ("Wasps", "ORG"),
                // Two names of different kinds: nothing to go by.
                ("Ferrandia", "LOC"),
                ("Belgrovia", "ORG"),
                // A poll's month is no part of a name; a sentence is no table line.
                ("Allensworth", "ORG"),
            ])
        );
    }

    #[test]
    fn a_clubs_bracketed_letter_mark_is_part_of_its_name() {
        let text = "Hajduk 2 Proleter ( Z ) 0\nZemun 1 Rad ( B ) 0\nKurdistan Democratic Party ( KDP ) won";
        let got = run(
            text,
            &[
                ("Hajduk", "ORG", 0.9),
                ("Proleter", "ORG", 0.9),
                ("Z", "ORG", 0.6),
                ("Zemun", "ORG", 0.9),
                ("Rad", "ORG", 0.9),
                ("Kurdistan Democratic Party", "ORG", 0.9),
                ("KDP", "ORG", 0.9),
            ],
        );
        let names: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Hajduk",
                "Proleter ( Z )",
                "Zemun",
                "Rad ( B )",
                "Kurdistan Democratic Party",
                "KDP"
            ],
            "one letter joins the club, a bracketed acronym stays a name of its own"
        );
    }
}
