//! Gold data and scoring: CoNLL-2003 files rebuilt into raw text, gold articles, and exact
//! span precision / recall / F1. The CLI's `eval` and the quality tests both use this.

use crate::annotations::Annotations;
use crate::error::{Error, Result};
use crate::text::OffsetMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod ner_corpora;

/// A gold span, byte offsets into the document text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GoldSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// A gold claim: byte span and the speaker's name as written (None: no actor named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldClaim {
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
}

/// One document: raw text and its gold entities (and claims, for gold articles).
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    pub entities: Vec<GoldSpan>,
    pub claims: Vec<GoldClaim>,
}

/// The labels the acceptance figure averages over.
pub const SCORED_LABELS: &[&str] = &["PER", "ORG", "LOC"];

/// Reads a CoNLL-2003 file. Each document's text is its tokens joined by single spaces and
/// its sentences joined by newlines: the model never sees the gold tokens, only that text.
/// IOB1 tags are read as the README says (`I-X` after `O` or another type starts a span).
pub fn read_conll(content: &str) -> Result<Vec<GoldDoc>> {
    let mut docs = Vec::new();
    let mut doc: Option<GoldDoc> = None;
    let mut sentence_open = false;
    let mut open: Option<GoldSpan> = None;
    let close = |doc: &mut GoldDoc, open: &mut Option<GoldSpan>| {
        if let Some(s) = open.take() {
            doc.entities.push(s);
        }
    };
    for (lineno, line) in content.lines().enumerate() {
        if line.starts_with("-DOCSTART-") {
            if let Some(mut d) = doc.take() {
                close(&mut d, &mut open);
                docs.push(d);
            }
            doc = Some(GoldDoc {
                id: format!("doc{}", docs.len()),
                text: String::new(),
                entities: Vec::new(),
                claims: Vec::new(),
            });
            sentence_open = false;
            continue;
        }
        let d = doc.get_or_insert_with(|| GoldDoc {
            id: "doc0".into(),
            text: String::new(),
            entities: Vec::new(),
            claims: Vec::new(),
        });
        if line.trim().is_empty() {
            close(d, &mut open);
            sentence_open = false;
            continue;
        }
        let cols: Vec<&str> = line.split(' ').collect();
        if cols.len() < 2 {
            return Err(Error::Input(format!(
                "line {}: expected `token ... tag`",
                lineno + 1
            )));
        }
        let (token, tag) = (cols[0], cols[cols.len() - 1]);
        if !d.text.is_empty() {
            d.text.push(if sentence_open { ' ' } else { '\n' });
        }
        sentence_open = true;
        let start = d.text.len();
        d.text.push_str(token);
        let end = d.text.len();
        if tag == "O" {
            close(d, &mut open);
            continue;
        }
        let (prefix, label) = tag
            .split_once('-')
            .ok_or_else(|| Error::Input(format!("line {}: unknown tag {tag}", lineno + 1)))?;
        let continues = prefix == "I" && open.as_ref().is_some_and(|s| s.label == label);
        if continues {
            open.as_mut().expect("checked").end = end;
        } else {
            close(d, &mut open);
            open = Some(GoldSpan {
                start,
                end,
                label: label.to_string(),
            });
        }
    }
    if let Some(mut d) = doc.take() {
        close(&mut d, &mut open);
        docs.push(d);
    }
    docs.retain(|d| !d.text.is_empty());
    Ok(docs)
}

#[derive(Deserialize)]
struct ArticleFile {
    id: String,
    text: String,
    entities: Vec<ArticleEntity>,
    #[serde(default)]
    claims: Vec<ArticleClaim>,
}

#[derive(Deserialize)]
struct ArticleClaim {
    start: usize,
    end: usize,
    speaker: Option<String>,
}

#[derive(Deserialize)]
struct ArticleEntity {
    start: usize,
    end: usize,
    label: String,
}

