//! `annotate`: the native command-line tool over the same pipeline the browser runs.
//! Contract: ../shared/DESIGN.md §3. Exit 0 on success, 2 with one line on bad input.

use article_annotator::classifier::Model;
use article_annotator::eval::{self, Scoreboard};
use article_annotator::features::{self, DEFAULT_TABLES, NUM_FEATURES, TRAINING_TAGS};
use article_annotator::text::OffsetMap;
use article_annotator::{tokens, Annotations, Error, Pipeline};
use serde_json::{json, Value};
use std::io::{BufRead, Read, Write};
use std::time::Instant;

const USAGE: &str = "usage: annotate [FILE|-] [--jsonl] [--backend cpu|gpu|auto] [--model PATH]
       annotate eval (--conll FILE | --articles DIR) [--json] [--model PATH]
       annotate bench FILE [--model PATH]
       annotate features --conll FILE      (training export: JSON lines of feature ids and gold tags)";

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
            &["--conll", "--articles", "--model"],
            &["--json"],
        )?),
        Some("bench") => cmd_bench(&Args::parse(&args[1..], &["--model", "--backend"], &[])?),
        Some("features") => cmd_features(&Args::parse(&args[1..], &["--conll"], &[])?),
        Some("-h") | Some("--help") | Some("help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => cmd_annotate(&Args::parse(args, &["--backend", "--model"], &["--jsonl"])?),
    }
}

fn load_pipeline(args: &Args) -> Result<Pipeline, String> {
    let model = match args.value("--model") {
        Some(path) => {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read model {path}: {e}"))?;
            Model::from_bytes(&bytes)
        }
        None => Model::embedded(),
    };
    Pipeline::new(model.map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}

/// The backend the user asked for. Until the GPU path exists, `auto` means the CPU.
fn check_backend(args: &Args) -> Result<&'static str, String> {
    match args.value("--backend").unwrap_or("auto") {
        "cpu" | "auto" => Ok("cpu"),
        "gpu" => Err(Error::Backend(
            "no GPU backend in this build: use --backend cpu or auto".into(),
        )
        .to_string()),
        other => Err(format!(
            "unknown backend {other:?}: expected cpu, gpu or auto"
        )),
    }
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

/// The CLI's JSON document: code-point offsets, `text` equal to that slice.
fn document(text: &str, annotations: &Annotations, backend: &str, model: &str) -> Value {
    let map = OffsetMap::new(text);
    let entities: Vec<Value> = annotations
        .entities
        .iter()
        .map(|e| {
            json!({"start": map.byte_to_char(e.start), "end": map.byte_to_char(e.end), "label": e.label,
                   "text": &text[e.start..e.end], "score": (e.score as f64 * 1000.0).round() / 1000.0,
                   "cluster": e.cluster})
        })
        .collect();
    json!({"backend": backend, "model": model, "entities": entities, "claims": []})
}

fn cmd_annotate(args: &Args) -> Result<(), String> {
    if args.positional.len() > 1 {
        return Err(format!("expected at most one input file (see annotate --help)"));
    }
    let backend = check_backend(args)?;
    let pipeline = load_pipeline(args)?;
    let model = pipeline.model().id();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.has("--jsonl") {
        let stdin = std::io::stdin();
        for (i, line) in stdin.lock().split(b'\n').enumerate() {
            let line = line.map_err(|e| format!("cannot read stdin: {e}"))?;
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let v: Value = serde_json::from_slice(&line)
                .map_err(|e| format!("line {}: not JSON: {e}", i + 1))?;
            let text = v
                .get("text")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("line {}: no \"text\" string", i + 1))?;
            let mut doc = document(text, &pipeline.annotate(text), backend, &model);
            doc["id"] = v.get("id").cloned().unwrap_or(Value::Null);
            writeln!(out, "{doc}").map_err(|e| e.to_string())?;
        }
    } else {
        let text = read_input(args.positional.first().map(String::as_str))?;
        let doc = document(&text, &pipeline.annotate(&text), backend, &model);
        writeln!(out, "{doc}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())
}

fn cmd_eval(args: &Args) -> Result<(), String> {
    let pipeline = load_pipeline(args)?;
    let docs = match (args.value("--conll"), args.value("--articles")) {
        (Some(path), None) => {
            eval::read_conll(&read_input(Some(path))?).map_err(|e| e.to_string())?
        }
        (None, Some(dir)) => {
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
            return Err(format!(
                "eval needs exactly one of --conll FILE or --articles DIR (see annotate --help)"
            ))
        }
    };
    let mut board = Scoreboard::default();
    for d in &docs {
        board.add(&d.entities, &pipeline.annotate(&d.text));
    }
    if args.has("--json") {
        let mut v = board.to_json();
        v["documents"] = json!(docs.len());
        v["model"] = json!(pipeline.model().id());
        println!("{v}");
    } else {
        println!("{} documents, model {}", docs.len(), pipeline.model().id());
        print!("{}", board.to_table());
    }
    Ok(())
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
        .ok_or_else(|| format!("bench needs a FILE (see annotate --help)"))?;
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
    let v = json!({
        "file": path, "documents": texts.len(), "bytes": bytes, "tokens": token_count,
        "backend": "cpu", "threads": 1, "rounds": rounds,
        "tokens_per_second": (token_count * rounds) as f64 / secs,
        "ms_per_round": secs * 1000.0 / rounds as f64,
        "model_load_ms": load_ms, "peak_memory_kib": peak_memory_kib(),
        "entities_per_round": entities / rounds, "model": pipeline.model().id(),
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
    );
    Ok(())
}

/// Training export: per document, the feature rows of every token (from this crate's own
/// tokenizer over the rebuilt text) and the gold tag aligned to it.
fn cmd_features(args: &Args) -> Result<(), String> {
    let path = args
        .value("--conll")
        .ok_or_else(|| format!("features needs --conll FILE (see annotate --help)"))?;
    let docs = eval::read_conll(&read_input(Some(path))?).map_err(|e| e.to_string())?;
    let tag_id = |name: &str| TRAINING_TAGS.iter().position(|t| *t == name);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut misaligned = 0;
    for d in &docs {
        let tokenized = tokens::tokenize(&d.text);
        let ids = features::extract(&d.text, &tokenized, &DEFAULT_TABLES);
        let mut tags = vec![0usize; tokenized.tokens.len()];
        for g in &d.entities {
            let inside: Vec<usize> = (0..tokenized.tokens.len())
                .filter(|&i| {
                    tokenized.tokens[i].start >= g.start && tokenized.tokens[i].end <= g.end
                })
                .collect();
            let aligned = inside.first().map(|&i| tokenized.tokens[i].start) == Some(g.start)
                && inside.last().map(|&i| tokenized.tokens[i].end) == Some(g.end);
            if !aligned {
                misaligned += 1;
                continue;
            }
            for (k, &i) in inside.iter().enumerate() {
                let name = format!("{}-{}", if k == 0 { "B" } else { "I" }, g.label);
                tags[i] = tag_id(&name).ok_or_else(|| format!("unknown label {}", g.label))?;
            }
        }
        let sentence_starts: Vec<usize> =
            tokenized.sentences.iter().map(|s| s.tokens.start).collect();
        let v = json!({"id": d.id, "nf": NUM_FEATURES, "ids": ids, "tags": tags, "sentences": sentence_starts});
        writeln!(out, "{v}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    eprintln!(
        "{} documents; {} gold spans not on token boundaries; tables {}",
        docs.len(),
        misaligned,
        serde_json::to_string(&DEFAULT_TABLES).unwrap_or_default()
    );
    Ok(())
}
