//! The CLI contract (../shared/DESIGN.md §3): JSON shape, code-point offsets, exit codes.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn annotate(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The process may exit before reading its input (a bad flag): a broken pipe is fine here.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn json_out(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

/// Fails with exit code 2 and exactly one line on stderr, nothing on stdout, no panic.
fn assert_clean_failure(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(2),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty());
    err
}

#[test]
fn empty_input_gives_empty_annotations() {
    let doc = json_out(&annotate(&[], b""));
    assert_eq!(doc["entities"], Value::Array(vec![]));
    assert_eq!(doc["claims"], Value::Array(vec![]));
    assert_eq!(doc["backend"], "cpu");
    assert!(doc["model"].as_str().unwrap().contains("conll"));
}

#[test]
fn offsets_are_code_points_and_text_is_that_slice() {
    let text = "😀 Chancellor Angela Merkel met Emmanuel Macron in Paris. 李强 visited Zürich on Monday.\n";
    let doc = json_out(&annotate(&["-"], text.as_bytes()));
    let chars: Vec<char> = text.chars().collect();
    let entities = doc["entities"].as_array().unwrap();
    assert!(entities.len() >= 3, "{doc}");
    let mut last_end = 0;
    for e in entities {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert!(s >= last_end && s < t && t <= chars.len());
        last_end = t;
        let slice: String = chars[s..t].iter().collect();
        assert_eq!(e["text"].as_str().unwrap(), slice);
        assert!(["PER", "ORG", "LOC"].contains(&e["label"].as_str().unwrap()));
        let score = e["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(e["cluster"].is_u64());
    }
    let texts: Vec<&str> = entities
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Angela Merkel"), "{texts:?}");
    assert!(texts.contains(&"Paris"), "{texts:?}");
}

#[test]
fn jsonl_keeps_order_and_ids() {
    let input = b"{\"id\": 7, \"text\": \"Boris Johnson spoke in London.\"}\n\n{\"id\": \"b\", \"text\": \"\"}\n";
    let out = annotate(&["--jsonl"], input);
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[1]["id"], "b");
    assert!(!lines[0]["entities"].as_array().unwrap().is_empty());
    assert!(lines[1]["entities"].as_array().unwrap().is_empty());
}

#[test]
fn jsonl_reads_the_named_file() {
    let path = std::env::temp_dir().join(format!("aann-jsonl-{}.jsonl", std::process::id()));
    std::fs::write(
        &path,
        "{\"id\": 1, \"text\": \"Angela Merkel visited Paris.\"}\n{\"id\": 2, \"text\": \"\"}\n",
    )
    .unwrap();
    // stdin carries another document: a named file must win over it.
    let out = annotate(
        &["--jsonl", path.to_str().unwrap()],
        b"{\"id\": 9, \"text\": \"x\"}\n",
    );
    std::fs::remove_file(&path).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone())
        .collect();
    assert_eq!(ids, vec![Value::from(1), Value::from(2)]);
    let err = assert_clean_failure(&annotate(&["--jsonl", "/no/such/file.jsonl"], b""));
    assert!(err.contains("/no/such/file.jsonl"), "{err}");
}

#[test]
fn jsonl_with_a_bad_line_fails_cleanly() {
    let err = assert_clean_failure(&annotate(&["--jsonl"], b"{\"text\": 1}\n"));
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn invalid_utf8_exits_2_with_one_line() {
    let err = assert_clean_failure(&annotate(&[], b"Paris \xff\xfe London"));
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn unreadable_file_exits_2() {
    let err = assert_clean_failure(&annotate(&["/nonexistent/article.txt"], b""));
    assert!(err.contains("/nonexistent/article.txt"), "{err}");
}

#[test]
fn unknown_flag_exits_2() {
    let out = annotate(&["--frobnicate"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown flag --frobnicate"));
}

#[test]
fn unknown_backend_exits_2() {
    let err = assert_clean_failure(&annotate(&["--backend", "tpu"], b"x"));
    assert!(err.contains("tpu"), "{err}");
}

#[test]
fn a_corrupt_model_file_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("aa-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.aann");
    std::fs::write(&path, b"AANN\x01\0\0\0garbage that is not a model").unwrap();
    let err = assert_clean_failure(&annotate(&["--model", path.to_str().unwrap()], b"x"));
    assert!(err.contains("model"), "{err}");
}

#[test]
fn eval_articles_scores_a_gold_fixture() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    let out = annotate(&["eval", "--articles", dir, "--json"], b"");
    let v = json_out(&out);
    assert_eq!(v["documents"], 1);
    let micro = &v["micro"];
    for k in ["precision", "recall", "f1"] {
        let x = micro[k].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x));
    }
    // The fixture's names are common, well-formed news names: most must be found.
    assert!(micro["f1"].as_f64().unwrap() >= 0.6, "{v}");
}