/// Reads one article in the gold format (code-point offsets) into byte offsets.
pub fn read_article(content: &str) -> Result<GoldDoc> {
    let a: ArticleFile = serde_json::from_str(content)
        .map_err(|e| Error::Input(format!("not a gold article: {e}")))?;
    let map = OffsetMap::new(&a.text);
    let mut entities = Vec::new();
    for e in a.entities {
        let (Some(start), Some(end)) = (map.char_to_byte(e.start), map.char_to_byte(e.end)) else {
            return Err(Error::Input(format!(
                "entity {}..{} is outside the text",
                e.start, e.end
            )));
        };
        entities.push(GoldSpan {
            start,
            end,
            label: e.label,
        });
    }
    let mut claims = Vec::new();
    for c in a.claims {
        let (Some(start), Some(end)) = (map.char_to_byte(c.start), map.char_to_byte(c.end)) else {
            return Err(Error::Input(format!(
                "claim {}..{} is outside the text",
                c.start, c.end
            )));
        };
        claims.push(GoldClaim {
            start,
            end,
            speaker: c.speaker.filter(|s| !s.is_empty()),
        });
    }
    Ok(GoldDoc {
        id: a.id,
        text: a.text,
        entities,
        claims,
    })
}

/// True/false positives and false negatives of one label.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Exact-span scores per label, accumulated over documents.
#[derive(Debug, Clone, Default)]
pub struct Scoreboard {
    pub per_label: BTreeMap<String, Counts>,
}

impl Scoreboard {
    /// Adds one document: a prediction counts only if start, end and label all match.
    pub fn add(&mut self, gold: &[GoldSpan], predicted: &Annotations) {
        let mut gold_set: Vec<(usize, usize, &str)> = gold
            .iter()
            .filter(|g| SCORED_LABELS.contains(&g.label.as_str()))
            .map(|g| (g.start, g.end, g.label.as_str()))
            .collect();
        gold_set.sort();
        for e in &predicted.entities {
            if !SCORED_LABELS.contains(&e.label.as_str()) {
                continue;
            }
            let c = self.per_label.entry(e.label.clone()).or_default();
            match gold_set.binary_search(&(e.start, e.end, e.label.as_str())) {
                Ok(_) => c.tp += 1,
                Err(_) => c.fp += 1,
            }
        }
        for g in gold
            .iter()
            .filter(|g| SCORED_LABELS.contains(&g.label.as_str()))
        {
            let hit = predicted
                .entities
                .iter()
                .any(|e| e.start == g.start && e.end == g.end && e.label == g.label);
            if !hit {
                self.per_label.entry(g.label.clone()).or_default().fn_ += 1;
            }
        }
    }

    /// Micro-average over the scored labels.
    pub fn micro(&self) -> Counts {
        let mut total = Counts::default();
        for (label, c) in &self.per_label {
            if SCORED_LABELS.contains(&label.as_str()) {
                total.add(c);
            }
        }
        total
    }

    pub fn to_json(&self) -> serde_json::Value {
        let row = |c: &Counts| {
            serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                "tp": c.tp, "fp": c.fp, "fn": c.fn_})
        };
        let mut labels = serde_json::Map::new();
        for (l, c) in &self.per_label {
            labels.insert(l.clone(), row(c));
        }
        serde_json::json!({"labels": labels, "micro": row(&self.micro())})
    }

    pub fn to_table(&self) -> String {
        let mut s = format!(
            "{:<6} {:>9} {:>9} {:>9} {:>7}\n",
            "label", "precision", "recall", "f1", "gold"
        );
        let line = |name: &str, c: &Counts| {
            format!(
                "{:<6} {:>9.4} {:>9.4} {:>9.4} {:>7}\n",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp + c.fn_
            )
        };
        for (l, c) in &self.per_label {
            s += &line(l, c);
        }
        s += &line("micro", &self.micro());
        s
    }
}

