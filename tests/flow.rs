//! The one-way flow (README "The flow"): each stage of the library imports only from the stages
//! before it and from the stage-neutral modules; none reaches forward. Read from the sources, so
//! a new `use crate::later_stage` fails here.

use std::path::{Path, PathBuf};

/// Stage of each top-level module, in flow order. `None`: stage-neutral (error types, offsets,
/// word lists, rule switches), which any stage may read and which read no stage.
fn rank(module: &str) -> Option<u32> {
    Some(match module {
        "error" | "text" | "lexicon" | "switches" => return None,
        "tokens" => 1,
        "truecase" => 2,
        "features" => 3,
        "classifier" => 4,
        "decode" => 5,
        "claims" => 6,
        "annotations" => 7,
        "pipeline" => 8,
        "output" => 9,
        // The shells and tools over the whole library.
        "web" | "eval" | "training" => 10,
        other => panic!("src/{other}: give the new module a place in the flow (tests/flow.rs)"),
    })
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a source file belongs to: `src/decode/rules/x.rs` -> "decode".
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    match first.as_str() {
        "lib.rs" | "bin" => None,
        f => Some(f.trim_end_matches(".rs").to_string()),
    }
}

/// The module a `crate::NAME` path reaches: a module's name, or the one behind a re-export at
/// the crate root (src/lib.rs); `None` for a macro.
fn target(name: &str) -> Option<&str> {
    match name {
        "Annotations" | "Entity" => Some("annotations"),
        "Pipeline" => Some("pipeline"),
        "Error" | "Result" => Some("error"),
        "word_list" | "why_here" => None,
        module => Some(module),
    }
}

/// Every `crate::NAME` a source mentions outside comments, with its line.
fn crate_paths(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `$crate::` in a macro and `crate::{a, b}` groups are checked by their parts.
            let dollar = at > 0 && rest[..at].ends_with('$');
            if !dollar && !name.is_empty() {
                found.push((n + 1, name));
            }
            rest = after;
        }
    }
    found
}

#[test]
fn no_stage_imports_a_later_one() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    let mut backwards = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let Some(own) = rank(&module) else {
            // Stage-neutral modules read no stage at all.
            let source = std::fs::read_to_string(file).unwrap();
            for (line, name) in crate_paths(&source) {
                let Some(name) = target(&name) else { continue };
                if name != module && rank(name).is_some() {
                    backwards.push(format!(
                        "{}:{line}: {module} (neutral) reads {name}",
                        file.display()
                    ));
                }
            }
            continue;
        };
        let source = std::fs::read_to_string(file).unwrap();
        for (line, name) in crate_paths(&source) {
            let Some(name) = target(&name) else { continue };
            if name == module {
                continue;
            }
            if rank(name).is_some_and(|r| r > own) {
                backwards.push(format!(
                    "{}:{line}: {module} reads the later stage {name}",
                    file.display()
                ));
            }
        }
    }
    assert!(
        backwards.is_empty(),
        "imports against the flow:\n{}",
        backwards.join("\n")
    );
}

#[test]
fn no_source_file_is_over_1500_lines() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > 1500).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these: {long:?}");
}
