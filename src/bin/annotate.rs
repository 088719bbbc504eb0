//! `annotate`: the native command-line tool over the same pipeline the browser runs.
//! Contract: ../shared/DESIGN.md §3. Exit 0 on success, 2 with one line on bad input.

use article_annotator::claims::speakers::candidates::feature_names;
use article_annotator::claims::SpeakerRanker;
use article_annotator::classifier::{Backend, BackendChoice, Classifier, Model, Run};
use article_annotator::eval::{self, Scoreboard};
use article_annotator::features::{self, Lexicon, DEFAULT_TABLES, NUM_FEATURES};
use article_annotator::output::{self, Format};
use article_annotator::pipeline::ScoredCandidate;
use article_annotator::text::OffsetMap;
use article_annotator::training;
use article_annotator::{tokens, Annotations, Error, Pipeline};
use serde_json::{json, Value};
use std::io::{BufRead, Read, Write};
use std::time::Instant;

const USAGE: &str = "usage: annotate [FILE|-] [--jsonl | --explain] [--backend cpu|gpu|auto] [--model PATH] [--claim-model PATH|none]
                      [--speaker-ranker PATH|none]   (none: the speaker rules' chain alone)
                      (--explain: a table instead of JSON, with where each entity, claim and speaker
                       came from: the model or the rule's name; each claim's speaker candidates with
                       their scores and the features that fired)
       annotate eval (--conll FILE | --articles DIR | --claims TSV --conll-dir DIR --split S
                      | --cdcp JSONL --split S | --modern TSV --corpus DIR [--split S]
                      | --gum DIR --part train|heldout | --crossner FILE)
                      [--json] [--model PATH] [--claim-model PATH|none] [--speaker-ranker PATH|none]
                      [--show-errors]   (also list each matched claim whose speaker is wrong, each
                                         missed claim and each false claim with its score)
                      [--without RULE[,RULE...]]   (an ablation: those rules switched off)
       annotate eval --rules              (the rules' names, in the order they run)
       annotate speakers (--claims TSV --conll-dir DIR --split S | --modern TSV --corpus DIR --split S)
                      [--model PATH] [--claim-model PATH|none] [--speaker-ranker PATH|none] [--without RULE,...]
                      (each gold claim's speaker candidates and their features, one JSON line each:
                       what train/train_speakers.py learns from)
       annotate speakers --feature-names   (the ranker's feature names, in index order)
       annotate gold (--conll FILE | --gum DIR --part P | --crossner FILE)
                      (the documents and their gold entities as one JSON array, code points:
                       what bench/peers.py reads to score a peer on the same text)
       annotate sentences [FILE|-]   (the tokenizer's sentences: one JSON line each, code points)
       annotate bench FILE [--model PATH] [--claim-model PATH|none] [--speaker-ranker PATH|none] [--backend cpu|gpu|auto]
       annotate features (--conll FILE | --claims TSV --conll-dir DIR --split S | --cdcp JSONL --split S
                   | --gum DIR --part train|heldout | --crossner FILE
                   | --modern TSV --corpus DIR --split S | --ids FILE --corpus DIR)
                   [--lexicon FILE] [--tables JSON] [--spans]   (training export: JSON lines; --spans:
                   each token's span in code points too)";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(message) = run(&args) {
        eprintln!("annotate: {message}");
        std::process::exit(2);
    }
}

/// Parsed flags: positional arguments and `--name [value]` options.
struct Args {
    positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Args {
    fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a.starts_with("--") {
                if with_value.contains(&a.as_str()) {
                    let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
                    options.push((a.clone(), Some(v.clone())));
                } else if switches.contains(&a.as_str()) {
                    options.push((a.clone(), None));
                } else {
                    return Err(format!("unknown flag {a} (see annotate --help)"));
                }
            } else {
                positional.push(a.clone());
            }
        }
        Ok(Args {
            positional,
            options,
        })
    }
    fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }
    fn has(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("eval") => cmd_eval(&Args::parse(
            &args[1..],
            &[
                "--conll",
                "--articles",
                "--claims",
                "--conll-dir",
                "--split",
                "--cdcp",
                "--model",
                "--claim-model",
                "--speaker-ranker",
                "--without",
                "--modern",
                "--corpus",
                "--gum",
                "--part",
                "--crossner",
            ],
            &["--json", "--show-errors", "--rules"],
        )?),
        Some("bench") => cmd_bench(&Args::parse(
            &args[1..],
            &["--model", "--claim-model", "--speaker-ranker", "--backend"],
            &[],
        )?),
        Some("speakers") => cmd_speakers(&Args::parse(
            &args[1..],
            &[
                "--claims",
                "--conll-dir",
                "--split",
                "--modern",
                "--corpus",
                "--model",
                "--claim-model",
                "--speaker-ranker",
                "--without",
            ],
            &["--feature-names"],
        )?),
        Some("features") => cmd_features(&Args::parse(
            &args[1..],
            &[
                "--conll",
                "--lexicon",
                "--tables",
                "--claims",
                "--conll-dir",
                "--split",
                "--cdcp",
                "--gum",
                "--part",
                "--crossner",
                "--modern",
                "--corpus",
                "--ids",
            ],
            &["--spans"],
        )?),
        Some("gold") => cmd_gold(&Args::parse(
            &args[1..],
            &["--conll", "--gum", "--part", "--crossner"],
            &[],
        )?),
        Some("sentences") => cmd_sentences(&Args::parse(&args[1..], &[], &[])?),
        Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => cmd_annotate(&Args::parse(
            args,
            &["--backend", "--model", "--claim-model", "--speaker-ranker"],
            &["--jsonl", "--explain"],
        )?),
    }
}

fn load_pipeline(args: &Args) -> Result<Pipeline, String> {
    let read = |path: &str| -> Result<Model, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read model {path}: {e}"))?;
        Model::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))
    };
    let model = match args.value("--model") {
        Some(path) => read(path)?,
        None => Model::embedded().map_err(|e| e.to_string())?,
    };
    // The claim model: the embedded one unless another is named, or none with `none`.
    let claims = match args.value("--claim-model") {
        Some("none") => None,
        Some(path) => Some(read(path)?),
        None => Some(Model::embedded_claims().map_err(|e| e.to_string())?),
    };
    let pipeline = match claims {
        Some(claims) => Pipeline::with_claims(model, claims).map_err(|e| {
            format!("{e} (pass --claim-model PATH for a matching one, or --claim-model none)")
        })?,
        None => Pipeline::new(model).map_err(|e| e.to_string())?,
    };
    // The speaker ranker: the embedded one unless another is named, or the rule chain alone
    // with `none`.
    let ranker = match args.value("--speaker-ranker") {
        Some("none") => None,
        Some(path) => {
            let json = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read speaker ranker {path}: {e}"))?;
            Some(SpeakerRanker::from_json(&json).map_err(|e| format!("{path}: {e}"))?)
        }
        None => Some(SpeakerRanker::embedded().map_err(|e| e.to_string())?),
    };
    let mut pipeline = pipeline.with_speaker_ranker(ranker);
    // An ablation (`eval`, `speakers`): these rules switched off by name.
    if let Some(off) = args.value("--without") {
        let off: Vec<&str> = off.split(',').map(str::trim).collect();
        pipeline.set_rules_off(&off).map_err(|e| e.to_string())?;
    }
    Ok(pipeline)
}

