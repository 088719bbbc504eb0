//! The committed claim label files (`data/claims/*.tsv`) are well formed and keep their sets apart:
//! the evaluation-only fresh and general-news sets never share a document with the news set that
//! the claim model is trained and chosen on. Needs no `../shared` (labels only; `data/claims/check.py`
//! also checks them against the CoNLL text).

use std::collections::{HashMap, HashSet};

const HEADER: &str = "split\tfile\tdoc\tsentence\tlabel\tspeaker\tcue";

/// (split, file, doc, sentence, label, speaker, cue) rows of one label file.
fn rows(name: &str) -> Vec<[String; 7]> {
    let path = format!("{}/data/claims/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(HEADER), "{name}: header");
    lines
        .enumerate()
        .map(|(i, line)| {
            let cols: Vec<String> = line.split('\t').map(str::to_string).collect();
            cols.try_into()
                .unwrap_or_else(|c: Vec<String>| panic!("{name}:{}: {} columns", i + 2, c.len()))
        })
        .collect()
}

/// Checks one file's rows: the allowed (split, file) pairs, labels, a cue on every claim and
/// nothing on a none, each sentence once, and each document's sentences numbered 0..n.
/// Returns its documents.
fn check(name: &str, allowed: &[(&str, &str)]) -> HashSet<(String, u32)> {
    let mut seen = HashSet::new();
    let mut sentences: HashMap<(String, u32), Vec<u32>> = HashMap::new();
    let mut claims = 0;
    for (i, [split, file, doc, sentence, label, speaker, cue]) in rows(name).iter().enumerate() {
        let at = format!("{name}:{}", i + 2);
        assert!(
            allowed.contains(&(split.as_str(), file.as_str())),
            "{at}: split {split} on file {file}"
        );
        let doc: u32 = doc.parse().unwrap_or_else(|_| panic!("{at}: doc {doc:?}"));
        let sentence: u32 = sentence
            .parse()
            .unwrap_or_else(|_| panic!("{at}: sentence {sentence:?}"));
        assert!(
            seen.insert((file.clone(), doc, sentence)),
            "{at}: duplicate"
        );
        sentences
            .entry((file.clone(), doc))
            .or_default()
            .push(sentence);
        match label.as_str() {
            "claim" => {
                claims += 1;
                assert!(!cue.is_empty(), "{at}: a claim needs its cue");
            }
            "none" => assert!(
                speaker.is_empty() && cue.is_empty(),
                "{at}: a none row has no speaker or cue"
            ),
            other => panic!("{at}: label {other:?}"),
        }
    }
    assert!(claims > 0, "{name}: no claims");
    for ((file, doc), mut got) in sentences.clone() {
        got.sort_unstable();
        let want: Vec<u32> = (0..got.len() as u32).collect();
        assert_eq!(got, want, "{name}: {file} {doc} misses sentences");
    }
    sentences.into_keys().collect()
}

#[test]
fn label_files_are_well_formed_and_their_sets_share_no_document() {
    let news = check(
        "news_claims.tsv",
        &[
            ("train", "train"),
            ("dev", "train"),
            ("test", "train"),
            ("train", "valid"),
            ("dev", "valid"),
            ("test", "valid"),
        ],
    );
    let fresh = check(
        "news_claims_fresh.tsv",
        &[("fresh", "test"), ("fresh2", "test")],
    );
    let general = check(
        "news_claims_general.tsv",
        &[("general", "train"), ("general", "valid")],
    );
    let shared: Vec<_> = general.intersection(&news).collect();
    assert!(
        shared.is_empty(),
        "general-news documents in the news set: {shared:?}"
    );
    assert!(
        fresh.iter().all(|(file, _)| file == "test"),
        "the fresh sets hold CoNLL test documents only"
    );
    assert!(
        news.iter().all(|(file, _)| file != "test"),
        "the news set never holds CoNLL test documents"
    );
}

/// (article, sentence, start, end, label, speaker) rows of a modern label file whose splits are
/// among `splits`.
fn modern_rows(name: &str, splits: &[&str]) -> Vec<(String, u32, u32, u32, String, String)> {
    let path = format!("{}/data/claims/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("split\tarticle\tsentence\tstart\tend\tlabel\tspeaker\tcue"),
        "{name}: header"
    );
    lines
        .enumerate()
        .map(|(i, line)| {
            let at = format!("{name}:{}", i + 2);
            let c: Vec<&str> = line.split('\t').collect();
            assert_eq!(c.len(), 8, "{at}: columns");
            assert!(splits.contains(&c[0]), "{at}: split {:?}", c[0]);
            let n = |s: &str| s.parse::<u32>().unwrap_or_else(|_| panic!("{at}: {s:?}"));
            match c[5] {
                "claim" => {}
                "none" => assert!(c[6].is_empty() && c[7].is_empty(), "{at}: a none row"),
                other => panic!("{at}: label {other:?}"),
            }
            (
                c[1].to_string(),
                n(c[2]),
                n(c[3]),
                n(c[4]),
                c[5].to_string(),
                c[6].to_string(),
            )
        })
        .collect()
}

/// The modern set: every sentence of each article once, numbered 0..n, in order, spans that
/// never overlap; the second annotator's file holds only double-labelled articles of the set,
/// over the same sentences.
#[test]
fn the_modern_set_is_well_formed_and_its_second_labels_cover_its_sentences() {
    let articles = check_modern_files(
        "news_claims_modern.tsv",
        "news_claims_modern_second.tsv",
        &["modern"],
    );
    assert!(articles.len() >= 40, "at least 40 articles");
}

/// The modern training part: well-formed as the set is, at least 1,500 claims, and never an
/// article of the modern evaluation set.
#[test]
fn the_modern_training_part_is_well_formed_and_apart_from_the_set() {
    let train = check_modern_files(
        "news_claims_modern_train.tsv",
        "news_claims_modern_train_second.tsv",
        &["train", "dev"],
    );
    let claims = modern_rows("news_claims_modern_train.tsv", &["train", "dev"])
        .iter()
        .filter(|r| r.4 == "claim")
        .count();
    assert!(claims >= 1500, "{claims} claims");
    let evaluation = check_modern_files(
        "news_claims_modern.tsv",
        "news_claims_modern_second.tsv",
        &["modern"],
    );
    for article in &train {
        assert!(!evaluation.contains(article), "{article} is in both");
    }
}

/// Every sentence of each article once, numbered 0..n, in order, spans that never overlap; the
/// second annotator's file holds only double-labelled articles of the main one, over the same
/// sentences. Returns the main file's articles.
fn check_modern_files(main: &str, second: &str, splits: &[&str]) -> Vec<String> {
    let rows = modern_rows(main, splits);
    let mut articles: Vec<String> = Vec::new();
    let mut spans: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    for (article, sentence, start, end, _, _) in &rows {
        if articles.last() != Some(article) {
            assert!(
                !articles.contains(article),
                "{article} is split in two runs"
            );
            articles.push(article.clone());
        }
        let seen = spans.entry(article.clone()).or_default();
        assert_eq!(
            *sentence as usize,
            seen.len(),
            "{article}: sentences in order from 0"
        );
        assert!(start < end, "{article} {sentence}: empty span");
        if let Some(&(_, previous_end)) = seen.last() {
            assert!(
                *start >= previous_end,
                "{article} {sentence}: overlaps the previous"
            );
        }
        seen.push((*start, *end));
    }
    let claims = rows.iter().filter(|r| r.4 == "claim").count();
    assert!(claims > 100, "{claims} claims");
    let second = modern_rows(second, splits);
    let mut second_spans: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    for (article, _, start, end, _, _) in &second {
        second_spans
            .entry(article.clone())
            .or_default()
            .push((*start, *end));
    }
    assert!(!second_spans.is_empty());
    for (article, s) in &second_spans {
        assert_eq!(Some(s), spans.get(article), "{article}: same sentences");
    }
    articles
}
