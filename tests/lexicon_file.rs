//! The name lexicon's round trip across languages: `train/lexicon.py` writes the file
//! (`write_lexicon`), the crate reads it, and both give every word the same classes.
//!
//! Fixture (tests/fixtures/lexicon): `names.bin` holds PER Tedros, Adhanom; ORG Huawei, TikTok,
//! WhatsApp; LOC Wuhan, Geneva; MISC Brexit, written by `lexicon.write_lexicon`; `expected.json`
//! is the classes Python's reader of the same file (`corpus_lexicon.BloomLexicon`) gives each
//! word, members and not.

use article_annotator::features::Lexicon;
use std::collections::BTreeMap;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lexicon")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_crate_reads_a_lexicon_written_by_python_as_python_reads_it() {
    let lexicon = Lexicon::from_bytes(&fixture("names.bin")).unwrap();
    assert_eq!(lexicon.classes, ["PER", "ORG", "LOC", "MISC"]);
    let expected: BTreeMap<String, Vec<String>> =
        serde_json::from_slice(&fixture("expected.json")).unwrap();
    for (word, classes) in &expected {
        let flags = lexicon.flags(word);
        let got: Vec<&str> = lexicon
            .classes
            .iter()
            .enumerate()
            .filter(|(c, _)| flags & (1 << c) != 0)
            .map(|(_, name)| name.as_str())
            .collect();
        assert_eq!(got, *classes, "{word}");
    }
    // The members are found (a Bloom filter never says no to one), in capitals too.
    for (word, class) in [("Huawei", "ORG"), ("WUHAN", "LOC"), ("Tedros", "PER")] {
        assert_eq!(expected[word], [class]);
    }
    assert!(expected["Paris"].is_empty() && expected["huawei"].is_empty());
}

#[test]
fn a_damaged_lexicon_file_is_an_error_not_a_panic() {
    let bytes = fixture("names.bin");
    for cut in [0, 3, 7, 12, bytes.len() - 1] {
        assert!(Lexicon::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut wrong = bytes.clone();
    wrong[0] = b'X';
    assert!(Lexicon::from_bytes(&wrong).is_err());
}