/// The backend the user asked for (`auto` when absent).
fn backend_choice(args: &Args) -> Result<BackendChoice, String> {
    args.value("--backend")
        .unwrap_or("auto")
        .parse()
        .map_err(|e: Error| e.to_string())
}

/// The classifier for that choice, its weights uploaded once for the whole run. `gpu` without
/// a usable GPU is an error (one line, exit 2); `auto` then runs on the CPU and every result
/// says why (`"fallback": "no adapter"`).
fn make_classifier(pipeline: &Pipeline, choice: BackendChoice) -> Result<Classifier, String> {
    pollster::block_on(Classifier::new(pipeline.model(), choice)).map_err(|e| e.to_string())
}

/// One text through the pipeline on `classifier`: the JSON document, with the backend that
/// computed it and the fallback reason, if any, as one line (with `id` in `--jsonl` mode).
fn write_annotated(
    out: &mut impl Write,
    pipeline: &Pipeline,
    classifier: &Classifier,
    text: &str,
    model: &str,
    id: Option<&Value>,
) -> Result<(), String> {
    let (found, run) = pollster::block_on(pipeline.annotate_on(classifier, text));
    let mut doc = output::document(text, &found, Format::CLI, run.backend.as_str(), model);
    doc.id = id;
    doc.fallback = run.fallback.as_ref().map(|r| r.code());
    serde_json::to_writer(&mut *out, &doc).map_err(|e| e.to_string())?;
    writeln!(out).map_err(|e| e.to_string())
}

