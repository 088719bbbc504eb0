//! Sports pages: results tables, a club's bracketed letter mark, clubs in brackets after
//! players, fixture lists ("Plymouth v Preston") and clubs with their countries.

use super::document::is_calendar_word;
use super::{Document, Labels, LONGEST_NAME};
use crate::tokens::TokenKind;
use std::collections::HashMap;

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

    /// "Defenders - Stephane Henchoz ( Hamburg ) , Marc Hottiger ( Everton )": in a squad list
    /// the name in brackets after each player is the player's club. Where most such names in
    /// the document are organisations, the rest are too; where most are places, the list gives
    /// countries ("Alex Zanardi ( Italy )") and is left alone.
    pub(super) fn bracketed_clubs(&mut self, labels: Labels) {
        let Some(org) = labels.organisation else {
            return;
        };
        let n = self.tokens.len();
        let after_person: Vec<usize> = (1..self.spans.len())
            .filter(|&k| {
                let (before, s) = (&self.spans[k - 1], &self.spans[k]);
                Some(before.label) == labels.person
                    && s.start == before.end + 1
                    && s.end < n
                    && self.word(before.end) == "("
                    && self.word(s.end) == ")"
            })
            .collect();
        let count = |label: Option<usize>| {
            after_person
                .iter()
                .filter(|&&k| Some(self.spans[k].label) == label)
                .count()
        };
        let clubs = count(Some(org));
        if clubs < 2 || clubs <= count(labels.place) + count(labels.person) {
            return;
        }
        for k in after_person {
            let label = Some(self.spans[k].label);
            if label == labels.place || label == labels.person {
                self.relabel(k, org);
            }
        }
    }

    /// "Plymouth v Preston , Reading v Stoke": the names either side of "v" in a document are
    /// teams of one kind. Where most are read one way (clubs, or countries), the rest are too.
    pub(super) fn fixture_lists(&mut self, labels: Labels) {
        let kinds = [labels.organisation, labels.place, labels.person];
        let mut sides: Vec<usize> = Vec::new();
        for k in 1..self.spans.len() {
            let (a, b) = (&self.spans[k - 1], &self.spans[k]);
            if b.start == a.end + 1 && matches!(self.word(a.end), "v" | "vs" | "vs.") {
                if sides.last() != Some(&(k - 1)) {
                    sides.push(k - 1);
                }
                sides.push(k);
            }
        }
        let sides: Vec<usize> = sides
            .into_iter()
            .filter(|&k| kinds.contains(&Some(self.spans[k].label)))
            .collect();
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for &k in &sides {
            *counts.entry(self.spans[k].label).or_default() += 1;
        }
        let Some((&kind, &most)) = counts.iter().max_by_key(|&(_, n)| *n) else {
            return;
        };
        if 2 * most <= sides.len() {
            return;
        }
        for k in sides {
            self.relabel(k, kind);
        }
    }

    /// "Levski Sofia ( Bulgaria ) 1 Olimpija ( Slovenia ) 0", "x-AEK Athens ( Greece ) v Chemlon
    /// Humenne ( Slovakia )": two names on a line, each followed by its country in brackets and
    /// then a score or "v", are the clubs of a match (a person's country, "Alex Zanardi ( Italy
    /// ) , Reynard", is followed by neither, and a runner's by a time).
    pub(super) fn clubs_with_countries(&mut self, labels: Labels) {
        let (Some(org), Some(place)) = (labels.organisation, labels.place) else {
            return;
        };
        let n = self.tokens.len();
        // The spans followed by "( country )" and then a score, "v", or the line's end, each
        // with the index of its ")".
        let with_country: Vec<(usize, usize)> = (0..self.spans.len())
            .filter_map(|k| {
                let end = self.spans[k].end;
                if end + 2 >= n || self.word(end) != "(" {
                    return None;
                }
                let c = self.covering(end + 1)?;
                let country = &self.spans[c];
                let close = country.end;
                let next_is_score = |t: usize| {
                    t >= n
                        || self.breaks_line(t)
                        || matches!(self.word(t), "v" | "vs")
                        || (self.tokens[t].kind == TokenKind::Number
                            && self.word(t).chars().all(|ch| ch.is_ascii_digit())
                            // Not the next rank of a results list ("2 . Johan Museeuw").
                            && !(t + 1 < n && self.word(t + 1) == "."))
                };
                (country.start == end + 1
                    && country.label == place
                    && close < n
                    && self.word(close) == ")"
                    && next_is_score(close + 1))
                .then_some((k, close))
            })
            .collect();
        for pair in with_country.windows(2) {
            let ((a, close), (b, _)) = (pair[0], pair[1]);
            // The second club right after the first's score or "v" (golf's "Name ( Country ) 69
            // 70" has four scores and one name a line).
            let between = close + 1;
            let score_or_v = self.tokens[between].kind == TokenKind::Number
                || matches!(self.word(between), "v" | "vs");
            if self.spans[b].start != close + 2
                || !score_or_v
                || self.breaks_line(between)
                || self.breaks_line(self.spans[b].start)
            {
                continue;
            }
            for k in [a, b] {
                let label = Some(self.spans[k].label);
                if label == labels.person || label == labels.place {
                    self.relabel(k, org);
                }
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
    fn clubs_in_brackets_after_players_are_organisations() {
        let squad = "Defenders - Stefan Henz ( Hamborg ) , Marc Hott ( Evertin ) , Ramo Vega \
                     ( Cagliaro ) , Yvan Quen ( Sionne ) , Pat Syl ( Servetta ) .";
        let tagged = [
            ("Stefan Henz", "PER", 0.9),
            ("Hamborg", "LOC", 0.6),
            ("Marc Hott", "PER", 0.9),
            ("Evertin", "ORG", 0.8),
            ("Ramo Vega", "PER", 0.9),
            ("Cagliaro", "LOC", 0.6),
            ("Yvan Quen", "PER", 0.9),
            ("Sionne", "ORG", 0.8),
            ("Pat Syl", "PER", 0.9),
            ("Servetta", "ORG", 0.8),
        ];
        let labels = |got: Vec<(String, &'static str)>| -> Vec<&'static str> {
            got.into_iter().map(|(_, l)| l).collect()
        };
        assert_eq!(
            labels(run(squad, &tagged)),
            vec!["PER", "ORG", "PER", "ORG", "PER", "ORG", "PER", "ORG", "PER", "ORG"]
        );
        let results = "1. Alex Zan ( Italia ) 2. Bryan Her ( U.S. ) 3. Paul Tra ( Sionne )";
        let tagged = [
            ("Alex Zan", "PER", 0.9),
            ("Italia", "LOC", 0.9),
            ("Bryan Her", "PER", 0.9),
            ("U.S.", "LOC", 0.9),
            ("Paul Tra", "PER", 0.9),
            ("Sionne", "ORG", 0.6),
        ];
        assert_eq!(
            labels(run(results, &tagged)),
            vec!["PER", "LOC", "PER", "LOC", "PER", "ORG"],
            "countries in most brackets: a results list"
        );
    }

    #[test]
    fn teams_either_side_of_v_are_of_one_kind() {
        let fixtures = "Millwal v Burnlee , Plymoth v Prestan , Readin v Stoak .";
        let tagged = [
            ("Millwal", "ORG", 0.9),
            ("Burnlee", "ORG", 0.9),
            ("Plymoth", "LOC", 0.6),
            ("Prestan", "ORG", 0.9),
            ("Readin", "LOC", 0.6),
            ("Stoak", "ORG", 0.9),
        ];
        let got = run(fixtures, &tagged);
        assert!(got.iter().all(|(_, l)| *l == "ORG"), "{got:?}");
        let internationals = "Englund v Pakistin , Walles v Irelund , Ajaxx v Brazill .";
        let tagged = [
            ("Englund", "LOC", 0.9),
            ("Pakistin", "LOC", 0.9),
            ("Walles", "LOC", 0.9),
            ("Irelund", "LOC", 0.9),
            ("Ajaxx", "ORG", 0.9),
            ("Brazill", "LOC", 0.9),
        ];
        let labels: Vec<&str> = run(internationals, &tagged)
            .iter()
            .map(|(_, l)| *l)
            .collect();
        assert_eq!(labels, vec!["LOC"; 6]);
        let even = run(
            "Ajaxx v Brazill .",
            &[("Ajaxx", "ORG", 0.9), ("Brazill", "LOC", 0.9)],
        );
        assert_eq!(
            even,
            owned(&[("Ajaxx", "ORG"), ("Brazill", "LOC")]),
            "no majority"
        );
    }

    #[test]
    fn two_names_with_countries_and_scores_on_a_line_are_clubs() {
        let text = "In Sofya : Levsky Sofya ( Bulgaria ) 1 Olimpia ( Slovenia ) 0\n\
                    1. Lanse Armstrang ( U.S. )\n2. Johann Museew ( Belgium )\n\
                    Pedro Linart ( Spain ) 69 70 71 72\n";
        let got = run(
            text,
            &[
                ("Sofya", "LOC", 0.9),
                ("Levsky Sofya", "PER", 0.6),
                ("Bulgaria", "LOC", 0.99),
                ("Olimpia", "PER", 0.6),
                ("Slovenia", "LOC", 0.99),
                ("Lanse Armstrang", "PER", 0.9),
                ("U.S.", "LOC", 0.99),
                ("Johann Museew", "PER", 0.9),
                ("Belgium", "LOC", 0.99),
                ("Pedro Linart", "PER", 0.9),
                ("Spain", "LOC", 0.99),
            ],
        );
        let labels: Vec<&str> = got.iter().map(|(_, l)| *l).collect();
        assert_eq!(
            labels,
            vec!["LOC", "ORG", "LOC", "ORG", "LOC", "PER", "LOC", "PER", "LOC", "PER", "LOC"],
            "a results list's ranks and a golfer's scores make no match"
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
