//! Embeds the word lists without their headers. Each list in `src/lexicon/words/` opens with `#`
//! lines saying what it is and who reads it; people need them, the wasm package does not, so the
//! lists that `lexicon::word_list!` embeds are copies in OUT_DIR holding only the entries.

use std::path::PathBuf;

fn main() {
    let words = PathBuf::from("src/lexicon/words");
    println!("cargo:rerun-if-changed={}", words.display());
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("words");
    std::fs::create_dir_all(&out).expect("OUT_DIR is writable");
    for entry in std::fs::read_dir(&words).expect("src/lexicon/words exists") {
        let path = entry.expect("a readable directory entry").path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a word list is UTF-8 text");
        let entries: String = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| format!("{}\n", l.trim()))
            .collect();
        std::fs::write(out.join(path.file_name().expect("a file")), entries)
            .expect("OUT_DIR is writable");
    }
}