/// The suffixes after a surname that tell generations apart ("Jr.", "III"), lower case, no dots.
const GENERATIONAL: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Whether two names denote the same actor (issue 4: "same name, surname or acronym counts"):
/// equal once case, dots and a possessive are set aside ("U.S." / "US", "Lloyd's" / "Lloyd"),
/// one the other's first or last word ("Li" / "Li Qiang"), the same surname ("Liam Fox" /
/// "Dr Liam Fox"), or one the other's acronym ("UN" / "United Nations"). A company form at the
/// end is no part of the name ("Advanced Medical Inc." / "Advanced Medical").
pub fn same_actor(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let mut words = s
            .replace('\u{2019}', "'")
            .split_whitespace()
            .map(|w| {
                let w = w.to_lowercase().replace('.', "");
                w.strip_suffix("'s").map(str::to_string).unwrap_or(w)
            })
            .filter(|w| !w.is_empty() && w != "'s")
            .collect::<Vec<_>>();
        let company_form = |w: &String| crate::lexicon::COMPANY_SUFFIXES.contains(w.as_str());
        if words.len() > 1 && words.last().is_some_and(company_form) {
            words.pop();
        }
        // "Joe Manchin III", "David A. Clarke Jr.": a generational suffix is no part of the
        // surname either.
        if words.len() > 1
            && words
                .last()
                .is_some_and(|w| GENERATIONAL.contains(&w.as_str()))
        {
            words.pop();
        }
        words
    };
    let (wa, wb) = (norm(a), norm(b));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    if wa == wb {
        return true;
    }
    let part_of = |short: &[String], long: &[String]| {
        short.len() == 1 && (long.first() == short.first() || long.last() == short.first())
    };
    let same_surname = wa.len() > 1 && wb.len() > 1 && wa.last() == wb.last();
    if part_of(&wa, &wb) || part_of(&wb, &wa) || same_surname {
        return true;
    }
    let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let acr = |s: &str| {
        let w = words(s);
        crate::decode::clusters::acronym(&w.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let flat = |s: &str| s.replace('.', "");
    acr(b).is_some_and(|x| x == flat(a)) || acr(a).is_some_and(|x| x == flat(b))
}

/// Claim scores: a predicted claim matches a gold one when their spans overlap by at least
/// half of the shorter; a matched claim's speaker is right when it names the same actor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ClaimBoard {
    pub claims: Counts,
    pub speakers_right: usize,
    pub speakers_scored: usize,
}

/// A matched claim whose predicted speaker is not the gold one (`annotate eval --show-errors`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpeakerError {
    /// Index of the claim's sentence (line) in its document.
    pub sentence: usize,
    pub text: String,
    pub gold: Option<String>,
    pub predicted: Option<String>,
}

/// A gold claim the pipeline missed (`score` `None`) or a claim it found that is not gold (its
/// score) (`annotate eval --show-errors`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimError {
    /// Index of the sentence (line) in its document.
    pub sentence: usize,
    pub text: String,
    pub score: Option<f32>,
}

/// Pairs each gold claim with the first unused predicted claim overlapping it by at least half
/// of the shorter span (`None`: missed); the second value marks the predicted claims used.
fn match_claims<'p>(
    gold: &[GoldClaim],
    predicted: &'p Annotations,
) -> (Vec<Option<&'p crate::annotations::Claim>>, Vec<bool>) {
    let mut used = vec![false; predicted.claims.len()];
    let pairs = gold
        .iter()
        .map(|g| {
            let (i, p) = predicted.claims.iter().enumerate().find(|(i, p)| {
                let overlap = g.end.min(p.end).saturating_sub(g.start.max(p.start));
                let shorter = (g.end - g.start).min(p.end - p.start);
                !used[*i] && shorter > 0 && 2 * overlap >= shorter
            })?;
            used[i] = true;
            Some(p)
        })
        .collect();
    (pairs, used)
}

/// Whether a predicted speaker (the text it names) is right for a gold one.
pub fn speaker_right(gold: Option<&str>, said: Option<&str>) -> bool {
    match (gold, said) {
        (None, None) => true,
        (Some(a), Some(b)) => same_actor(a, b),
        _ => false,
    }
}