fn read_input(path: Option<&str>) -> Result<String, String> {
    let bytes = match path {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("cannot read stdin: {e}"))?;
            buf
        }
        Some(p) => std::fs::read(p).map_err(|e| format!("cannot read {p}: {e}"))?,
    };
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "input is not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// `--explain`: one line per entity and per claim (code-point offsets, as in the JSON), each with
/// its `source`: "model" (the tagger or the claim model) or the name of the rule that made it.
/// How many of a claim's speaker candidates `--explain` lists (the best scored first).
const EXPLAINED_CANDIDATES: usize = 4;

fn explain(
    text: &str,
    found: &Annotations,
    candidates: &[Vec<ScoredCandidate>],
    backend: &str,
) -> String {
    let names = feature_names();
    let map = OffsetMap::new(text);
    let span = |s: usize, e: usize| format!("{}..{}", map.byte_to_char(s), map.byte_to_char(e));
    let quote = |s: usize, e: usize| {
        let t: String = text[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
        if t.chars().count() > 72 {
            format!("{}…", t.chars().take(71).collect::<String>())
        } else {
            t
        }
    };
    let mut out = format!("backend {backend}\n\nentities ({})\n", found.entities.len());
    for e in &found.entities {
        out += &format!(
            "  {:<12} {:<4} {:.3}  cluster {:<3} {:<28} {}\n",
            span(e.start, e.end),
            e.label,
            e.score,
            e.cluster,
            e.source,
            quote(e.start, e.end)
        );
    }
    out += &format!("\nclaims ({})\n", found.claims.len());
    for (i, c) in found.claims.iter().enumerate() {
        out += &format!(
            "  {:<12} {:.3}  {}  {}\n",
            span(c.start, c.end),
            c.score,
            c.source,
            quote(c.start, c.end)
        );
        let cue = c
            .cue
            .map_or("none".to_string(), |(s, e)| format!("\"{}\"", &text[s..e]));
        let speaker = c.speaker.as_ref().map_or("none".to_string(), |sp| {
            format!(
                "\"{}\" (cluster {}, {})",
                quote(sp.start, sp.end),
                sp.cluster,
                sp.source
            )
        });
        out += &format!("               cue {cue}; speaker {speaker}\n");
        let mut ranked: Vec<&ScoredCandidate> = candidates.get(i).into_iter().flatten().collect();
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        if !ranked.is_empty() {
            out += &format!("               speaker candidates ({}):\n", ranked.len());
        }
        for c in ranked.into_iter().take(EXPLAINED_CANDIDATES) {
            let who = c.speaker.as_ref().map_or("nobody".to_string(), |sp| {
                format!("\"{}\"", quote(sp.start, sp.end))
            });
            let fired: Vec<String> = c
                .candidate
                .features
                .iter()
                .map(|&(f, v)| {
                    if v == 1.0 {
                        names[f].clone()
                    } else {
                        format!("{}={v:.2}", names[f])
                    }
                })
                .collect();
            out += &format!(
                "                 {:+.3} {who}: {}\n",
                c.score,
                fired.join(" ")
            );
        }
    }
    out
}

fn cmd_annotate(args: &Args) -> Result<(), String> {
    if args.positional.len() > 1 {
        return Err("expected at most one input file (see annotate --help)".to_string());
    }
    let choice = backend_choice(args)?;
    let pipeline = load_pipeline(args)?;
    let classifier = make_classifier(&pipeline, choice)?;
    let model = pipeline.model().id();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.has("--explain") {
        if args.has("--jsonl") {
            return Err("--explain reads one text, not --jsonl".to_string());
        }
        let text = read_input(args.positional.first().map(String::as_str))?;
        let (found, run) = pollster::block_on(pipeline.annotate_on(&classifier, &text));
        let spans: Vec<(usize, usize)> = found.claims.iter().map(|c| (c.start, c.end)).collect();
        let candidates = pipeline.speaker_candidates(&text, &spans);
        write!(
            out,
            "{}",
            explain(&text, &found, &candidates, run.backend.as_str())
        )
        .map_err(|e| e.to_string())?;
        return out.flush().map_err(|e| e.to_string());
    }
    if args.has("--jsonl") {
        // One JSON object per line, from the file when one is named, else from stdin; read a
        // line at a time so that a large batch needs no more memory than its longest line.
        let reader: Box<dyn BufRead> = match args.positional.first().map(String::as_str) {
            None | Some("-") => Box::new(std::io::stdin().lock()),
            Some(p) => Box::new(std::io::BufReader::new(
                std::fs::File::open(p).map_err(|e| format!("cannot read {p}: {e}"))?,
            )),
        };
        for (i, line) in reader.split(b'\n').enumerate() {
            let line = line.map_err(|e| format!("cannot read line {}: {e}", i + 1))?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let v: Value = serde_json::from_slice(&line)
                .map_err(|e| format!("line {}: not JSON: {e}", i + 1))?;
            let text = v
                .get("text")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("line {}: no \"text\" string", i + 1))?;
            let id = v.get("id").unwrap_or(&Value::Null);
            write_annotated(&mut out, &pipeline, &classifier, text, &model, Some(id))?;
        }
    } else {
        let text = read_input(args.positional.first().map(String::as_str))?;
        write_annotated(&mut out, &pipeline, &classifier, &text, &model, None)?;
    }
    out.flush().map_err(|e| e.to_string())
}

