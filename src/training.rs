//! Training export: the examples the trainer (train/train.py) learns from, encoded by this
//! crate's own tokenizer and feature extractor so that training and inference agree.
//!
//! Each example is a document with, per token, its feature rows, its gold BIO tag (or none
//! when the document is not NER training data) and the claim segment it belongs to
//! (a gold sentence or a CDCP proposition) with each segment's claim label.

use crate::error::{Error, Result};
use crate::eval::{
    line_spans, read_cdcp_comments, read_conll, read_corpus_articles, read_modern_sentences,
    read_modern_split_texts, GoldDoc, GoldSpan,
};
use crate::features::{self, Lexicon, TableSizes, NUM_FEATURES, TRAINING_TAGS};
use crate::tokens;
use serde_json::{json, Value};

/// One training document.
pub struct Example {
    pub id: String,
    pub text: String,
    /// Gold entities, or `None` when this document must not train the tagger.
    pub entities: Option<Vec<GoldSpan>>,
    /// Claim segments: byte span and label (1 claim, 0 not, -1 unlabelled).
    pub segments: Vec<(usize, usize, i8)>,
}

impl Example {
    /// A CoNLL document for the entity tagger (no claim labels).
    pub fn ner(doc: GoldDoc) -> Example {
        Example {
            id: doc.id,
            text: doc.text,
            entities: Some(doc.entities),
            segments: Vec::new(),
        }
    }
}

/// The labelled news sentences (data/claims/news_claims.tsv) of one split, as documents of
/// the CoNLL files in `conll_dir`. Documents from `train.txt` also keep their entities; the
/// others (from valid.txt) must not train the tagger, whose model is chosen on valid.
pub fn news_claims(tsv: &str, conll_dir: &str, split: &str) -> Result<Vec<Example>> {
    let mut files: std::collections::HashMap<String, Vec<GoldDoc>> = Default::default();
    let mut out: Vec<Example> = Vec::new();
    let mut current: Option<(String, usize)> = None;
    for (n, line) in tsv.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 5 {
            return Err(Error::Input(format!(
                "claims line {}: too few columns",
                n + 1
            )));
        }
        if cols[0] != split {
            continue;
        }
        let file = cols[1].to_string();
        let parse = |s: &str| {
            s.parse::<usize>()
                .map_err(|_| Error::Input(format!("claims line {}: bad index", n + 1)))
        };
        let (doc, sentence) = (parse(cols[2])?, parse(cols[3])?);
        if !files.contains_key(&file) {
            let path = format!("{conll_dir}/{file}.txt");
            let content =
                std::fs::read_to_string(&path).map_err(|e| Error::Io(format!("{path}: {e}")))?;
            files.insert(file.clone(), read_conll(&content)?);
        }
        if current.as_ref() != Some(&(file.clone(), doc)) {
            let gold = files[&file]
                .get(doc)
                .ok_or_else(|| Error::Input(format!("no document {doc} in {file}")))?;
            let segments = line_spans(&gold.text)
                .into_iter()
                .map(|(s, e)| (s, e, -1i8))
                .collect();
            out.push(Example {
                id: format!("{file}:{doc}"),
                text: gold.text.clone(),
                entities: (file == "train").then(|| gold.entities.clone()),
                segments,
            });
            current = Some((file, doc));
        }
        let ex = out.last_mut().expect("pushed above");
        let seg = ex.segments.get_mut(sentence).ok_or_else(|| {
            Error::Input(format!("claims line {}: no sentence {sentence}", n + 1))
        })?;
        seg.2 = (cols[4] == "claim") as i8;
    }
    Ok(out)
}

/// The labelled sentences of one split of a modern label file
/// (data/claims/news_claims_modern_train.tsv), as documents of the 2018-2020 corpus in
/// `corpus_dir`: every labelled sentence is a segment. No entity gold.
pub fn modern_claims(tsv: &str, corpus_dir: &str, split: &str) -> Result<Vec<Example>> {
    let texts = read_modern_split_texts(tsv, std::path::Path::new(corpus_dir), split)?;
    Ok(read_modern_sentences(tsv, split, &texts)?
        .into_iter()
        .map(|(doc, sentences)| Example {
            id: doc.id,
            text: doc.text,
            entities: None,
            segments: sentences
                .iter()
                .map(|s| (s.start, s.end, s.claim as i8))
                .collect(),
        })
        .collect())
}