impl ClaimBoard {
    pub fn add(&mut self, text: &str, gold: &[GoldClaim], predicted: &Annotations) {
        let (pairs, used) = match_claims(gold, predicted);
        for (g, found) in gold.iter().zip(pairs) {
            match found {
                Some(p) => {
                    self.claims.tp += 1;
                    self.speakers_scored += 1;
                    let said = p.speaker.as_ref().and_then(|s| text.get(s.start..s.end));
                    self.speakers_right += speaker_right(g.speaker.as_deref(), said) as usize;
                }
                None => self.claims.fn_ += 1,
            }
        }
        self.claims.fp += used.iter().filter(|u| !**u).count();
    }

    /// The matched claims of one document whose speaker is wrong, in order.
    pub fn speaker_errors(
        text: &str,
        gold: &[GoldClaim],
        predicted: &Annotations,
    ) -> Vec<SpeakerError> {
        let (pairs, _) = match_claims(gold, predicted);
        gold.iter()
            .zip(pairs)
            .filter_map(|(g, p)| {
                let said = p?.speaker.as_ref().and_then(|s| text.get(s.start..s.end));
                (!speaker_right(g.speaker.as_deref(), said)).then(|| SpeakerError {
                    sentence: text.get(..g.start).unwrap_or("").matches('\n').count(),
                    text: text.get(g.start..g.end).unwrap_or("").to_string(),
                    gold: g.speaker.clone(),
                    predicted: said.map(str::to_string),
                })
            })
            .collect()
    }

    /// The gold claims of one document that no predicted claim matches (missed, score `None`)
    /// and the predicted claims that match no gold one (false, with their score), in text order.
    pub fn claim_errors(
        text: &str,
        gold: &[GoldClaim],
        predicted: &Annotations,
    ) -> Vec<ClaimError> {
        let (pairs, used) = match_claims(gold, predicted);
        let line = |start: usize| text.get(..start).unwrap_or("").matches('\n').count();
        let span = |start: usize, end: usize| text.get(start..end).unwrap_or("").to_string();
        let missed = gold
            .iter()
            .zip(&pairs)
            .filter(|(_, p)| p.is_none())
            .map(|(g, _)| ClaimError {
                sentence: line(g.start),
                text: span(g.start, g.end),
                score: None,
            });
        let false_claims = predicted
            .claims
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(p, _)| ClaimError {
                sentence: line(p.start),
                text: span(p.start, p.end),
                score: Some(p.score),
            });
        let mut all: Vec<ClaimError> = missed.chain(false_claims).collect();
        all.sort_by_key(|e| e.sentence);
        all
    }

    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speakers_right, self.speakers_scored)
    }

    pub fn to_json(&self) -> serde_json::Value {
        let c = &self.claims;
        serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
            "tp": c.tp, "fp": c.fp, "fn": c.fn_, "speaker_accuracy": self.speaker_accuracy(),
            "speakers_right": self.speakers_right, "speakers_scored": self.speakers_scored})
    }
}

/// Byte spans of a rebuilt CoNLL document's lines: its gold sentences.
pub(crate) fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, text.len()));
    out
}

