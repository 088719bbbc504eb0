//! Organisations: today's names the 1996 tagger does not know ("Google"), names before an
//! organisation's noun ("the Likud party"), and a head noun with "of" and a name
//! ("House of Lords").

use super::document::{is_calendar_word, looks_like_adjective};
use super::{Document, Labels, LONGEST_NAME};
use crate::decode::spans;
use crate::lexicon;

impl<'a> Document<'a> {
    /// Every mention of a `lexicon::MODERN_ORGANISATIONS` name that the tagger missed or read
    /// alone as something else is that organisation.
    pub(super) fn known_organisations(&mut self, labels: Labels) {
        let Some(org) = labels.organisation else {
            return;
        };
        for t in 0..self.tokens.len() {
            if !lexicon::MODERN_ORGANISATIONS.contains(self.word(t)) {
                continue;
            }
            let alone = self.covering(t).is_none_or(|k| {
                let s = &self.spans[k];
                s.start == t && s.end == t + 1
            });
            if alone {
                self.set(t, t + 1, org);
            }
        }
    }

    /// "the religious Jamaat-i-Islami party", "the Northern League party", "the state-run Ihlas
    /// news agency": the name before an organisation's noun is the organisation, where the
    /// tagger missed it or read it as a person. A missed name is its capitalised words, not
    /// opening a sentence and not an adjective ("Democratic party").
    pub(super) fn organisations_before_organisation_nouns(&mut self, labels: Labels) {
        let Some(org) = labels.organisation else {
            return;
        };
        for noun in 2..self.tokens.len() {
            if !lexicon::ORGANISATION_NOUNS_AFTER_NAME.contains(self.word(noun)) {
                continue;
            }
            let end = if self.word(noun) == "agency" && self.is_word(noun - 1, "news") {
                noun - 1
            } else {
                noun
            };
            if end < 2 {
                continue;
            }
            match self.covering(end - 1) {
                Some(k) => {
                    let s = &self.spans[k];
                    if s.end == end && Some(s.label) == labels.person {
                        self.relabel(k, org);
                    }
                }
                None => {
                    let mut start = end;
                    while start > 0
                        && end - start < LONGEST_NAME
                        && self.is_free(start - 1)
                        && self.is_capitalised(start - 1)
                        && !matches!(self.word(start - 1), "The" | "A" | "An")
                    {
                        start -= 1;
                    }
                    let last = self.word(end - 1);
                    let adjective = looks_like_adjective(last) && start + 1 == end;
                    if start < end && !self.opens_sentence[start] && !adjective {
                        self.set(start, end, org);
                    }
                }
            }
        }
    }

