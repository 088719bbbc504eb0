//! The word lists (src/lexicon/words/*.txt): every file is declared and in `lexicon::all()`, has a
//! header saying who reads it, is sorted (byte order) and unique, and is read by code outside the
//! lexicon module (by its static's name, the file's name in capitals).

use article_annotator::lexicon::{all, WordList};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_word_file_is_declared_once() {
    let files: BTreeSet<String> = std::fs::read_dir(root().join("src/lexicon/words"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let declared: Vec<&str> = all().map(WordList::name).collect();
    let unique: BTreeSet<String> = declared.iter().map(|s| s.to_string()).collect();
    assert_eq!(unique.len(), declared.len(), "a list is declared twice");
    assert_eq!(
        files, unique,
        "files in src/lexicon/words/ vs lexicon::all()"
    );
}

#[test]
fn every_list_has_a_header_and_is_sorted_and_unique() {
    for list in all() {
        let source =
            std::fs::read_to_string(root().join(format!("src/lexicon/words/{}.txt", list.name())))
                .unwrap();
        let header: Vec<&str> = source.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(
            header.iter().any(|l| l.contains("Read by")),
            "{}: the header must say who reads it (a '# Read by ...' line)",
            list.name()
        );
        let entries = list.entries();
        assert!(!entries.is_empty(), "{} is empty", list.name());
        let in_file: Vec<&str> = source
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(str::trim)
            .collect();
        assert_eq!(
            entries,
            &in_file[..],
            "{}: the embedded entries are the file's",
            list.name()
        );
        for pair in entries.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{}: {:?} must come before {:?} once (sorted by bytes, no duplicates)",
                list.name(),
                pair[1],
                pair[0]
            );
        }
        for e in entries {
            assert!(
                !e.contains("  ") && !e.contains('\t'),
                "{}: {e:?} has a tab or a double space",
                list.name()
            );
            assert!(list.contains(e));
        }
    }
}

#[test]
fn every_list_is_read_outside_the_lexicon() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let lexicon = root().join("src/lexicon");
    let code: String = files
        .iter()
        .filter(|p| !p.starts_with(&lexicon))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for list in all() {
        let name = list.name().to_uppercase();
        assert!(
            code.contains(&format!("lexicon::{name}")) || code.contains(&format!("{name}.")),
            "lexicon::{name} is read nowhere outside src/lexicon"
        );
    }
}