/// The documents of one split of the labelled news set (data/claims/news_claims.tsv), with
/// their claim sentences and speakers as gold claims. `conll(file)` gives the documents of a
/// CoNLL file (`train`, `valid` or `test`), whose text the labels point into. The set labels every
/// sentence of a listed document, so unlisted sentences never occur in a listed document.
pub fn read_news_claims<'a>(
    tsv: &str,
    split: &str,
    mut conll: impl FnMut(&str) -> Result<&'a [GoldDoc]>,
) -> Result<Vec<GoldDoc>> {
    let mut out: Vec<GoldDoc> = Vec::new();
    let mut current: Option<(String, usize)> = None;
    let mut lines: Vec<(usize, usize)> = Vec::new();
    for (n, line) in tsv.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 6 {
            return Err(Error::Input(format!(
                "claims line {}: too few columns",
                n + 1
            )));
        }
        if cols[0] != split {
            continue;
        }
        let index = |s: &str| {
            s.parse::<usize>()
                .map_err(|_| Error::Input(format!("claims line {}: bad index {s:?}", n + 1)))
        };
        let (doc, sentence) = (index(cols[2])?, index(cols[3])?);
        let key = (cols[1].to_string(), doc);
        if current.as_ref() != Some(&key) {
            let gold = conll(cols[1])?.get(doc).ok_or_else(|| {
                Error::Input(format!(
                    "claims line {}: no document {doc} in {}",
                    n + 1,
                    cols[1]
                ))
            })?;
            lines = line_spans(&gold.text);
            out.push(GoldDoc {
                id: format!("{}:{doc}", cols[1]),
                text: gold.text.clone(),
                entities: gold.entities.clone(),
                claims: Vec::new(),
            });
            current = Some(key);
        }
        let &(start, end) = lines.get(sentence).ok_or_else(|| {
            Error::Input(format!("claims line {}: no sentence {sentence}", n + 1))
        })?;
        if cols[4] == "claim" {
            // CoNLL tokens keep the possessive apart ("People 's Daily"); raw text does not.
            let speaker = (!cols[5].is_empty()).then(|| cols[5].replace(" 's", "'s"));
            let doc = out.last_mut().expect("pushed above");
            doc.claims.push(GoldClaim {
                start,
                end,
                speaker,
            });
        }
    }
    Ok(out)
}

/// An article of the unlabelled 2018-2020 corpus as the modern set reads it: its title, a blank
/// line, then its body (what a reader's page shows; data/claims/README.md).
pub fn modern_article_text(title: &str, body: &str) -> String {
    format!("{}\n\n{body}", title.trim())
}

/// The texts of the articles `wanted` (by id) from the corpus folder's `*.jsonl.gz` parts
/// (`{"id","title","text",...}` per line), each built by [`modern_article_text`].
pub fn read_corpus_articles(
    dir: &std::path::Path,
    wanted: &std::collections::BTreeSet<String>,
) -> Result<BTreeMap<String, String>> {
    use std::io::BufRead;
    let mut parts: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::Io(format!("cannot read {}: {e}", dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".jsonl.gz"))
        .collect();
    parts.sort();
    #[derive(Deserialize)]
    struct Article {
        id: String,
        title: String,
        text: String,
    }
    let mut found = BTreeMap::new();
    for part in parts {
        let file = std::fs::File::open(&part)
            .map_err(|e| Error::Io(format!("cannot read {}: {e}", part.display())))?;
        let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
        for line in reader.lines() {
            let line = line.map_err(|e| Error::Io(format!("{}: {e}", part.display())))?;
            // Cheap test first: most lines are not wanted (the id is the string after `"id"`).
            let id = line
                .find("\"id\"")
                .and_then(|at| line[at + 4..].split('"').nth(1));
            if !id.is_some_and(|id| wanted.contains(id)) {
                continue;
            }
            let a: Article = serde_json::from_str(&line)
                .map_err(|e| Error::Input(format!("{}: {e}", part.display())))?;
            found.insert(a.id, modern_article_text(&a.title, &a.text));
        }
    }
    if let Some(missing) = wanted.iter().find(|id| !found.contains_key(*id)) {
        return Err(Error::Input(format!(
            "article {missing} is not in {}",
            dir.display()
        )));
    }
    Ok(found)
}

/// The article ids of one split of a modern label file (`split article sentence start end label
/// speaker cue`, data/claims/README.md).
pub fn modern_article_ids(tsv: &str, split: &str) -> std::collections::BTreeSet<String> {
    tsv.lines()
        .skip(1)
        .filter_map(|l| {
            let mut cols = l.split('\t');
            (cols.next() == Some(split)).then(|| cols.next().map(str::to_string))?
        })
        .collect()
}