/// The gold documents of an entity set as bench/peers.py reads them:
/// `[{"id", "text", "gold": [[start, end, label], ...]}]`, offsets in code points.
fn cmd_gold(args: &Args) -> Result<(), String> {
    let docs =
        entity_docs(args, false)?.ok_or("gold needs --conll FILE, --gum DIR or --crossner FILE")?;
    let out: Vec<Value> = docs
        .iter()
        .map(|d| {
            let map = OffsetMap::new(&d.text);
            let gold: Vec<Value> = d
                .entities
                .iter()
                .map(|e| {
                    let (s, t) = map.byte_span_to_chars(e.start, e.end);
                    json!([s, t, e.label])
                })
                .collect();
            json!({"id": d.id, "text": d.text, "gold": gold})
        })
        .collect();
    println!("{}", Value::Array(out));
    Ok(())
}

/// `annotate sentences`: the sentences the pipeline reads, as `{"index","start","end","text"}`
/// lines with code-point offsets (what a label file of sentences points at).
fn cmd_sentences(args: &Args) -> Result<(), String> {
    let text = read_input(args.positional.first().map(String::as_str))?;
    let map = OffsetMap::new(&text);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (index, s) in tokens::tokenize(&text).sentences.iter().enumerate() {
        let (start, end) = map.byte_span_to_chars(s.start, s.end);
        let line =
            json!({"index": index, "start": start, "end": end, "text": &text[s.start..s.end]});
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

fn cmd_eval(args: &Args) -> Result<(), String> {
    if args.has("--rules") {
        // The names `--without` takes, in the order the rules run.
        println!("{}", Pipeline::rule_names().join("\n"));
        return Ok(());
    }
    let pipeline = load_pipeline(args)?;
    let sources = [
        "--conll",
        "--articles",
        "--claims",
        "--cdcp",
        "--modern",
        "--gum",
        "--crossner",
    ];
    let given: Vec<&str> = sources
        .into_iter()
        .filter(|s| args.value(s).is_some())
        .collect();
    let docs = match given.as_slice() {
        ["--conll"] | ["--gum"] | ["--crossner"] => entity_docs(args, false)?.expect("given"),
        ["--claims"] | ["--modern"] => claim_docs(args)?,
        ["--cdcp"] => {
            let jsonl = read_input(args.value("--cdcp"))?;
            let split = args.value("--split").ok_or("eval --cdcp needs --split NAME")?;
            eval::read_cdcp(&jsonl, split).map_err(|e| e.to_string())?
        }
        ["--articles"] => {
            let dir = args.value("--articles").expect("given");
            let mut paths: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| format!("cannot read directory {dir}: {e}"))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            paths.sort();
            if paths.is_empty() {
                return Err(format!("no .json articles in {dir}"));
            }
            let mut docs = Vec::new();
            for p in paths {
                let content = read_input(Some(&p.to_string_lossy()))?;
                docs.push(
                    eval::read_article(&content).map_err(|e| format!("{}: {e}", p.display()))?,
                );
            }
            docs
        }
        _ => {
            return Err(
                "eval needs exactly one of --conll FILE, --articles DIR, --claims TSV, --cdcp JSONL, --modern TSV, --gum DIR or --crossner FILE (see annotate --help)"
                    .to_string(),
            )
        }
    };
    let mut board = Scoreboard::default();
    let mut claims = eval::ClaimBoard::default();
    let with_claims = !matches!(given.as_slice(), ["--conll"] | ["--gum"] | ["--crossner"]);
    let entity_gold = given != ["--modern"];
    let show_errors = with_claims && args.has("--show-errors");
    let mut errors = Vec::new();
    let mut claim_errors = Vec::new();
    for d in &docs {
        let found = pipeline.annotate(&d.text);
        board.add(&d.entities, &found);
        claims.add(&d.text, &d.claims, &found);
        if show_errors {
            for e in eval::ClaimBoard::speaker_errors(&d.text, &d.claims, &found) {
                errors.push((d.id.clone(), e));
            }
            for e in eval::ClaimBoard::claim_errors(&d.text, &d.claims, &found) {
                claim_errors.push((d.id.clone(), e));
            }
        }
    }
    if args.has("--json") {
        // The modern set labels claims only: no entity figures for it.
        let mut v = if entity_gold {
            board.to_json()
        } else {
            json!({})
        };
        v["documents"] = json!(docs.len());
        v["model"] = json!(pipeline.model().id());
        if with_claims {
            v["claims"] = claims.to_json();
        }
        if show_errors {
            v["speaker_errors"] = errors
                .iter()
                .map(|(doc, e)| {
                    json!({"doc": doc, "sentence": e.sentence, "gold": e.gold,
                        "predicted": e.predicted, "text": e.text})
                })
                .collect();
            v["claim_errors"] = claim_errors
                .iter()
                .map(|(doc, e)| {
                    let kind = if e.score.is_some() { "false" } else { "missed" };
                    json!({"doc": doc, "sentence": e.sentence, "kind": kind, "score": e.score,
                        "text": e.text})
                })
                .collect();
        }
        println!("{v}");
    } else {
        for (doc, e) in &errors {
            let name = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_string());
            println!(
                "speaker error {doc} sentence {}: gold {} predicted {}\t{}",
                e.sentence,
                name(&e.gold),
                name(&e.predicted),
                e.text
            );
        }
        for (doc, e) in &claim_errors {
            match e.score {
                Some(score) => println!(
                    "false claim {doc} sentence {} score {score:.3}\t{}",
                    e.sentence, e.text
                ),
                None => println!("missed claim {doc} sentence {}\t{}", e.sentence, e.text),
            }
        }
        println!("{} documents, model {}", docs.len(), pipeline.model().id());
        if entity_gold {
            print!("{}", board.to_table());
        }
        if with_claims {
            let c = &claims.claims;
            println!(
                "claims: precision {:.4} recall {:.4} f1 {:.4} (gold {}, predicted {}); speakers right {}/{}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp + c.fn_,
                c.tp + c.fp,
                claims.speakers_right,
                claims.speakers_scored
            );
        }
    }
    Ok(())
}

