//! Readers for the entity sets of today's English, as gold documents of raw text with byte spans:
//! GUM (CoNLL-U with entity brackets: Wikinews, Wikipedia biographies, travel, court and academic
//! text) and CrossNER politics (Wikipedia, token<TAB>BIO tag with fine labels).
//!
//! Both are mapped to the tagger's labels. CrossNER: politician/person → PER,
//! politicalparty/organisation → ORG, country/location → LOC, election and misc → MISC, event →
//! [`EVENT`]. GUM marks every mention (names, common nouns, pronouns); a name is a mention whose minimal
//! span holds a proper noun, cut to the run of proper nouns around it the way CoNLL writes names
//! ("US President Donald Trump" gives "Donald Trump", the title and what precedes it fall off; "the
//! Bank of England" gives "Bank of England"); person → PER, organization → ORG, place → LOC, any
//! event → [`EVENT`], any other type (works, abstracts named by a proper noun) → MISC. Where two
//! names overlap, the longer is kept (CoNLL labels the outermost name).
//!
//! Events get a label of their own because the sets name them by a guideline CoNLL's does not
//! share: both label conferences and summits as events ("Yalta Conference", "2019 BRICS
//! summit"), where CoNLL-style gold calls many a conference an organisation (CoNLL train itself
//! splits "... Conference" names between ORG and MISC). Evaluation scores them as MISC
//! ([`events_as_misc`]); the training export leaves their tokens free (any tag), so the tagger
//! learns from these sets neither reading of a conference. CrossNER's elections stay MISC: its
//! politics set has six times more of them than events, and it scores the names inside them
//! ("2016 United States presidential election") as part of the election.

use super::{GoldDoc, GoldSpan};
use crate::error::{Error, Result};
use crate::lexicon;

/// The label of an event's name in these sets (see the module comment): MISC when scored, no
/// tag when trained on.
pub const EVENT: &str = "EVENT";

/// Scores the sets' event names as CoNLL's events are scored: MISC.
pub fn events_as_misc(docs: &mut [GoldDoc]) {
    for span in docs.iter_mut().flat_map(|d| d.entities.iter_mut()) {
        if span.label == EVENT {
            span.label = "MISC".into();
        }
    }
}

/// CrossNER's fine label as one of the tagger's (`None`: not a label CrossNER uses).
fn crossner_label(fine: &str) -> Option<&'static str> {
    Some(match fine {
        "politician" | "person" => "PER",
        "politicalparty" | "organisation" => "ORG",
        "country" | "location" => "LOC",
        "event" => EVENT,
        "election" | "misc" => "MISC",
        _ => return None,
    })
}

/// Reads a CrossNER file: one document per sentence (the sentences come from different
/// Wikipedia articles, so no document-level evidence is shared between them). A sentence's text
/// is its tokens joined by single spaces.
pub fn read_crossner(content: &str) -> Result<Vec<GoldDoc>> {
    let mut docs = Vec::new();
    let mut doc = new_doc(0);
    let mut open: Option<GoldSpan> = None;
    for (lineno, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            finish(&mut docs, &mut doc, &mut open);
            continue;
        }
        let (token, tag) = line.split_once('\t').ok_or_else(|| {
            Error::Input(format!("line {}: expected `token<TAB>tag`", lineno + 1))
        })?;
        if token.is_empty() || token.contains(char::is_whitespace) {
            return Err(Error::Input(format!(
                "line {}: a token is one non-empty word",
                lineno + 1
            )));
        }
        if !doc.text.is_empty() {
            doc.text.push(' ');
        }
        let start = doc.text.len();
        doc.text.push_str(token);
        let end = doc.text.len();
        let tag = tag.trim();
        if tag == "O" {
            doc.entities.extend(open.take());
            continue;
        }
        let (prefix, fine) = tag
            .split_once('-')
            .filter(|(p, _)| *p == "B" || *p == "I")
            .ok_or_else(|| Error::Input(format!("line {}: unknown tag {tag}", lineno + 1)))?;
        let label = crossner_label(fine)
            .ok_or_else(|| Error::Input(format!("line {}: unknown label {fine}", lineno + 1)))?;
        match open.as_mut() {
            Some(span) if prefix == "I" && span.label == label => span.end = end,
            _ => {
                doc.entities.extend(open.take());
                open = Some(GoldSpan {
                    start,
                    end,
                    label: label.into(),
                });
            }
        }
    }
    finish(&mut docs, &mut doc, &mut open);
    Ok(docs)
}