/// The texts of the articles of one split of a modern label file, read from the corpus folder
/// (an error when the split names no article).
pub fn read_modern_split_texts(
    tsv: &str,
    corpus_dir: &std::path::Path,
    split: &str,
) -> Result<BTreeMap<String, String>> {
    let ids = modern_article_ids(tsv, split);
    if ids.is_empty() {
        return Err(Error::Input(format!(
            "no article of split {split:?} in the label file"
        )));
    }
    read_corpus_articles(corpus_dir, &ids)
}

/// One labelled sentence of a modern article: byte span, label and speaker.
pub struct ModernSentence {
    pub start: usize,
    pub end: usize,
    pub claim: bool,
    pub speaker: Option<String>,
}

/// The documents of one split of a modern label file with every labelled sentence (claims and
/// the rest). `articles` maps each id to its text ([`read_corpus_articles`]); the offsets are
/// code points of that text, and each labelled span must be a sentence the label file's row
/// names (its text is not checked against the tokenizer: a later tokenizer may cut otherwise).
pub fn read_modern_sentences(
    tsv: &str,
    split: &str,
    articles: &BTreeMap<String, String>,
) -> Result<Vec<(GoldDoc, Vec<ModernSentence>)>> {
    let mut out: Vec<(GoldDoc, Vec<ModernSentence>)> = Vec::new();
    let mut map: Option<OffsetMap> = None;
    for (n, line) in tsv.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 7 {
            return Err(Error::Input(format!(
                "modern claims line {}: too few columns",
                n + 1
            )));
        }
        if cols[0] != split {
            continue;
        }
        let id = cols[1];
        if out.last().is_none_or(|(d, _)| d.id != id) {
            let text = articles.get(id).ok_or_else(|| {
                Error::Input(format!("modern claims line {}: no article {id}", n + 1))
            })?;
            map = Some(OffsetMap::new(text));
            let doc = GoldDoc {
                id: id.to_string(),
                text: text.clone(),
                entities: Vec::new(),
                claims: Vec::new(),
            };
            out.push((doc, Vec::new()));
        }
        let number = |s: &str| {
            s.parse::<usize>().map_err(|_| {
                Error::Input(format!("modern claims line {}: bad number {s:?}", n + 1))
            })
        };
        let offsets = map.as_ref().expect("set with the document");
        let byte = |ch: usize| {
            offsets.char_to_byte(ch).ok_or_else(|| {
                Error::Input(format!(
                    "modern claims line {}: offset {ch} is past the article's end",
                    n + 1
                ))
            })
        };
        let (start, end) = (byte(number(cols[3])?)?, byte(number(cols[4])?)?);
        if start >= end {
            return Err(Error::Input(format!(
                "modern claims line {}: empty span",
                n + 1
            )));
        }
        let claim = cols[5] == "claim";
        let speaker = cols.get(6).filter(|s| claim && !s.is_empty());
        out.last_mut()
            .expect("pushed above")
            .1
            .push(ModernSentence {
                start,
                end,
                claim,
                speaker: speaker.map(|s| s.to_string()),
            });
    }
    Ok(out)
}

/// The documents of one split of a modern label file, with their claim sentences and speakers as
/// gold claims (see [`read_modern_sentences`]).
pub fn read_modern_claims(
    tsv: &str,
    split: &str,
    articles: &BTreeMap<String, String>,
) -> Result<Vec<GoldDoc>> {
    Ok(read_modern_sentences(tsv, split, articles)?
        .into_iter()
        .map(|(mut doc, sentences)| {
            doc.claims = sentences
                .into_iter()
                .filter(|s| s.claim)
                .map(|s| GoldClaim {
                    start: s.start,
                    end: s.end,
                    speaker: s.speaker,
                })
                .collect();
            doc
        })
        .collect())
}