/// The documents of a claim set with their gold claims: `--claims TSV --conll-dir DIR --split
/// S` (the news sets, over CoNLL text) or `--modern TSV --corpus DIR [--split S]` (over the
/// corpus's articles).
fn claim_docs(args: &Args) -> Result<Vec<eval::GoldDoc>, String> {
    if args.value("--claims").is_some() {
        let tsv = read_input(args.value("--claims"))?;
        let dir = args
            .value("--conll-dir")
            .ok_or("--claims needs --conll-dir DIR (the CoNLL-2003 folder)")?;
        let split = args.value("--split").ok_or("--claims needs --split NAME")?;
        let mut files: std::collections::HashMap<String, Vec<eval::GoldDoc>> = Default::default();
        // The CoNLL files the split's labels point into (train and valid for the news set;
        // test for a set labelled on CoNLL's test documents), each read once.
        let mut wanted: Vec<&str> = tsv
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut cols = l.split('\t');
                (cols.next() == Some(split)).then(|| cols.next()).flatten()
            })
            .filter(|f| ["train", "valid", "test"].contains(f))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        for file in wanted {
            let path = format!("{dir}/{file}.txt");
            let docs = eval::read_conll(&read_input(Some(&path))?).map_err(|e| e.to_string())?;
            files.insert(file.to_string(), docs);
        }
        eval::read_news_claims(&tsv, split, |f| {
            files
                .get(f)
                .map(Vec::as_slice)
                .ok_or_else(|| Error::Input(format!("unknown CoNLL file {f:?}")))
        })
        .map_err(|e| e.to_string())
    } else if args.value("--modern").is_some() {
        let tsv = read_input(args.value("--modern"))?;
        let dir = args
            .value("--corpus")
            .ok_or("--modern needs --corpus DIR (../shared/data/unlabelled/news-2018-2020)")?;
        let split = args.value("--split").unwrap_or("modern");
        let texts = eval::read_modern_split_texts(&tsv, std::path::Path::new(dir), split)
            .map_err(|e| e.to_string())?;
        eval::read_modern_claims(&tsv, split, &texts).map_err(|e| e.to_string())
    } else {
        Err("needs --claims TSV --conll-dir DIR --split S or --modern TSV --corpus DIR".to_string())
    }
}