fn new_doc(n: usize) -> GoldDoc {
    GoldDoc {
        id: format!("sent{n}"),
        text: String::new(),
        entities: Vec::new(),
        claims: Vec::new(),
    }
}

fn finish(docs: &mut Vec<GoldDoc>, doc: &mut GoldDoc, open: &mut Option<GoldSpan>) {
    doc.entities.extend(open.take());
    if !doc.text.is_empty() {
        let next = new_doc(docs.len() + 1);
        docs.push(std::mem::replace(doc, next));
    }
}

/// One word of a CoNLL-U sentence, placed in the document's text.
struct Word {
    /// Byte span in the document text; `None` when the form could not be found in the
    /// sentence's text (a name over it is left out).
    span: Option<(usize, usize)>,
    proper: bool,
    lower: String,
}

/// A mention as GUM brackets it: its words (indices into the sentence) and entity type.
struct Mention {
    first: usize,
    last: usize,
    etype: String,
    /// The minimal span's words, 1-based inside the mention.
    min_span: Vec<usize>,
}

/// Reads one GUM CoNLL-U file as one document: the title and each paragraph on its own line
/// (paragraphs apart by a blank line, sentences of a paragraph apart by one space), the sentence
/// text from each `# text =` comment, names as the module doc says.
pub fn read_gum(id: &str, content: &str) -> Result<GoldDoc> {
    let mut doc = GoldDoc {
        id: id.to_string(),
        text: String::new(),
        entities: Vec::new(),
        claims: Vec::new(),
    };
    let mut names: Vec<GoldSpan> = Vec::new();
    let mut new_paragraph = true;
    let mut sentence: Vec<Word> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut open: Vec<(String, usize, String, Vec<usize>)> = Vec::new();
    let mut cursor = 0usize;
    for (lineno, line) in content.lines().enumerate() {
        let err = |what: &str| Error::Input(format!("{id} line {}: {what}", lineno + 1));
        if line.starts_with("# newpar") && !line.starts_with("# newpar_") {
            new_paragraph = true;
        } else if let Some(text) = line.strip_prefix("# text = ") {
            if !doc.text.is_empty() {
                doc.text.push_str(if new_paragraph { "\n\n" } else { " " });
            }
            new_paragraph = false;
            cursor = doc.text.len();
            doc.text.push_str(text.trim());
        } else if line.trim().is_empty() {
            names.extend(sentence_names(&sentence, &mentions));
            sentence.clear();
            mentions.clear();
            open.clear();
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(err("a word line has 10 tab-separated columns"));
            }
            if cols[0].contains('-') || cols[0].contains('.') {
                continue; // a multi-word token's range line, or an empty node
            }
            let form = cols[1];
            let span = locate(&doc.text, &mut cursor, form);
            let index = sentence.len();
            sentence.push(Word {
                span,
                proper: cols[3] == "PROPN",
                lower: form.to_lowercase(),
            });
            let entity = cols[9]
                .split('|')
                .find_map(|f| f.strip_prefix("Entity="))
                .unwrap_or("");
            read_brackets(entity, index, &mut open, &mut mentions).map_err(|e| err(&e))?;
        }
    }
    names.extend(sentence_names(&sentence, &mentions));
    names.sort_by_key(|n| (n.start, std::cmp::Reverse(n.end)));
    // The longer of two overlapping names wins: CoNLL labels the outermost name.
    let mut by_length: Vec<&GoldSpan> = names.iter().collect();
    by_length.sort_by_key(|n| (std::cmp::Reverse(n.end - n.start), n.start));
    for name in by_length {
        let overlaps = doc
            .entities
            .iter()
            .any(|k| k.start < name.end && name.start < k.end);
        if !overlaps {
            doc.entities.push(name.clone());
        }
    }
    doc.entities.sort();
    Ok(doc)
}