    /// "the House of Lords", "the Commission on Presidential Debates", "the League of Women
    /// Voters": an organisation's head noun, "of", "for" or "on" and capitalised words make one
    /// organisation's name, which the tagger reads in pieces ("House" alone, "Michigan" as a
    /// place) or misses. The tagger's reading stands where a span crosses the name's edges, where
    /// a person is named after the preposition ("the Front of General Viljoen"), and where one
    /// span already covers the whole name.
    pub(super) fn organisations_named_with_of(&mut self, labels: Labels) {
        let (Some(org), n) = (labels.organisation, self.tokens.len()) else {
            return;
        };
        for head in 0..n.saturating_sub(2) {
            if !lexicon::ORGANISATION_HEADS_BEFORE_OF.contains(self.word(head))
                || !["of", "for", "on"]
                    .iter()
                    .any(|p| self.is_word(head + 1, p))
                || self.opens_sentence[head + 2]
            {
                continue;
            }
            // The name after the preposition: capitalised words, up to a title ("the Reserve
            // Bank of India Governor", "the Awami League of Prime Minister Hasina"); its first
            // word may be one when the next is not ("Foreign Relations").
            let title = |t: usize| t < n && spans::is_title(self.word(t));
            let mut end = head + 2;
            while end < n
                && end - (head + 2) < LONGEST_NAME
                && self.is_capitalised(end)
                && !self.opens_sentence[end]
                && !(title(end) && (end > head + 2 || title(end + 1)))
                && !is_calendar_word(self.word(end))
            {
                end += 1;
            }
            if end == head + 2 {
                continue;
            }
            // Its start: the span ending at the head ("Reserve Bank"), or the capitalised words
            // the tagger left before it.
            let start = match self.covering(head) {
                Some(k) if self.spans[k].end == head + 1 => self.spans[k].start,
                Some(_) => continue,
                None => {
                    let mut start = head;
                    while start > 0
                        && !self.opens_sentence[start]
                        && self.is_free(start - 1)
                        && self.is_capitalised(start - 1)
                        && !spans::is_title(self.word(start - 1))
                        && !matches!(self.word(start - 1), "The" | "A" | "An")
                    {
                        start -= 1;
                    }
                    start
                }
            };
            let inside: Vec<usize> = (head + 1..end).filter_map(|t| self.covering(t)).collect();
            let crosses = inside.iter().any(|&k| self.spans[k].end > end);
            let person = inside
                .iter()
                .any(|&k| Some(self.spans[k].label) == labels.person);
            let whole = self
                .covering(start)
                .is_some_and(|k| self.spans[k].start == start && self.spans[k].end == end);
            // After "on", only words the tagger left out: "pressure on the European Union on
            // Ukraine" keeps its place.
            let topic = self.is_word(head + 1, "on") && !inside.is_empty();
            if !crosses && !person && !whole && !topic {
                self.set(start, end, org);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::decode::rules::testing::{owned, run};

    #[test]
    fn todays_organisations_are_organisations_in_every_mention() {
        let text = "Google fined. A Google spokesperson and YouGov disagreed. Google Maps fell.";
        let got = run(
            text,
            &[("Google", "PER", 0.7), ("Google Maps", "MISC", 0.6)],
        );
        assert_eq!(
            got,
            owned(&[
                ("Google", "ORG"),
                ("Google", "ORG"),
                ("YouGov", "ORG"),
                // Inside a longer name, the name is left as read.
                ("Google Maps", "MISC"),
            ])
        );
    }

    #[test]
    fn an_organisation_head_with_of_and_a_name_is_one_organisation() {
        let text = "The University of Michigan said so. He got the House of Lords to vote. \
                    The League of Women Voters met the Commission on Presidential Debates \
                    on Friday. The Front of General Constand Viljoen left. The Security Council \
                    on Friday met the Reserve Bank of India Governor . Pressure on the European \
                    Union on Ukraine grew. Haass led the Council on Foreign Relations . The Awami League of Prime Minister \
                    Hasina won.";
        let got = run(
            text,
            &[
                ("Michigan", "LOC", 0.8),
                ("House", "ORG", 0.7),
                ("Commission", "ORG", 0.6),
                ("Front", "ORG", 0.6),
                ("Constand Viljoen", "PER", 0.9),
                ("Security Council", "ORG", 0.9),
                ("Reserve Bank", "ORG", 0.8),
                ("India", "LOC", 0.9),
                ("European Union", "ORG", 0.9),
                ("Ukraine", "LOC", 0.9),
                ("Haass", "PER", 0.9),
                ("Awami League", "ORG", 0.9),
            ],
        );
        assert_eq!(
            got,
            owned(&[
                ("University of Michigan", "ORG"),
                ("House of Lords", "ORG"),
                ("League of Women Voters", "ORG"),
                ("Commission on Presidential Debates", "ORG"),
                ("Front", "ORG"),
                ("Constand Viljoen", "PER"),
                ("Security Council", "ORG"),
                ("Reserve Bank of India", "ORG"),
                ("European Union", "ORG"),
                ("Ukraine", "LOC"),
                ("Haass", "PER"),
                ("Council on Foreign Relations", "ORG"),
                ("Awami League", "ORG"),
            ])
        );
    }

    #[test]
    fn a_name_before_an_organisation_noun_is_an_organisation() {
        let text = "Rebels of the ULIMO-K faction fired , the state-run Ihlar news agency said . \
                    New Scientistic magazine reported it , citing Belgo . The Democratic party and \
                    the Nazi party met. Likudo party leaders left.";
        let got = run(text, &[("Belgo", "PER", 0.6)]);
        assert_eq!(
            got,
            owned(&[("ULIMO-K", "ORG"), ("Ihlar", "ORG"), ("Belgo", "PER")]),
            "not adjectives, nor a sentence's first words"
        );
        let text = "The daily Belgo said so. He told the Belgo weekly.";
        let got = run(text, &[("Belgo#2", "PER", 0.6)]);
        assert_eq!(got, owned(&[("Belgo", "ORG"), ("Belgo", "ORG")]));
    }
}