/// `annotate speakers`: for each gold claim of a claim set, its speaker candidates as the
/// pipeline sees them, one JSON line per claim: `{"doc", "claim", "gold", "candidates": [{"text",
/// "right", "score", "features": {name: value}}]}` (`right`: the candidate names the gold actor,
/// as `annotate eval` scores speakers). What `train/train_speakers.py` learns from.
fn cmd_speakers(args: &Args) -> Result<(), String> {
    let names = feature_names();
    if args.has("--feature-names") {
        println!("{}", names.join("\n"));
        return Ok(());
    }
    let pipeline = load_pipeline(args)?;
    let docs = claim_docs(args)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for d in &docs {
        let spans: Vec<(usize, usize)> = d.claims.iter().map(|c| (c.start, c.end)).collect();
        let found = pipeline.speaker_candidates(&d.text, &spans);
        for (i, (claim, candidates)) in d.claims.iter().zip(found).enumerate() {
            let candidates: Vec<Value> = candidates
                .iter()
                .map(|c| {
                    let said = c.speaker.as_ref().and_then(|s| d.text.get(s.start..s.end));
                    let features: serde_json::Map<String, Value> = c
                        .candidate
                        .features
                        .iter()
                        .map(|&(f, v)| (names[f].clone(), json!(v)))
                        .collect();
                    json!({"text": said, "right": eval::speaker_right(claim.speaker.as_deref(), said),
                        "score": c.score, "features": features})
                })
                .collect();
            let sentence = d.text.get(claim.start..claim.end);
            let line = json!({"doc": d.id, "claim": i, "sentence": sentence,
                "gold": claim.speaker, "candidates": candidates});
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
        }
    }
    out.flush().map_err(|e| e.to_string())
}

/// Peak resident memory of this process, from the kernel (Linux only).
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn cmd_bench(args: &Args) -> Result<(), String> {
    let path = args
        .positional
        .first()
        .ok_or_else(|| "bench needs a FILE (see annotate --help)".to_string())?;
    let content = read_input(Some(path))?;
    // A CoNLL file is benchmarked on its rebuilt raw text, as `eval` reads it.
    let texts: Vec<String> = if content.starts_with("-DOCSTART-") {
        eval::read_conll(&content)
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|d| d.text)
            .collect()
    } else {
        vec![content]
    };
    let load_start = Instant::now();
    let pipeline = load_pipeline(args)?;
    let load_ms = load_start.elapsed().as_secs_f64() * 1000.0;
    let token_count: usize = texts.iter().map(|t| tokens::tokenize(t).tokens.len()).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    // Repeat for at least two seconds so the figure is stable on a noisy machine.
    let started = Instant::now();
    let mut rounds = 0;
    let mut entities = 0;
    while rounds < 3 || started.elapsed().as_secs_f64() < 2.0 {
        for t in &texts {
            entities += pipeline.annotate(t).entities.len();
        }
        rounds += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    let mut v = json!({
        "file": path, "documents": texts.len(), "bytes": bytes, "tokens": token_count,
        "backend": "cpu", "threads": 1, "rounds": rounds,
        "tokens_per_second": (token_count * rounds) as f64 / secs,
        "ms_per_round": secs * 1000.0 / rounds as f64,
        "model_load_ms": load_ms, "peak_memory_kib": peak_memory_kib(),
        "entities_per_round": entities / rounds, "model": pipeline.model().id(),
    });
    v["gpu"] = gpu_figures(args, &pipeline, &texts)?;
    println!(
        "{}",
        serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
    );
    Ok(())
}

/// Classifier-stage throughput of `classifier` on `batch`, tokens per second: one warm-up,
/// then at least three rounds and half a second. Fails if the GPU was asked for and the CPU
/// answered.
fn classify_rate(
    classifier: &Classifier,
    pipeline: &Pipeline,
    batch: &article_annotator::classifier::Batch,
    want: Backend,
) -> Result<f64, String> {
    let check = |run: Run| match run.fallback {
        Some(reason) if want == Backend::Gpu => {
            Err(format!("the GPU failed during bench: {reason}"))
        }
        _ => Ok(()),
    };
    check(pollster::block_on(classifier.classify(pipeline.model(), batch)).run)?;
    let started = Instant::now();
    let mut rounds = 0;
    while rounds < 3 || started.elapsed().as_secs_f64() < 0.5 {
        check(pollster::block_on(classifier.classify(pipeline.model(), batch)).run)?;
        rounds += 1;
    }
    Ok((batch.tokens() * rounds) as f64 / started.elapsed().as_secs_f64().max(1e-9))
}