/// Finds `form` in `text` at or after `cursor` (skipping spaces), and moves the cursor past it.
fn locate(text: &str, cursor: &mut usize, form: &str) -> Option<(usize, usize)> {
    let rest = &text[*cursor..];
    let skipped = rest.len() - rest.trim_start().len();
    let at = *cursor + skipped;
    if text[at..].starts_with(form) {
        *cursor = at + form.len();
        return Some((at, *cursor));
    }
    // A form the text writes otherwise (GUM normalises a few): look a little ahead.
    let found = text[at..].find(form).filter(|&k| k <= 8)?;
    let start = at + found;
    *cursor = start + form.len();
    Some((start, *cursor))
}

/// Reads one word's `Entity=` value: `(ID-type-...-minspan-...` opens a mention (closed at once
/// by a following `)`), `ID)` closes the open mention with that id.
fn read_brackets(
    value: &str,
    word: usize,
    open: &mut Vec<(String, usize, String, Vec<usize>)>,
    mentions: &mut Vec<Mention>,
) -> std::result::Result<(), String> {
    let mut rest = value;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('(') {
            let end = after.find(['(', ')']).unwrap_or(after.len());
            let spec: Vec<&str> = after[..end].split('-').collect();
            let (id, etype) = match spec.as_slice() {
                [id, etype, ..] => (id.to_string(), etype.to_string()),
                _ => return Err(format!("entity bracket `({}`", &after[..end])),
            };
            let min_span = spec
                .get(5)
                .map(|m| m.split(',').filter_map(|k| k.parse().ok()).collect())
                .unwrap_or_default();
            rest = &after[end..];
            if let Some(closed) = rest.strip_prefix(')') {
                mentions.push(Mention {
                    first: word,
                    last: word,
                    etype,
                    min_span,
                });
                rest = closed;
            } else {
                open.push((id, word, etype, min_span));
            }
        } else {
            let end = rest
                .find(')')
                .ok_or_else(|| format!("entity value `{value}`"))?;
            let id = &rest[..end];
            let k = open
                .iter()
                .rposition(|(open_id, ..)| open_id == id)
                .ok_or_else(|| format!("closes mention {id}, which is not open"))?;
            let (_, first, etype, min_span) = open.remove(k);
            mentions.push(Mention {
                first,
                last: word,
                etype,
                min_span,
            });
            rest = &rest[end + 1..];
        }
    }
    Ok(())
}

/// Words that may join two proper nouns inside one name ("Bank of England", "Trinidad and
/// Tobago", "AT&T").
const NAME_JOINERS: &[&str] = &["of", "the", "and", "&", "de", "-", "for", "on"];

/// The names of one sentence's mentions (before overlaps are settled).
fn sentence_names(words: &[Word], mentions: &[Mention]) -> Vec<GoldSpan> {
    let mut out = Vec::new();
    for m in mentions {
        let heads: Vec<usize> = m
            .min_span
            .iter()
            .map(|k| m.first + k - 1)
            .filter(|&w| w <= m.last && words[w].proper)
            .collect();
        let Some(&head) = heads.first() else { continue };
        let (mut first, mut last) = (head, head);
        while first > m.first && words[first - 1].proper {
            first -= 1;
        }
        loop {
            if last < m.last && words[last + 1].proper {
                last += 1;
                continue;
            }
            // Joiners count only when a proper noun follows them inside the mention.
            let mut k = last + 1;
            while k <= m.last && NAME_JOINERS.contains(&words[k].lower.as_str()) {
                k += 1;
            }
            if k > last + 1 && k <= m.last && words[k].proper {
                last = k;
            } else {
                break;
            }
        }
        // A title and everything before it fall off ("US President Donald Trump").
        if let Some(t) = (first..last).rev().find(|&w| is_title(&words[w].lower)) {
            first = t + 1;
        }
        while first < last && words[first].lower == "the" {
            first += 1;
        }
        let (Some((start, _)), Some((_, end))) = (words[first].span, words[last].span) else {
            continue;
        };
        if (first..=last).any(|w| words[w].span.is_none()) {
            continue;
        }
        out.push(GoldSpan {
            start,
            end,
            label: gum_label(&m.etype).into(),
        });
    }
    out
}