/// A CDCP comment: its text and each proposition's byte span and whether it is POLICY.
pub struct CdcpComment {
    pub id: String,
    pub text: String,
    pub propositions: Vec<(usize, usize, bool)>,
}

/// The CDCP comments of one split (`cdcp_documents.jsonl` of ../shared/data/claims/cdcp;
/// offsets there are code points, turned into bytes here).
pub fn read_cdcp_comments(jsonl: &str, split: &str) -> Result<Vec<CdcpComment>> {
    let mut out = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Error::Input(format!("cdcp line {}: {e}", n + 1)))?;
        if v["split"] != split {
            continue;
        }
        let text = v["text"].as_str().unwrap_or_default().to_string();
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let labels = v["prop_labels"].as_array().cloned().unwrap_or_default();
        let offsets = v["prop_offsets"].as_array().cloned().unwrap_or_default();
        let mut propositions = Vec::new();
        for (label, off) in labels.iter().zip(&offsets) {
            let at = |i: usize| off[i].as_u64().and_then(|c| bytes.get(c as usize).copied());
            if let (Some(start), Some(end)) = (at(0), at(1)) {
                propositions.push((start, end, label == "policy"));
            }
        }
        out.push(CdcpComment {
            id: format!("cdcp:{}", v["doc_id"].as_str().unwrap_or_default()),
            text,
            propositions,
        });
    }
    Ok(out)
}