#[test]
fn eval_show_errors_lists_wrong_speakers() {
    let dir = std::env::temp_dir().join(format!("aa-cli-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "The union urged the government to raise the minimum wage.";
    let article = json!({"id": "wrong-speaker", "text": text, "entities": [],
        "claims": [{"start": 0, "end": text.chars().count(), "speaker": "Nobody Quux"}]});
    std::fs::write(dir.join("a.json"), article.to_string()).unwrap();
    let d = dir.to_str().unwrap();
    let v = json_out(&annotate(
        &["eval", "--articles", d, "--json", "--show-errors"],
        b"",
    ));
    let errors = v["speaker_errors"].as_array().expect("speaker_errors");
    assert_eq!(errors.len(), 1, "{v}");
    assert_eq!(errors[0]["doc"], "wrong-speaker");
    assert_eq!(errors[0]["sentence"], 0);
    assert_eq!(errors[0]["gold"], "Nobody Quux");
    assert_eq!(errors[0]["text"], text);
    // Text mode: one line per error, before the summary.
    let out = annotate(&["eval", "--articles", d, "--show-errors"], b"");
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("speaker error wrong-speaker sentence 0: gold Nobody Quux"),
        "{stdout}"
    );
    // Without the flag nothing is listed.
    let plain = json_out(&annotate(&["eval", "--articles", d, "--json"], b""));
    assert!(plain.get("speaker_errors").is_none(), "{plain}");
}

#[test]
fn eval_show_errors_lists_missed_and_false_claims() {
    let dir = std::env::temp_dir().join(format!("aa-cli-claim-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The proposal is found but not gold (a false claim); the gold "claim" is plain narration
    // the model does not take (a missed claim).
    let text =
        "The union urged the government to raise the minimum wage.\nThe meeting lasted two hours.";
    let second = text.find('\n').unwrap() + 1;
    let article = json!({"id": "claim-errors", "text": text, "entities": [],
        "claims": [{"start": second, "end": text.chars().count(), "speaker": null}]});
    std::fs::write(dir.join("a.json"), article.to_string()).unwrap();
    let d = dir.to_str().unwrap();
    let v = json_out(&annotate(
        &["eval", "--articles", d, "--json", "--show-errors"],
        b"",
    ));
    let errors = v["claim_errors"].as_array().expect("claim_errors");
    assert_eq!(errors.len(), 2, "{v}");
    assert_eq!(errors[0]["kind"], "false");
    assert_eq!(errors[0]["sentence"], 0);
    assert!(errors[0]["score"].as_f64().unwrap() > 0.5, "{v}");
    assert_eq!(
        errors[0]["text"],
        "The union urged the government to raise the minimum wage."
    );
    assert_eq!(errors[1]["kind"], "missed");
    assert_eq!(errors[1]["sentence"], 1);
    assert!(errors[1]["score"].is_null());
    assert_eq!(errors[1]["text"], "The meeting lasted two hours.");
    assert_eq!(v["claims"]["fp"], 1);
    assert_eq!(v["claims"]["fn"], 1);
    let out = annotate(&["eval", "--articles", d, "--show-errors"], b"");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("false claim claim-errors sentence 0 score "),
        "{stdout}"
    );
    assert!(
        stdout.contains("missed claim claim-errors sentence 1\tThe meeting lasted two hours."),
        "{stdout}"
    );
}

#[test]
fn eval_needs_one_source() {
    assert_clean_failure(&annotate(&["eval"], b""));
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    let both = annotate(&["eval", "--articles", dir, "--cdcp", "x.jsonl"], b"");
    assert!(assert_clean_failure(&both).contains("exactly one"));
    // The news claim set points into CoNLL files: their folder and the split are required.
    let tsv = concat!(env!("CARGO_MANIFEST_DIR"), "/data/claims/news_claims.tsv");
    let no_dir = annotate(&["eval", "--claims", tsv, "--split", "dev"], b"");
    assert!(assert_clean_failure(&no_dir).contains("--conll-dir"));
}

#[test]
fn the_claim_model_can_be_left_out() {
    let text = b"The union urged the government to raise the minimum wage.";
    let with = json_out(&annotate(&[], text));
    assert!(!with["claims"].as_array().unwrap().is_empty(), "{with}");
    let without = json_out(&annotate(&["--claim-model", "none"], text));
    assert!(
        without["claims"].as_array().unwrap().is_empty(),
        "{without}"
    );
    assert_eq!(with["entities"], without["entities"]);
}

#[test]
fn bench_reports_speed_memory_and_load_time() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/articles/fixture.json"
    );
    let v = json_out(&annotate(&["bench", file], b""));
    assert!(v["tokens_per_second"].as_f64().unwrap() > 0.0);
    assert!(v["model_load_ms"].as_f64().unwrap() >= 0.0);
    assert!(v["tokens"].as_u64().unwrap() > 10);
}

