//! Quality guards over the shipped model, on data read in place from ../shared/data. Each
//! test skips with a message when ../shared is absent (a checkout without the data).

use article_annotator::eval::{read_article, read_conll, GoldDoc, Scoreboard};
use article_annotator::{Annotations, Pipeline};
use std::path::PathBuf;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (../shared/data is needed for this test)",
            p.display()
        );
        None
    }
}

/// A model card figure, as written by train/train.sh into model/metrics.json.
fn card_f1(split: &str) -> f64 {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/model/metrics.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v[split]["micro"]["f1"]
        .as_f64()
        .expect("metrics.json has SPLIT.micro.f1")
}

fn seed_scores() -> Option<(Scoreboard, GoldDoc, Annotations)> {
    let path = shared("articles/seed.json")?;
    let gold = read_article(&std::fs::read_to_string(path).unwrap()).unwrap();
    let found = Pipeline::embedded().unwrap().annotate(&gold.text);
    let mut board = Scoreboard::default();
    board.add(&gold.entities, &found);
    eprintln!("{}", board.to_table());
    Some((board, gold, found))
}

/// The seed article must not fall below the model card's figure (a regression guard).
#[test]
fn seed_article_holds_the_model_card_figure() {
    let Some((board, _, _)) = seed_scores() else {
        return;
    };
    let f1 = board.micro().f1();
    let card = card_f1("seed");
    assert!(
        f1 >= card - 0.005,
        "seed entity F1 {f1:.4} fell below the model card's {card:.4}"
    );
}

/// Issue 2's acceptance bar on the seed article: micro-F1 >= 0.90 and every person and
/// organisation found.
#[test]
fn seed_article_meets_the_acceptance_bar() {
    let Some((board, gold, found)) = seed_scores() else {
        return;
    };
    let f1 = board.micro().f1();
    assert!(f1 >= 0.90, "seed entity micro-F1 {f1:.3} < 0.90");
    for g in gold
        .entities
        .iter()
        .filter(|g| g.label == "PER" || g.label == "ORG")
    {
        assert!(
            found
                .entities
                .iter()
                .any(|e| e.start == g.start && e.end == g.end),
            "missed {} {:?}",
            g.label,
            &gold.text[g.start..g.end]
        );
    }
}

#[test]
fn conll_valid_f1_holds_the_model_card_figure() {
    let Some(path) = shared("ner/conll2003/valid.txt") else {
        return;
    };
    let docs = read_conll(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pipeline = Pipeline::embedded().unwrap();
    let mut board = Scoreboard::default();
    for d in &docs {
        board.add(&d.entities, &pipeline.annotate(&d.text));
    }
    let f1 = board.micro().f1();
    let card = card_f1("valid");
    eprintln!(
        "valid micro-F1 {f1:.4} (model card {card:.4})\n{}",
        board.to_table()
    );
    assert!(
        f1 >= card - 0.005,
        "valid F1 {f1:.4} fell more than half a point below the model card's {card:.4}"
    );
}