/// CDCP comments of one split as documents whose gold claims are the POLICY propositions.
pub fn read_cdcp(jsonl: &str, split: &str) -> Result<Vec<GoldDoc>> {
    Ok(read_cdcp_comments(jsonl, split)?
        .into_iter()
        .map(|c| GoldDoc {
            id: c.id,
            claims: c
                .propositions
                .iter()
                .filter(|p| p.2)
                .map(|&(start, end, _)| GoldClaim {
                    start,
                    end,
                    speaker: None,
                })
                .collect(),
            text: c.text,
            entities: Vec::new(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_actor_by_name_surname_acronym() {
        assert!(same_actor("Li Qiang", "Li"));
        assert!(same_actor("Liam Fox", "Dr Liam Fox"));
        assert!(same_actor("Lloyd's", "Lloyd"));
        assert!(same_actor("U.S.", "US"));
        assert!(same_actor("UN", "United Nations"));
        assert!(same_actor("People's Daily", "People’s Daily"));
        assert!(same_actor("Advanced Medical Inc.", "Advanced Medical"));
        assert!(same_actor("Pirelli SpA", "Pirelli"));
        assert!(same_actor("Joe Manchin III", "Manchin"));
        assert!(same_actor("David A. Clarke Jr.", "David A. Clarke"));
        assert!(!same_actor("Jr.", "Sr."));
        assert!(!same_actor("Inc", "Co"));
        assert!(!same_actor("Bill Clinton", "Hillary Rodham"));
        assert!(!same_actor("Moscow", "Bonn"));
        assert!(!same_actor("", "Bonn"));
    }

    #[test]
    fn news_claims_point_into_the_conll_text() {
        let conll = "-DOCSTART- -X- O O\n\nBonn NNP I-NP I-LOC\nsaid VBD I-VP O\n. . O O\n\n\
                     It PRP I-NP O\nrained VBD I-VP O\n. . O O\n";
        let docs = read_conll(conll).unwrap();
        let tsv = "split\tfile\tdoc\tsentence\tlabel\tspeaker\tcue\n\
                   dev\ttrain\t0\t0\tclaim\tBonn\tsaid\n\
                   dev\ttrain\t0\t1\tnone\t\t\n\
                   test\ttrain\t0\t0\tnone\t\t\n";
        let read = read_news_claims(tsv, "dev", |_| Ok(&docs)).unwrap();
        assert_eq!(read.len(), 1);
        let claim = &read[0].claims;
        assert_eq!(claim.len(), 1);
        assert_eq!(&read[0].text[claim[0].start..claim[0].end], "Bonn said .");
        assert_eq!(claim[0].speaker.as_deref(), Some("Bonn"));
        assert!(read_news_claims(tsv, "test", |_| Ok(&docs)).unwrap()[0]
            .claims
            .is_empty());
        let bad = "h\ndev\ttrain\t0\t7\tclaim\tX\tsaid\n";
        assert!(read_news_claims(bad, "dev", |_| Ok(&docs)).is_err());
    }
}

#[cfg(test)]
mod modern_tests {
    use super::*;
    use std::io::Write;

    /// A corpus folder with one gzip part holding `articles` (id, title, text).
    /// Each call gets its own folder: tests run in parallel and each removes its folder.
    fn corpus(articles: &[(&str, &str, &str)]) -> std::path::PathBuf {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("aa-modern-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = std::fs::File::create(dir.join("part-1.jsonl.gz")).unwrap();
        let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        for (id, title, text) in articles {
            let line = serde_json::json!({"id": id, "date": "2019-01-01", "source": "X",
                "topic": "t", "title": title, "text": text});
            writeln!(gz, "{line}").unwrap();
        }
        gz.finish().unwrap();
        dir
    }

    #[test]
    fn a_modern_label_file_points_into_the_corpus_by_code_points() {
        let dir = corpus(&[
            (
                "a1",
                "Pelosi urges vote",
                "“We must act,” Pelosi said. It rained.",
            ),
            ("a2", "Other", "Not wanted."),
        ]);
        let tsv = "split\tarticle\tsentence\tstart\tend\tlabel\tspeaker\tcue\n\
                   modern\ta1\t0\t0\t17\tclaim\tPelosi\turges\n\
                   modern\ta1\t1\t19\t46\tclaim\tPelosi\tsaid ... must\n\
                   modern\ta1\t2\t47\t57\tnone\t\t\n";
        let ids = modern_article_ids(tsv, "modern");
        assert_eq!(ids.iter().collect::<Vec<_>>(), ["a1"]);
        let texts = read_corpus_articles(&dir, &ids).unwrap();
        assert_eq!(texts.len(), 1, "only the wanted article is kept");
        let docs = read_modern_claims(tsv, "modern", &texts).unwrap();
        let doc = &docs[0];
        assert_eq!(
            doc.text,
            "Pelosi urges vote\n\n“We must act,” Pelosi said. It rained."
        );
        // Code points 19..46 span the curly-quoted sentence (its quotes are 3 bytes each).
        let second = &doc.claims[1];
        assert_eq!(
            &doc.text[second.start..second.end],
            "“We must act,” Pelosi said."
        );
        assert_eq!(doc.claims.len(), 2);
        assert_eq!(second.speaker.as_deref(), Some("Pelosi"));
        // For training, every labelled sentence is kept, the `none` ones without a speaker.
        let all = read_modern_sentences(tsv, "modern", &texts).unwrap();
        let labels: Vec<bool> = all[0].1.iter().map(|s| s.claim).collect();
        assert_eq!(labels, [true, true, false]);
        assert_eq!(
            &all[0].0.text[all[0].1[2].start..all[0].1[2].end],
            "It rained."
        );
        assert!(all[0].1[2].speaker.is_none());
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_missing_article_or_a_bad_offset_is_an_error_not_a_panic() {
        let dir = corpus(&[("a1", "T", "Body.")]);
        let missing: std::collections::BTreeSet<String> = ["zz".to_string()].into();
        assert!(read_corpus_articles(&dir, &missing).is_err());
        let texts = read_corpus_articles(&dir, &["a1".to_string()].into()).unwrap();
        let past_end = "h\nmodern\ta1\t0\t0\t999\tclaim\t\t\n";
        assert!(read_modern_claims(past_end, "modern", &texts).is_err());
        let short = "h\nmodern\ta1\t0\n";
        assert!(read_modern_claims(short, "modern", &texts).is_err());
        std::fs::remove_dir_all(dir).ok();
    }
}