fn is_title(lower: &str) -> bool {
    lexicon::TITLES.contains(lower.trim_end_matches('.'))
}

fn gum_label(etype: &str) -> &'static str {
    match etype {
        "person" => "PER",
        "organization" => "ORG",
        "place" => "LOC",
        "event" => EVENT,
        _ => "MISC",
    }
}

/// Whether a GUM document is in the held-out part (about one in five, by a hash of its name,
/// fixed before any model was trained on GUM): never trained on, reported beside CoNLL.
pub fn gum_held_out(id: &str) -> bool {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h.is_multiple_of(5)
}

/// Reads the GUM files of `dir` (`GUM_*.conllu`, in name order) of one part: `train` or
/// `heldout`.
pub fn read_gum_dir(dir: &std::path::Path, part: &str) -> Result<Vec<GoldDoc>> {
    let held_out = match part {
        "train" => false,
        "heldout" => true,
        _ => {
            return Err(Error::Input(format!(
                "GUM part {part:?}: use train or heldout"
            )))
        }
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::Input(format!("{}: {e}", dir.display())))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("GUM_") && n.ends_with(".conllu"))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(Error::Input(format!(
            "{}: no GUM_*.conllu files",
            dir.display()
        )));
    }
    let mut docs = Vec::new();
    for name in names {
        let id = name.trim_end_matches(".conllu");
        if gum_held_out(id) != held_out {
            continue;
        }
        let content = std::fs::read_to_string(dir.join(&name))
            .map_err(|e| Error::Input(format!("{name}: {e}")))?;
        docs.push(read_gum(id, &content)?);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(doc: &GoldDoc) -> Vec<(&str, &str)> {
        doc.entities
            .iter()
            .map(|e| (&doc.text[e.start..e.end], e.label.as_str()))
            .collect()
    }

    #[test]
    fn crossner_sentences_are_documents_and_fine_labels_map() {
        let file = "The\tO\nUnited\tB-politicalparty\nRussia\tI-politicalparty\nwon\tO\n\
                    in\tO\nRussia\tB-country\n.\tO\n\nObama\tB-politician\nspoke\tO\n";
        let docs = read_crossner(file).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "The United Russia won in Russia .");
        assert_eq!(
            names(&docs[0]),
            [("United Russia", "ORG"), ("Russia", "LOC")]
        );
        assert_eq!(names(&docs[1]), [("Obama", "PER")]);
        // Two names of one label side by side stay two when the second starts with B-.
        let two = read_crossner("A\tB-person\nB\tB-person\n").unwrap();
        assert_eq!(names(&two[0]), [("A", "PER"), ("B", "PER")]);
        // Events keep a label of their own until they are scored, as MISC; elections are MISC.
        let mut events = read_crossner(
            "Yalta\tB-event\nConference\tI-event\nand\tO\n2016\tB-election\nelection\tI-election\n",
        )
        .unwrap();
        assert_eq!(
            names(&events[0]),
            [("Yalta Conference", EVENT), ("2016 election", "MISC")]
        );
        events_as_misc(&mut events);
        assert_eq!(
            names(&events[0]),
            [("Yalta Conference", "MISC"), ("2016 election", "MISC")]
        );
        assert!(read_crossner("word\n").is_err(), "no tag column");
        assert!(read_crossner("word\tB-planet\n").is_err(), "unknown label");
    }

    /// A GUM sentence: US President Donald Trump met the Bank of England's chief, who
    /// (a pronoun mention) said "the team" (a common-noun mention) won.
    const GUM: &str = "\
# newdoc id = GUM_news_fixture
# newpar
# text = Trump visits
1\tTrump\tTrump\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-new-sss-cf1-1-coref-Donald_Trump)
2\tvisits\tvisit\tVERB\tVBZ\t_\t0\troot\t_\t_