/// End-to-end throughput (tokenize, features, classifier, decode), tokens per second: each
/// text as its own request (`batched = false`) or all texts as one request.
fn annotate_rate(
    classifier: &Classifier,
    pipeline: &Pipeline,
    texts: &[&str],
    tokens: usize,
    batched: bool,
) -> f64 {
    let round = || {
        if batched {
            pollster::block_on(pipeline.annotate_batch_on(classifier, texts));
        } else {
            for t in texts {
                pollster::block_on(pipeline.annotate_on(classifier, t));
            }
        }
    };
    round();
    let started = Instant::now();
    let mut rounds = 0;
    while rounds < 2 || started.elapsed().as_secs_f64() < 1.0 {
        round();
        rounds += 1;
    }
    (tokens * rounds) as f64 / started.elapsed().as_secs_f64().max(1e-9)
}

/// `bench`'s GPU figures (`--backend cpu` skips them): the classifier stage on the CPU and on
/// the GPU for growing batches (the first 1, 4, 16, ... documents as one request, then the
/// whole file), where the GPU starts to win (`crossover_tokens`), end-to-end throughput for
/// one article per request and for the whole file as one batch, and `auto`'s calibration.
fn gpu_figures(args: &Args, pipeline: &Pipeline, texts: &[String]) -> Result<Value, String> {
    let choice = backend_choice(args)?;
    if choice == BackendChoice::Cpu {
        return Ok(Value::Null);
    }
    let gpu = match pollster::block_on(Classifier::new(pipeline.model(), BackendChoice::Gpu)) {
        Ok(c) => c,
        Err(e) if choice == BackendChoice::Auto => {
            return Ok(json!({ "unavailable": e.to_string() }))
        }
        Err(e) => return Err(e.to_string()),
    };
    let cpu = Classifier::cpu();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut sizes = Vec::new();
    let mut k = 1;
    while k < refs.len() {
        sizes.push(k);
        k *= 4;
    }
    sizes.push(refs.len());
    let mut rows = Vec::new();
    let mut crossover: Option<usize> = None;
    for &k in &sizes {
        let (_, batch) = pipeline.batch_of(&refs[..k]);
        if batch.tokens() == 0 {
            continue;
        }
        let c = classify_rate(&cpu, pipeline, &batch, Backend::Cpu)?;
        let g = classify_rate(&gpu, pipeline, &batch, Backend::Gpu)?;
        // The smallest measured size from which the GPU stays ahead.
        if g >= c {
            crossover.get_or_insert(batch.tokens());
        } else {
            crossover = None;
        }
        rows.push(json!({"documents": k, "tokens": batch.tokens(),
                         "cpu_tokens_per_second": c.round(), "gpu_tokens_per_second": g.round()}));
    }
    let tokens: usize = pipeline.batch_of(&refs).1.tokens();
    let rate =
        |c: &Classifier, batched: bool| annotate_rate(c, pipeline, &refs, tokens, batched).round();
    let calibration = pollster::block_on(gpu.calibrate(pipeline.model(), NUM_FEATURES))
        .map(|c| {
            json!({"cpu_tokens_per_second": c.cpu_tokens_per_second.round(),
                        "gpu_overhead_ms": (c.gpu_overhead_ms * 1000.0).round() / 1000.0,
                        "gpu_tokens_per_second": c.gpu_tokens_per_second.round(),
                        "auto_crossover_tokens": c.crossover_tokens})
        })
        .unwrap_or_else(|reason| json!({ "failed": reason.to_string() }));
    Ok(json!({
        "adapter": gpu.adapter(),
        "classifier": rows,
        "crossover_tokens": crossover,
        "article": {"documents_per_request": 1,
                    "cpu_tokens_per_second": rate(&cpu, false), "gpu_tokens_per_second": rate(&gpu, false)},
        "batch": {"documents_per_request": refs.len(),
                  "cpu_tokens_per_second": rate(&cpu, true), "gpu_tokens_per_second": rate(&gpu, true)},
        "calibration": calibration,
    }))
}

/// The documents of an entity set named by `--conll FILE`, `--gum DIR --part P` or
/// `--crossner FILE` (`None` when none is given; an error when more than one is).
/// `for_training`: event names keep their own label, which the training export leaves
/// untrained; otherwise they are scored as MISC (eval::ner_corpora).
fn entity_docs(args: &Args, for_training: bool) -> Result<Option<Vec<eval::GoldDoc>>, String> {
    let given = ["--conll", "--gum", "--crossner"]
        .into_iter()
        .filter(|s| args.value(s).is_some())
        .count();
    if given > 1 {
        return Err("give one of --conll, --gum and --crossner".into());
    }
    let docs = if let Some(path) = args.value("--conll") {
        eval::read_conll(&read_input(Some(path))?)
    } else if let Some(path) = args.value("--crossner") {
        eval::ner_corpora::read_crossner(&read_input(Some(path))?)
    } else if let Some(dir) = args.value("--gum") {
        let part = args
            .value("--part")
            .ok_or("--gum needs --part train or --part heldout")?;
        eval::ner_corpora::read_gum_dir(std::path::Path::new(dir), part)
    } else {
        return Ok(None);
    };
    let mut docs = docs.map_err(|e| e.to_string())?;
    if !for_training {
        eval::ner_corpora::events_as_misc(&mut docs);
    }
    Ok(Some(docs))
}