#[test]
fn eval_claims_reads_only_the_conll_files_its_labels_point_into() {
    // A label file on CoNLL test.txt documents (as data/claims/news_claims_fresh.tsv): the
    // folder needs no train.txt or valid.txt.
    let dir = std::env::temp_dir().join(format!("aa-cli-fresh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let conll = "-DOCSTART- -X- -X- O\n\nThe DT B-NP O\nunion NN I-NP O\nurged VBD B-VP O\nthe DT B-NP O\ngovernment NN I-NP O\nto TO B-VP O\nraise VB I-VP O\nwages NNS B-NP O\n. . O O\n\nThe DT B-NP O\nmeeting NN I-NP O\nlasted VBD B-VP O\ntwo CD B-NP O\nhours NNS I-NP O\n. . O O\n\n";
    std::fs::write(dir.join("test.txt"), conll).unwrap();
    let tsv = dir.join("fresh.tsv");
    std::fs::write(
        &tsv,
        "split\tfile\tdoc\tsentence\tlabel\tspeaker\tcue\nfresh\ttest\t0\t0\tclaim\t\turged\nfresh\ttest\t0\t1\tnone\t\t\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let t = tsv.to_str().unwrap();
    let v = json_out(&annotate(
        &[
            "eval",
            "--claims",
            t,
            "--conll-dir",
            d,
            "--split",
            "fresh",
            "--json",
        ],
        b"",
    ));
    assert_eq!(v["documents"], 1, "{v}");
    assert_eq!(
        v["claims"]["tp"].as_u64().unwrap() + v["claims"]["fn"].as_u64().unwrap(),
        1,
        "{v}"
    );
    // A split with no rows in the file scores nothing, and a missing CoNLL file is a clear error.
    let none = json_out(&annotate(
        &[
            "eval",
            "--claims",
            t,
            "--conll-dir",
            d,
            "--split",
            "dev",
            "--json",
        ],
        b"",
    ));
    assert_eq!(none["documents"], 0, "{none}");
    std::fs::remove_file(dir.join("test.txt")).unwrap();
    let err = assert_clean_failure(&annotate(
        &["eval", "--claims", t, "--conll-dir", d, "--split", "fresh"],
        b"",
    ));
    assert!(err.contains("test.txt"), "{err}");
}

/// A short article: the tagger finds the names, a speaker rule the claim's speaker.
const EXPLAINED: &str =
    "Premier Li Qiang opened the World Artificial Intelligence Conference (WAIC) \
in Shanghai on Saturday.\n\nLi Qiang called for a global body to govern artificial intelligence. \
Officials at WAIC said the meeting would last three days.";

/// The rules' names, in run order (`annotate eval --rules`).
fn rule_names() -> Vec<String> {
    let out = annotate(&["eval", "--rules"], b"");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// `--explain`'s entity and claim lines, and their counts in the JSON of the same text.
fn explained(text: &str) -> (Vec<String>, Vec<String>) {
    let out = annotate(&["--explain", "--backend", "cpu"], text.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).unwrap();
    let json = json_out(&annotate(&["--backend", "cpu"], text.as_bytes()));
    let section = |name: &str, n: usize| -> Vec<String> {
        table
            .lines()
            .skip_while(|l| !l.starts_with(name))
            .skip(1)
            .filter(|l| l.starts_with("  ") && l[2..].starts_with(|c: char| c.is_ascii_digit()))
            .take(n)
            .map(str::to_string)
            .collect()
    };
    let entities = section("entities", json["entities"].as_array().unwrap().len());
    let claims = section("claims", json["claims"].as_array().unwrap().len());
    (entities, claims)
}

#[test]
fn explain_names_the_source_of_every_entity_and_claim() {
    let rules = rule_names();
    // 28 document and claim rules, 23 speaker rules, the speaker ranker's switch.
    assert_eq!(rules.len(), 54, "{rules:?}");
    assert_eq!(rules.last().map(String::as_str), Some("speaker-ranker"));
    assert!(
        rules.iter().any(|r| r == "defined-acronyms") && rules.iter().any(|r| r == "cue-subject")
    );
    let named = |line: &str| {
        line.contains(" model ")
            || line.contains(" claim model ")
            || rules.iter().any(|r| line.contains(&format!(" {r} ")))
    };
    let (entities, claims) = explained(EXPLAINED);
    assert!(entities.len() >= 4 && !claims.is_empty());
    for line in entities.iter().chain(&claims) {
        assert!(named(line), "no source on {line:?}");
    }
    let out = annotate(&["--explain", "--backend", "cpu"], EXPLAINED.as_bytes());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("cue \"called for\"; speaker \"Li Qiang\" (cluster 0, cue-subject)"),
        "{table}"
    );
    // Each claim lists its speaker candidates, best first, with the features that fired: the
    // one that speaks is the chain's answer with its rule's name.
    let listed: Vec<&str> = table
        .lines()
        .skip_while(|l| !l.contains("cue \"called for\""))
        .skip(2)
        .take_while(|l| l.trim_start().starts_with(['+', '-']))
        .collect();
    assert!(listed.len() >= 2, "{table}");
    assert!(
        listed[0].contains("\"Li Qiang\": ") && listed[0].contains(" rule:cue-subject"),
        "{table}"
    );
    assert!(
        listed.iter().any(|l| l.contains(" nobody: nobody")),
        "{table}"
    );
    // On the seed article a document rule adds a mention the tagger missed.
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/articles/seed.json"
    );
    let Ok(seed) = std::fs::read_to_string(seed) else {
        eprintln!("SKIPPED (seed part): ../shared/data/articles/seed.json is absent");
        return;
    };
    let text: Value = serde_json::from_str(&seed).unwrap();
    let (entities, claims) = explained(text["text"].as_str().unwrap());
    for line in entities.iter().chain(&claims) {
        assert!(named(line), "no source on {line:?}");
    }
    // ("Alibaba", "Alphabet" and "Amazon" in "companies such as ...": example-lists.)
    assert!(
        entities
            .iter()
            .any(|l| !l.contains(" model ") && rules.iter().any(|r| l.contains(&format!(" {r} ")))),
        "{entities:?}"
    );
}

#[test]
fn a_rule_switched_off_by_name_changes_the_eval_and_an_unknown_name_is_refused() {
    // A gold article with one claim whose speaker only the subject of its cue gives.
    let dir = std::env::temp_dir().join(format!("aa-without-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = EXPLAINED;
    let claim = "Li Qiang called for a global body to govern artificial intelligence.";
    let start = text[..text.find(claim).unwrap()].chars().count();
    let gold = json!({"id": "without", "text": text, "entities": [],
        "claims": [{"start": start, "end": start + claim.chars().count(), "speaker": "Li Qiang"}]});
    std::fs::write(dir.join("a.json"), gold.to_string()).unwrap();
    let dir_s = dir.to_string_lossy().to_string();
    let right = |v: &Value| v["claims"]["speakers_right"].as_u64().unwrap();
    let all = json_out(&annotate(&["eval", "--articles", &dir_s, "--json"], b""));
    let without = |off: &str| {
        json_out(&annotate(
            &["eval", "--articles", &dir_s, "--json", "--without", off],
            b"",
        ))
    };
    // With the rule chain alone, the speaker is lost without the rule that finds it; the
    // ranker still finds it among the candidates without that rule's vote (the name before the
    // cue, in the claim's sentence).
    let chain_alone = without("cue-subject,speaker-ranker");
    let ranker = without("cue-subject");
    assert_eq!(
        (right(&all), right(&chain_alone), right(&ranker)),
        (1, 0, 1),
        "{all} / {chain_alone} / {ranker}"
    );
    let err = assert_clean_failure(&annotate(
        &["eval", "--articles", &dir_s, "--without", "no-such-rule"],
        b"",
    ));
    assert!(
        err.contains("no rule is called \"no-such-rule\"") && err.contains("cue-subject"),
        "{err}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn sentences_lists_the_tokenizers_sentences_in_code_points() {
    let out = annotate(
        &["sentences"],
        "“Go,” é said.\n\nThen it rained.".as_bytes(),
    );
    assert!(out.status.success());
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0],
        json!({"index": 0, "start": 0, "end": 13, "text": "“Go,” é said."})
    );
    assert_eq!(rows[1]["start"], 15);
}

#[test]
fn eval_modern_scores_the_modern_set_when_the_corpus_is_here() {
    let corpus = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/unlabelled/news-2018-2020"
    );
    if !std::path::Path::new(corpus).exists() {
        eprintln!("SKIPPED: {corpus} is absent (../shared/data is needed for this test)");
        return;
    }
    let labels = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/claims/news_claims_modern.tsv"
    );
    let v = json_out(&annotate(
        &["eval", "--modern", labels, "--corpus", corpus, "--json"],
        b"",
    ));
    assert_eq!(v["documents"], 48);
    let claims = &v["claims"];
    assert_eq!(
        claims["tp"].as_u64().unwrap() + claims["fn"].as_u64().unwrap(),
        483,
        "{v}"
    );
    assert!(
        v.get("micro").is_none(),
        "no entity figures without entity gold"
    );
    let err = assert_clean_failure(&annotate(&["eval", "--modern", labels], b""));
    assert!(err.contains("--corpus"), "{err}");
}

#[test]
fn a_speaker_ranker_for_other_features_is_a_clear_error_and_none_means_the_rule_chain() {
    let dir = std::env::temp_dir().join(format!("aa-ranker-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("speakers.json");
    std::fs::write(
        &bad,
        r#"{"format": "speaker-ranker/1", "id": "old", "weights": {"chain": 1}}"#,
    )
    .unwrap();
    let bad = bad.to_string_lossy().to_string();
    let err = assert_clean_failure(&annotate(&["--speaker-ranker", &bad], b"Hi."));
    assert!(
        err.contains("speaker ranker old was trained on other features")
            && err.contains("missing: nobody"),
        "{err}"
    );
    let err = assert_clean_failure(&annotate(
        &["--speaker-ranker", "/no/such/file.json"],
        b"Hi.",
    ));
    assert!(err.contains("cannot read speaker ranker"), "{err}");
    // `none`: the rule chain alone, which names the speaker through its rule.
    let text = "Li Qiang called for a global body to govern artificial intelligence.";
    let v = json_out(&annotate(
        &["--speaker-ranker", "none", "--backend", "cpu"],
        text.as_bytes(),
    ));
    assert_eq!(v["claims"][0]["speaker"]["text"], "Li Qiang", "{v}");
}
