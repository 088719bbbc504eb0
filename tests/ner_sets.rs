//! The entity sets of today's English through the CLI: `annotate eval|features` with `--gum DIR
//! --part P` and `--crossner FILE`, on small fixtures written here, and on the real sets when
//! ../shared is present (skipped with a message otherwise).

use article_annotator::eval::ner_corpora::{gum_held_out, read_crossner, read_gum_dir};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn annotate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok_stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("aa-ner-sets-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const CROSSNER: &str = "Barack\tB-politician\nObama\tI-politician\nmet\tO\nthe\tO\n\
Labour\tB-politicalparty\nParty\tI-politicalparty\nin\tO\nLondon\tB-location\n.\tO\n\n\
Angela\tB-politician\nMerkel\tI-politician\nvisited\tO\nFrance\tB-country\n.\tO\n";

#[test]
fn crossner_eval_and_features_read_a_fixture() {
    let dir = temp_dir("crossner");
    let file = dir.join("test.txt");
    std::fs::write(&file, CROSSNER).unwrap();
    let f = file.to_str().unwrap();
    let v: Value =
        serde_json::from_str(&ok_stdout(&annotate(&["eval", "--crossner", f, "--json"]))).unwrap();
    assert_eq!(v["documents"], 2, "{v}");
    let micro = &v["micro"];
    let gold = micro["tp"].as_u64().unwrap() + micro["fn"].as_u64().unwrap();
    assert_eq!(gold, 5, "{v}");
    assert!(v.get("claims").is_none(), "an entity set scores no claims");
    // Well-known names in plain sentences: the tagger finds most of them.
    assert!(v["micro"]["f1"].as_f64().unwrap() >= 0.6, "{v}");
    let lines = ok_stdout(&annotate(&["features", "--crossner", f]));
    let docs: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    let tags = docs[1]["tags"].as_array().unwrap();
    assert_eq!(
        tags.len(),
        5,
        "one gold tag per token of `Angela Merkel visited France .`"
    );
    assert!(tags[0].as_u64().unwrap() > 0 && tags[2].as_u64().unwrap() == 0);
    std::fs::remove_dir_all(dir).ok();
}

const GUM: &str = "\
# newdoc id = GUM_news_cli
# newpar
# text = Google met the European Commission in Brussels.
1\tGoogle\tGoogle\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-organization-new-sss-cf1-1-sgl-Google)
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\tEntity=(2-organization-new-sss-cf2-3-sgl-European_Commission
4\tEuropean\tEuropean\tPROPN\tNNP\t_\t5\tamod\t_\t_
5\tCommission\tCommission\tPROPN\tNNP\t_\t2\tobj\t_\tEntity=2)
6\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_
7\tBrussels\tBrussels\tPROPN\tNNP\t_\t2\tobl\t_\tEntity=(3-place-new-sss-cf3-1-sgl-Brussels)|SpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
";

#[test]
fn gum_parts_split_the_files_and_features_carry_their_names() {
    let dir = temp_dir("gum");
    std::fs::write(dir.join("GUM_news_cli.conllu"), GUM).unwrap();
    let d = dir.to_str().unwrap();
    let part = if gum_held_out("GUM_news_cli") {
        "heldout"
    } else {
        "train"
    };
    let other = if part == "train" { "heldout" } else { "train" };
    let lines = ok_stdout(&annotate(&["features", "--gum", d, "--part", part]));
    let doc: Value = serde_json::from_str(lines.lines().next().unwrap()).unwrap();
    let tagged = doc["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t.as_u64() != Some(0))
        .count();
    assert_eq!(tagged, 4, "Google, European Commission, Brussels: {doc}");
    let none = ok_stdout(&annotate(&["features", "--gum", d, "--part", other]));
    assert!(none.is_empty(), "a file is in one part only");
    let out = annotate(&["eval", "--gum", d]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--part"));
    let out = annotate(&["eval", "--gum", d, "--part", "test"]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_dir_all(dir).ok();
}

fn shared(path: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/ner")
        .join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

#[test]
fn the_real_sets_read_whole() {
    let Some(gum) = shared("gum") else { return };
    let train = read_gum_dir(&gum, "train").unwrap();
    let held = read_gum_dir(&gum, "heldout").unwrap();
    assert_eq!(train.len() + held.len(), 108, "every GUM file in one part");
    assert!((15..35).contains(&held.len()), "{} held out", held.len());
    for label in ["PER", "ORG", "LOC", "MISC"] {
        let n = train
            .iter()
            .flat_map(|d| &d.entities)
            .filter(|e| e.label == label)
            .count();
        assert!(n > 300, "{n} {label} names in GUM's train part");
    }
    let Some(crossner) = shared("crossner-politics/test.txt") else {
        return;
    };
    let docs = read_crossner(&std::fs::read_to_string(crossner).unwrap()).unwrap();
    assert_eq!(docs.len(), 651, "the README's sentence count");
}
