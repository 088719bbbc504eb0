//! Abbreviations that keep their period ("Dr.", "Jan.", "Calif.") and how each behaves at a
//! sentence boundary.
//!
//! Matching is on ASCII letters, and the case must be the listed one, ALL CAPS (headlines), or, for
//! the entries listed in lower case, Capitalised ("Etc." at the start of a sentence). That keeps the
//! ordinary words among them ("no.", "ill.", "mass.", "wash.", "mar.") from swallowing a
//! sentence-final period.

/// How an abbreviation behaves at a sentence boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Abbrev {
    /// Stands before a name or another word: never ends a sentence ("Dr.", "Gov.", "St.", "vs.").
    Title,
    /// Keeps its period only before a number, and then never ends a sentence ("No. 10").
    BeforeNumber,
    /// May end a sentence ("Inc.", "Jan.", "Calif.", "etc."): the period then does both jobs, and the
    /// sentence ends only when a typical sentence opener follows (see `sentences`).
    Other,
}

use Abbrev::{BeforeNumber, Other, Title};

/// Sorted by the lower-case form (a unit test checks), for a binary search without allocation.
static LIST: &[(&str, Abbrev)] = &[
    ("Adm", Title),
    ("al", Other), // et al.
    ("Ala", Other),
    ("Amb", Title),
    ("approx", Other),
    ("Apr", Other),
    ("Ariz", Other),
    ("Ark", Other),
    ("Assn", Other),
    ("Atty", Title),
    ("Aug", Other),
    ("Ave", Other),
    ("Blvd", Other),
    ("Brig", Title),
    ("Bros", Other),
    ("Calif", Other),
    ("Capt", Title),
    ("Cdr", Title),
    ("Cmdr", Title),
    ("Co", Other),
    ("Col", Title),
    ("Colo", Other),
    ("Conn", Other),
    ("Corp", Other),
    ("Cos", Other),
    ("Cpl", Title),
    ("Dec", Other),
    ("Del", Other),
    ("Dept", Other),
    ("Det", Title),
    ("Dr", Title),
    ("Esq", Other),
    ("etc", Other),
    ("Feb", Other),
    ("Fig", BeforeNumber),
    ("Fla", Other),
    ("Fr", Title),
    ("Ft", Title),
    ("Ga", Other),
    ("Gen", Title),
    ("Gov", Title),
    ("Govt", Other),
    ("Hon", Title),
    ("Hwy", Other),
    ("Ill", Other),
    ("Inc", Other),
    ("Ind", Other),
    ("Insp", Title),
    ("Intl", Other),
    ("Jan", Other),
    ("Jr", Other),
    ("Jul", Other),
    ("Jun", Other),
    ("Kan", Other),
    ("Kans", Other),
    ("Ky", Other),
    ("La", Other),
    ("Lt", Title),
    ("Ltd", Other),
    ("Maj", Title),
    ("Mar", Other),
    ("Mass", Other),
    ("Md", Other),
    ("Messrs", Title),
    ("Mfg", Other),
    ("Mich", Other),
    ("Minn", Other),
    ("Miss", Other),
    ("Mlle", Title),
    ("Mme", Title),
    ("Mmes", Title),
    ("Mo", Other),
    ("Mont", Other),
    ("Mr", Title),
    ("Mrs", Title),
    ("Ms", Title),
    ("Msgr", Title),
    ("Mt", Title),
    ("Natl", Other),
    ("Neb", Other),
    ("Nev", Other),
    ("No", BeforeNumber),
    ("Nos", BeforeNumber),
    ("Nov", Other),
    ("Oct", Other),
    ("Okla", Other),
    ("Ore", Other),
    ("Pa", Other),
    ("Pres", Title),
    ("Prof", Title),
    ("Pvt", Title),
    ("Rd", Other),
    ("Rep", Title),
    ("Reps", Title),
    ("Rev", Title),
    ("Rt", Title),
    ("Sen", Title),
    ("Sens", Title),
    ("Sep", Other),
    ("Sept", Other),
    ("Sgt", Title),
    ("Sr", Other),
    ("St", Title),
    ("Ste", Title),
    ("Supt", Title),
    ("Tenn", Other),
    ("Tex", Other),
    ("Univ", Other),
    ("Va", Other),
    ("vol", Other),
    ("vs", Title),
    ("Vt", Other),
    ("Wash", Other),
    ("Wis", Other),
    ("Wisc", Other),
    ("Wyo", Other),
];

/// Longest entry, in bytes: longer words are not looked up.
const MAX_LEN: usize = 6;

/// The abbreviation `word` (without its period) is, if any, under the case rules above.
pub(crate) fn lookup(word: &str) -> Option<Abbrev> {
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_LEN || !bytes.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut key = [0u8; MAX_LEN];
    for (k, b) in key.iter_mut().zip(bytes) {
        *k = b.to_ascii_lowercase();
    }
    let key = &key[..bytes.len()];
    let i = LIST
        .binary_search_by(|(entry, _)| {
            entry
                .bytes()
                .map(|b| b.to_ascii_lowercase())
                .cmp(key.iter().copied())
        })
        .ok()?;
    let (entry, kind) = LIST[i];
    let all_caps = bytes.iter().all(u8::is_ascii_uppercase);
    let lower_entry = entry.bytes().all(|b| b.is_ascii_lowercase());
    let capitalised = bytes[0].is_ascii_uppercase() && bytes[1..] == entry.as_bytes()[1..];
    (word == entry || all_caps || (lower_entry && capitalised)).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_case_insensitively_and_fits_the_key() {
        for pair in LIST.windows(2) {
            let a = pair[0].0.to_ascii_lowercase();
            let b = pair[1].0.to_ascii_lowercase();
            assert!(a < b, "{a} must sort before {b}");
        }
        assert!(LIST.iter().all(|(e, _)| e.len() <= MAX_LEN));
    }

    #[test]
    fn case_rules() {
        assert_eq!(lookup("Dr"), Some(Title));
        assert_eq!(lookup("DR"), Some(Title));
        assert_eq!(lookup("dr"), None);
        assert_eq!(lookup("etc"), Some(Other));
        assert_eq!(lookup("Etc"), Some(Other));
        assert_eq!(lookup("ETC"), Some(Other));
        assert_eq!(lookup("eTc"), None);
        assert_eq!(lookup("ill"), None);
        assert_eq!(lookup("Ill"), Some(Other));
        assert_eq!(lookup("No"), Some(BeforeNumber));
        assert_eq!(lookup("no"), None);
        assert_eq!(lookup("Calif"), Some(Other));
        assert_eq!(lookup("vs"), Some(Title));
        assert_eq!(lookup("Smith"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("Départ"), None);
        assert_eq!(lookup("Corporation"), None);
    }
}