# newpar
# text = US President Donald Trump met the Bank of England's chief.
1\tUS\tUS\tPROPN\tNNP\t_\t4\tcompound\t_\tEntity=(1-person-giv-sss-cf1-4-coref-Donald_Trump(2-place-new-sss-cf2-1-sgl-United_States)
2\tPresident\tpresident\tPROPN\tNNP\t_\t4\tcompound\t_\t_
3\tDonald\tDonald\tPROPN\tNNP\t_\t4\tcompound\t_\t_
4\tTrump\tTrump\tPROPN\tNNP\t_\t5\tnsubj\t_\tEntity=1)
5\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
6\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\tEntity=(3-person-new-sss-cf3-5-sgl(4-organization-new-sss-cf4-2-sgl-Bank_of_England
7\tBank\tbank\tPROPN\tNNP\t_\t11\tnmod:poss\t_\t_
8\tof\tof\tADP\tIN\t_\t9\tcase\t_\t_
9\tEngland\tEngland\tPROPN\tNNP\t_\t7\tnmod\t_\tEntity=(5-place-new-sss-cf5-1-sgl-England)
10\t's\t's\tPART\tPOS\t_\t7\tcase\t_\tEntity=4)|SpaceAfter=No
11\tchief\tchief\tNOUN\tNN\t_\t5\tobj\t_\tEntity=3)|SpaceAfter=No
12\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

# text = He said the team won.
1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-sss-cf1-1-coref)
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\tEntity=(6-organization-new-sss-cf6-2-sgl
4\tteam\tteam\tNOUN\tNN\t_\t5\tnsubj\t_\tEntity=6)
5\twon\twin\tVERB\tVBD\t_\t2\tccomp\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
";

    #[test]
    fn a_gum_event_keeps_its_own_label_until_scored() {
        let gum = "\
# newdoc id = GUM_news_event
# text = Yalta Conference ended.
1\tYalta\tYalta\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-event-new-sss-cf1-2-sgl-Yalta_Conference
2\tConference\tConference\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)
3\tended\tend\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
";
        let mut docs = vec![read_gum("GUM_news_event", gum).unwrap()];
        assert_eq!(names(&docs[0]), [("Yalta Conference", EVENT)]);
        events_as_misc(&mut docs);
        assert_eq!(names(&docs[0]), [("Yalta Conference", "MISC")]);
    }

    #[test]
    fn gum_names_are_proper_noun_mentions_cut_as_conll_writes_them() {
        let doc = read_gum("GUM_news_fixture", GUM).unwrap();
        assert_eq!(
            doc.text,
            "Trump visits\n\nUS President Donald Trump met the Bank of England's chief. He said the team won."
        );
        assert_eq!(
            names(&doc),
            [
                ("Trump", "PER"),
                ("US", "LOC"),
                ("Donald Trump", "PER"),
                ("Bank of England", "ORG"),
            ],
            "titles and articles fall off, the nested England goes with the longer name, \
             pronouns and common nouns are no names"
        );
    }

    #[test]
    fn gum_bad_brackets_are_errors() {
        let bad = "# text = A\n1\tA\ta\tPROPN\tNNP\t_\t0\troot\t_\tEntity=7)\n";
        assert!(read_gum("x", bad).is_err());
        let short = "# text = A\n1\tA\ta\tPROPN\n";
        assert!(read_gum("x", short).is_err());
    }

    #[test]
    fn the_held_out_part_is_about_a_fifth_and_fixed() {
        let ids: Vec<String> = (0..500).map(|k| format!("GUM_news_{k}")).collect();
        let held = ids.iter().filter(|i| gum_held_out(i)).count();
        assert!((70..130).contains(&held), "{held} of 500 held out");
        assert_eq!(
            gum_held_out("GUM_news_afghan"),
            gum_held_out("GUM_news_afghan")
        );
    }
}