/// Training export: per document, the feature rows of every token (from this crate's own
/// tokenizer over the rebuilt text) and the gold tag aligned to it.
fn cmd_features(args: &Args) -> Result<(), String> {
    let lexicon = match args.value("--lexicon") {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("cannot read lexicon {p}: {e}"))?;
            Lexicon::from_bytes(&bytes).map_err(|e| e.to_string())?
        }
        None => Lexicon::empty(),
    };
    let tables: features::TableSizes = match args.value("--tables") {
        Some(json) => serde_json::from_str(json).map_err(|e| format!("--tables: {e}"))?,
        None => DEFAULT_TABLES,
    };
    let sources = [
        "--conll",
        "--gum",
        "--crossner",
        "--claims",
        "--cdcp",
        "--modern",
        "--ids",
    ];
    let given: Vec<&str> = sources
        .into_iter()
        .filter(|s| args.value(s).is_some())
        .collect();
    let docs: Vec<training::Example> = match given.as_slice() {
        ["--conll"] | ["--gum"] | ["--crossner"] => entity_docs(args, true)?
            .expect("given")
            .into_iter()
            .map(training::Example::ner)
            .collect(),
        ["--claims"] => {
            let dir = args
                .value("--conll-dir")
                .ok_or("--claims needs --conll-dir DIR")?;
            let split = args.value("--split").ok_or("--claims needs --split NAME")?;
            training::news_claims(&read_input(args.value("--claims"))?, dir, split)
                .map_err(|e| e.to_string())?
        }
        ["--cdcp"] => {
            let split = args.value("--split").ok_or("--cdcp needs --split NAME")?;
            training::cdcp(&read_input(args.value("--cdcp"))?, split).map_err(|e| e.to_string())?
        }
        ["--modern"] | ["--ids"] => {
            let dir = args
                .value("--corpus")
                .ok_or("--modern and --ids need --corpus DIR (../shared/data/unlabelled/news-2018-2020)")?;
            if let Some(tsv) = args.value("--modern") {
                let split = args.value("--split").ok_or("--modern needs --split NAME")?;
                training::modern_claims(&read_input(Some(tsv))?, dir, split)
            } else {
                // Unlabelled articles for a teacher's soft labels (train/teacher.py).
                let ids: Vec<String> = read_input(args.value("--ids"))?
                    .split_whitespace()
                    .map(str::to_string)
                    .collect();
                training::corpus_articles(dir, &ids)
            }
            .map_err(|e| e.to_string())?
        }
        _ => {
            return Err(
                "features needs exactly one of --conll FILE, --gum DIR, --crossner FILE, --claims TSV, --cdcp JSONL, --modern TSV or --ids FILE"
                    .into(),
            )
        }
    };
    write_examples(&docs, &tables, &lexicon, args.has("--spans"))
}

/// Writes the examples as JSON lines (stdout) and a summary line (stderr).
/// With `spans`, each line also gives its tokens' spans in code points (`"spans": [[start, end],
/// ...]`), for a teacher that labels the same tokens from the text (train/e5_teacher.py label).
fn write_examples(
    docs: &[training::Example],
    tables: &features::TableSizes,
    lexicon: &Lexicon,
    spans: bool,
) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut misaligned = 0;
    for d in docs {
        let (mut v, missed) = training::encode(d, tables, lexicon);
        if spans {
            let map = OffsetMap::new(&d.text);
            let chars: Vec<(usize, usize)> = tokens::tokenize(&d.text)
                .tokens
                .iter()
                .map(|t| map.byte_span_to_chars(t.start, t.end))
                .collect();
            v["spans"] = json!(chars);
        }
        misaligned += missed;
        writeln!(out, "{v}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    eprintln!(
        "{} documents; {} gold spans not on token boundaries; tables {}",
        docs.len(),
        misaligned,
        serde_json::to_string(&tables).unwrap_or_default()
    );
    Ok(())
}