/// Unlabelled articles of the 2018-2020 corpus (`ids`, in that order) for soft labels: every
/// sentence of the tokenizer is a segment with no label (-1), in the order `annotate sentences`
/// prints them, so a teacher's score per sentence lines up with the student's segments.
pub fn corpus_articles(corpus_dir: &str, ids: &[String]) -> Result<Vec<Example>> {
    let wanted = ids.iter().cloned().collect();
    let texts = read_corpus_articles(std::path::Path::new(corpus_dir), &wanted)?;
    Ok(ids
        .iter()
        .map(|id| {
            let text = texts[id].clone();
            let segments = tokens::tokenize(&text)
                .sentences
                .iter()
                .map(|s| (s.start, s.end, -1i8))
                .collect();
            Example {
                id: id.clone(),
                text,
                entities: None,
                segments,
            }
        })
        .collect())
}

/// CDCP comments of one split: each proposition is a segment, POLICY ones are claims.
pub fn cdcp(jsonl: &str, split: &str) -> Result<Vec<Example>> {
    Ok(read_cdcp_comments(jsonl, split)?
        .into_iter()
        .map(|c| Example {
            id: c.id,
            text: c.text,
            entities: None,
            segments: c
                .propositions
                .into_iter()
                .map(|(s, e, policy)| (s, e, policy as i8))
                .collect(),
        })
        .collect())
}

/// Encodes one example as the trainer reads it, and counts gold spans that do not fall on
/// token boundaries (they are left out).
pub fn encode(ex: &Example, tables: &TableSizes, lexicon: &Lexicon) -> (Value, usize) {
    let tokenized = tokens::tokenize(&ex.text);
    let toks = &tokenized.tokens;
    let ids = features::extract(&ex.text, &tokenized, tables, lexicon);
    let mut misaligned = 0;
    // A token's gold tag as its index in TRAINING_TAGS; -1 inside a name whose label the tagger
    // does not learn (an event of GUM or CrossNER: eval::ner_corpora::EVENT), where training
    // allows any tag.
    let tags: Option<Vec<i64>> = ex.entities.as_ref().map(|entities| {
        let mut tags = vec![0i64; toks.len()];
        for g in entities {
            let first = toks.partition_point(|t| t.start < g.start);
            let last = toks.partition_point(|t| t.end <= g.end);
            let aligned =
                first < last && toks[first].start == g.start && toks[last - 1].end == g.end;
            if !aligned {
                misaligned += 1;
                continue;
            }
            for (k, tag) in tags[first..last].iter_mut().enumerate() {
                let name = format!("{}-{}", if k == 0 { "B" } else { "I" }, g.label);
                *tag = match TRAINING_TAGS.iter().position(|t| *t == name) {
                    Some(index) => index as i64,
                    None => -1,
                };
            }
        }
        tags
    });
    // Each token's claim segment (-1: none), by where the token starts.
    let mut seg = vec![-1i64; toks.len()];
    for (si, &(s, e, _)) in ex.segments.iter().enumerate() {
        let first = toks.partition_point(|t| t.start < s);
        let last = toks.partition_point(|t| t.start < e);
        for x in &mut seg[first..last] {
            *x = si as i64;
        }
    }
    let seg_labels: Vec<i8> = ex.segments.iter().map(|s| s.2).collect();
    let v = json!({"id": ex.id, "nf": NUM_FEATURES, "ids": ids, "tags": tags, "seg": seg, "seg_labels": seg_labels});
    (v, misaligned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::ner_corpora::EVENT;
    use crate::features::DEFAULT_TABLES;

    fn span(text: &str, name: &str, label: &str) -> GoldSpan {
        let start = text.find(name).unwrap();
        GoldSpan {
            start,
            end: start + name.len(),
            label: label.into(),
        }
    }

    #[test]
    fn an_event_name_leaves_its_tokens_free_and_other_names_get_their_tags() {
        let text = "Ann Lee spoke at the Paris Peace Forum today .";
        let example = Example {
            id: "fixture".into(),
            text: text.into(),
            entities: Some(vec![
                span(text, "Ann Lee", "PER"),
                span(text, "Paris Peace Forum", EVENT),
            ]),
            segments: Vec::new(),
        };
        let (row, misaligned) = encode(&example, &DEFAULT_TABLES, &Lexicon::empty());
        assert_eq!(misaligned, 0);
        let tags: Vec<i64> = serde_json::from_value(row["tags"].clone()).unwrap();
        let index = |name: &str| TRAINING_TAGS.iter().position(|t| *t == name).unwrap() as i64;
        assert_eq!(
            tags,
            [index("B-PER"), index("I-PER"), 0, 0, 0, -1, -1, -1, 0, 0]
        );
    }
}
