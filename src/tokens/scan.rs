//! The word scanner: text -> tokens. See the module docs of `tokens` for the rules; comments here
//! say how each is done and why.
//!
//! The text is cut into chunks at separators (whitespace), and each chunk into atoms from left to
//! right. Every step moves forward; the only look-backs are bounded (a char or two), and the only
//! look-aheads that may run far (URLs, e-mail local parts) either become the token or leave a mark
//! (`email_skip_until`) so the same stretch is never scanned twice. So the whole scan is linear.

use super::abbreviations::{self, Abbrev};
use super::chars::{
    is_ambiguous_quote, is_apostrophe, is_closing, is_dash, is_emoji_base, is_emoji_extender,
    is_hyphen, is_mark, is_opening, is_punct, is_regional_indicator, is_separator, is_word_char,
    line_break_weight,
};
use super::{Token, TokenKind};

pub(crate) fn scan(text: &str) -> Vec<Token> {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        // English news runs about 5-6 bytes per token; a small underestimate costs one regrow.
        out: Vec::with_capacity(text.len() / 7 + 4),
        email_skip_until: 0,
        chunk_has_at: false,
        chunk_at_line_start: false,
    };
    scanner.run();
    scanner.out
}

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    out: Vec<Token>,
    /// Atoms starting before this byte cannot start an e-mail address (an earlier look-ahead over
    /// the same stretch failed): keeps e-mail detection linear.
    email_skip_until: usize,
    /// The current chunk contains an '@' (otherwise no e-mail look-ahead at all).
    chunk_has_at: bool,
    /// The current chunk is the first on its line (list numbers "1." keep their period there).
    chunk_at_line_start: bool,
}

impl Scanner<'_> {
    /// The char at `pos`, which must be a char boundary below the text length.
    #[inline]
    fn char_at(&self, pos: usize) -> char {
        let b = self.bytes[pos];
        if b < 0x80 {
            return b as char;
        }
        self.text[pos..].chars().next().unwrap_or('\u{FFFD}')
    }

    /// The char at `pos` if `pos < end`.
    #[inline]
    fn char_in(&self, pos: usize, end: usize) -> Option<char> {
        (pos < end).then(|| self.char_at(pos))
    }

    /// The char just before `pos`, if `pos > start`.
    #[inline]
    fn char_before(&self, pos: usize, start: usize) -> Option<char> {
        if pos <= start {
            return None;
        }
        self.text[..pos].chars().next_back()
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.out.push(Token { start, end, kind });
    }

    fn run(&mut self) {
        let len = self.bytes.len();
        let mut pos = 0;
        let mut line_start = true;
        while pos < len {
            let c = self.char_at(pos);
            if is_separator(c) {
                if line_break_weight(c) > 0 {
                    line_start = true;
                }
                pos += c.len_utf8();
                continue;
            }
            let start = pos;
            while pos < len {
                let c = self.char_at(pos);
                if is_separator(c) {
                    break;
                }
                pos += c.len_utf8();
            }
            self.chunk_at_line_start = line_start;
            line_start = false;
            self.scan_chunk(start, pos);
        }
    }

    fn scan_chunk(&mut self, cs: usize, ce: usize) {
        self.chunk_has_at = self.bytes[cs..ce].contains(&b'@');
        let mut pos = cs;
        while pos < ce {
            let next = self.atom(pos, cs, ce);
            // Every branch of `atom` consumes at least one char; the max() is belt and braces.
            pos = next.max(pos + self.char_at(pos).len_utf8());
        }
    }

    /// Scans one atom starting at `pos` inside the chunk `cs..ce`, pushes its token(s), and returns
    /// where the next atom starts.
    fn atom(&mut self, pos: usize, cs: usize, ce: usize) -> usize {
        let c = self.char_at(pos);
        let clen = c.len_utf8();
        let prev = self.char_before(pos, cs);
        let next = self.char_in(pos + clen, ce);

        // URL: "http://", "https://", "www." to the end of the chunk, less trailing punctuation.
        if matches!(c, 'h' | 'H' | 'w' | 'W') && !prev.is_some_and(is_word_char) {
            if let Some(end) = self.url_end(pos, ce) {
                self.push(pos, end, TokenKind::Url);
                return end;
            }
        }
        // E-mail: local@domain.tld.
        if self.chunk_has_at && c.is_ascii_alphanumeric() && pos >= self.email_skip_until {
            if let Some(end) = self.email_end(pos, ce) {
                self.push(pos, end, TokenKind::Email);
                return end;
            }
        }
        // @handle and #hashtag, when not glued to a word before them.
        if (c == '@' || c == '#') && !prev.is_some_and(char::is_alphanumeric) {
            if let Some(end) = self.handle_end(pos + 1, ce) {
                self.push(pos, end, TokenKind::Handle);
                return end;
            }
        }
        // A sign or a leading decimal point belongs to the number after it when it stands at the
        // start of the chunk or after an opening bracket or quote ("-2.5", "(+3.1%)", ".5").
        if matches!(c, '-' | '+' | '\u{2212}' | '.')
            && next.is_some_and(|n| n.is_ascii_digit())
            && prev.is_none_or(|p| is_opening(p) || is_ambiguous_quote(p))
        {
            return self.word(pos, pos + clen, cs, ce);
        }
        if is_word_char(c) {
            return self.word(pos, pos, cs, ce);
        }
        match c {
            // "." alone, or an ellipsis "..", "...", "....".
            '.' => self.run_of(pos, ce, |x| x == '.', TokenKind::Punct),
            '…' => self.run_of(pos, ce, |x| x == '…', TokenKind::Punct),
            // One hyphen alone is a hyphen; two or more are a dash ("--", "-----").
            '-' => self.run_of(pos, ce, |x| x == '-', TokenKind::Punct),
            _ if is_dash(c) => self.run_of(pos, ce, is_dash, TokenKind::Punct),
            '\'' | '’' | '‘' | '`' => self.apostrophe(pos, c, ce),
            '&' => {
                let end = self.entity_end(pos, ce).unwrap_or(pos + 1);
                self.push(pos, end, TokenKind::Symbol);
                end
            }
            _ if is_emoji_base(c) => {
                let end = self.emoji_end(pos, c, ce);
                self.push(pos, end, TokenKind::Symbol);
                end
            }
            _ if is_punct(c) => {
                self.push(pos, pos + clen, TokenKind::Punct);
                pos + clen
            }
            // Other symbols: a run of the same one is one token ("**", "==", "$$").
            _ => self.run_of(pos, ce, |x| x == c, TokenKind::Symbol),
        }
    }

    fn run_of(
        &mut self,
        pos: usize,
        ce: usize,
        pred: impl Fn(char) -> bool,
        kind: TokenKind,
    ) -> usize {
        let mut end = pos;
        while let Some(c) = self.char_in(end, ce) {
            if !pred(c) {
                break;
            }
            end += c.len_utf8();
        }
        let end = end.max(pos + self.char_at(pos).len_utf8());
        self.push(pos, end, kind);
        end
    }

    /// A word or number starting at `start` (a sign, if any, is `start..body`).
    fn word(&mut self, start: usize, body: usize, cs: usize, ce: usize) -> usize {
        let mut p = body;
        // Start of the current hyphen-separated part (for "U.S.-led").
        let mut part = body;
        loop {
            while let Some(c) = self.char_in(p, ce) {
                if !is_word_char(c) {
                    break;
                }
                p += c.len_utf8();
            }
            let Some(c) = self.char_in(p, ce) else { break };
            let Some(prev) = self.char_before(p, start) else {
                break;
            };
            let after = p + c.len_utf8();
            let next = self.char_in(after, ce);
            let joins = match c {
                // "Chinese-led", "1996-08-22", "Pro-Israeli"; "a--b" does not join. A hyphen that
                // ends the chunk stays too: "pre- and post-war", "anti-" (suspended hyphens).
                _ if is_hyphen(c) => {
                    if after == ce {
                        p = after;
                        break;
                    }
                    next.is_some_and(is_word_char)
                }
                // "U.S", "3.5", "S.AFRICA", "Amazon.com"; the final period is decided below.
                '.' => {
                    if next.is_some_and(char::is_alphanumeric) {
                        true
                    } else if next == Some('-')
                        && self.char_in(after + 1, ce).is_some_and(is_word_char)
                        && (is_dotted_acronym(&self.text[part..p])
                            || abbreviations::lookup(&self.text[part..p]).is_some())
                    {
                        // "U.S.-led", "U.N.-backed", "Wash.-based": the abbreviation keeps its period
                        // and the word goes on.
                        p = after + 1;
                        part = p;
                        continue;
                    } else {
                        false
                    }
                }
                // "1,000", "1,234.56", "10:30", "2:29.34": only between digits.
                ',' | ':' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
                // "O'Neill", "d'affaires", and "China's"/"don't" (split again below).
                _ if is_apostrophe(c) => {
                    prev.is_alphanumeric() && next.is_some_and(char::is_alphabetic)
                }
                // "and/or", "1/2", "km/h".
                '/' => prev.is_alphanumeric() && next.is_some_and(char::is_alphanumeric),
                // "AT&T", "S&P"; "AT&amp;T" stays one word, an entity at the end of a word does not.
                '&' => match self.entity_end(p, ce) {
                    Some(end) if self.char_in(end, ce).is_some_and(is_word_char) => {
                        p = end;
                        continue;
                    }
                    Some(_) => false,
                    None => prev.is_alphanumeric() && next.is_some_and(char::is_alphanumeric),
                },
                '_' => next.is_some_and(|n| is_word_char(n) || n == '_'),
                // Catalan "l·l".
                '·' => prev.is_alphabetic() && next.is_some_and(char::is_alphabetic),
                _ => false,
            };
            if !joins {
                break;
            }
            if is_hyphen(c) {
                part = after;
            }
            p = after;
        }
        let end = p;
        let word = &self.text[start..end];
        let kind = word_kind(word);

        // Currency prefixes of CoNLL and news: "US$", "C$", "HK$" (then "$5" splits as "$" "5").
        if self.bytes.get(end) == Some(&b'$')
            && end < ce
            && (1..=3).contains(&word.len())
            && word.bytes().all(|b| b.is_ascii_uppercase())
        {
            self.push(start, end + 1, TokenKind::Symbol);
            return end + 1;
        }

        // A period right after the word: keep it for abbreviations, initials and acronyms.
        if end < ce && self.bytes[end] == b'.' {
            let dots = self.bytes[end..ce]
                .iter()
                .take(3)
                .take_while(|&&b| b == b'.')
                .count();
            // ".." after an abbreviation is its period plus a sentence period ("U.S..").
            if dots <= 2 && self.keeps_period(start, body, end, cs, ce) {
                self.push(start, end + 1, kind);
                return end + 1;
            }
        }

        if let Some(split) = clitic_split(word) {
            self.push(start, start + split, word_kind(&word[..split]));
            self.push(start + split, end, TokenKind::Word);
            return end;
        }
        self.push(start, end, kind);
        end
    }

    /// Whether the word `start..end` (body from `body`) keeps the period at `end`.
    fn keeps_period(&self, start: usize, body: usize, end: usize, cs: usize, ce: usize) -> bool {
        if body != start {
            return false; // signed numbers are never abbreviations
        }
        let word = &self.text[start..end];
        // List numbers "1." "12." at the start of a line, as in results tables and numbered lists
        // (CoNLL keeps them whole); elsewhere "in 1996." ends a sentence.
        if word.len() <= 3 && word.bytes().all(|b| b.is_ascii_digit()) {
            return start == cs && self.chunk_at_line_start && end + 1 == ce;
        }
        // Initials: "J." in "J. R. R. Tolkien" (one letter, maybe with combining marks).
        let mut letters = word.chars().filter(|c| !is_mark(*c));
        if letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none() {
            return true;
        }
        match abbreviations::lookup(word) {
            Some(Abbrev::BeforeNumber) => return self.number_follows(end + 1),
            Some(_) => return true,
            None => {}
        }
        // Dotted acronyms "U.S", "a.m", "Ph.D", and the last part of "Iraq-U.N".
        is_dotted_acronym(word.rsplit(is_hyphen).next().unwrap_or(word))
    }

    /// A digit follows `pos` after at most a few spaces ("No. 10").
    fn number_follows(&self, pos: usize) -> bool {
        let rest = self.bytes.get(pos..).unwrap_or(&[]);
        rest.iter()
            .take(4)
            .find(|b| **b != b' ')
            .is_some_and(u8::is_ascii_digit)
    }

    /// An apostrophe or single quote that is not inside a word: a clitic alone ("'s" after a space,
    /// as in CoNLL text "China 's"), a decade ("'90s"), or a quote mark.
    fn apostrophe(&mut self, pos: usize, c: char, ce: usize) -> usize {
        let after = pos + c.len_utf8();
        let rest = &self.bytes[after..ce];
        let letters = rest
            .iter()
            .take(4)
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let ends_word = |n: usize| self.char_in(after + n, ce).is_none_or(|x| !is_word_char(x));
        if is_apostrophe(c) && (1..=2).contains(&letters) && ends_word(letters) {
            let l = &rest[..letters];
            if [&b"s"[..], b"m", b"d", b"re", b"ve", b"ll"]
                .iter()
                .any(|k| l.eq_ignore_ascii_case(k))
            {
                self.push(pos, after + letters, TokenKind::Word);
                return after + letters;
            }
        }
        let digits = rest
            .iter()
            .take(3)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if c != '`' && digits == 2 {
            let n = if rest.get(2) == Some(&b's') { 3 } else { 2 };
            if ends_word(n) {
                self.push(pos, after + n, TokenKind::Word);
                return after + n;
            }
        }
        self.push(pos, after, TokenKind::Punct);
        after
    }

    /// End of a URL starting at `pos`, if one starts there.
    fn url_end(&self, pos: usize, ce: usize) -> Option<usize> {
        let rest = &self.bytes[pos..ce];
        let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        let body = if starts(b"https://") {
            8
        } else if starts(b"http://") {
            7
        } else if starts(b"www.") {
            4
        } else {
            return None;
        };
        if !rest[body].is_ascii_alphanumeric() && rest[body] < 0x80 {
            return None;
        }
        // Up to the whitespace, then give back trailing punctuation, but keep a closing bracket that
        // closes one inside the URL ("https://en.wikipedia.org/wiki/Mercury_(planet)").
        let mut end = ce;
        let (mut open, mut close) = (0usize, 0usize);
        for &b in rest {
            match b {
                b'(' | b'[' => open += 1,
                b')' | b']' => close += 1,
                _ => {}
            }
        }
        while end > pos + body {
            let Some(c) = self.char_before(end, pos) else {
                break;
            };
            let give_back = match c {
                ')' | ']' => {
                    let unmatched = close > open;
                    close -= 1;
                    unmatched
                }
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '>' | '…' | '}' => true,
                _ => is_closing(c) || is_ambiguous_quote(c),
            };
            if !give_back {
                break;
            }
            end -= c.len_utf8();
        }
        Some(end)
    }

    /// End of an e-mail address starting at `pos`, if one starts there. On failure, remembers how far
    /// the local part reached: no atom before that can start an address either.
    fn email_end(&mut self, pos: usize, ce: usize) -> Option<usize> {
        let is_local =
            |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
        let mut at = pos;
        while at < ce && is_local(self.bytes[at]) {
            at += 1;
        }
        self.email_skip_until = at + 1;
        if at >= ce || self.bytes[at] != b'@' {
            return None;
        }
        let d0 = at + 1;
        let mut end = d0;
        while end < ce
            && (self.bytes[end].is_ascii_alphanumeric() || matches!(self.bytes[end], b'.' | b'-'))
        {
            end += 1;
        }
        while end > d0 && matches!(self.bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &self.bytes[d0..end];
        let tld = domain.rsplit(|&b| b == b'.').next().unwrap_or(&[]);
        let labels_ok = domain.split(|&b| b == b'.').all(|l| !l.is_empty());
        let ok = domain.contains(&b'.')
            && labels_ok
            && tld.len() >= 2
            && tld.iter().all(u8::is_ascii_alphabetic)
            && self.bytes[at - 1] != b'.';
        ok.then_some(end)
    }

    /// End of the name of an @handle or #hashtag whose name starts at `body`.
    fn handle_end(&self, body: usize, ce: usize) -> Option<usize> {
        let mut end = body;
        let mut has_letter = false;
        while let Some(c) = self.char_in(end, ce) {
            if !(is_word_char(c) || c == '_') {
                break;
            }
            has_letter |= c.is_alphabetic() || c == '_';
            end += c.len_utf8();
        }
        // "#1" is a symbol and a number, not a hashtag.
        has_letter.then_some(end)
    }

    /// End of an HTML entity starting with the '&' at `pos`: "&amp;", "&#8217;", "&#x2019;".
    /// Entities are kept as written: decoding is not the tokenizer's job, and offsets must stay true.
    fn entity_end(&self, pos: usize, ce: usize) -> Option<usize> {
        let rest = &self.bytes[pos + 1..ce.min(pos + 12)];
        let (digits, skip): (fn(&u8) -> bool, usize) = match rest {
            [b'#', b'x' | b'X', ..] => (u8::is_ascii_hexdigit, 2),
            [b'#', ..] => (u8::is_ascii_digit, 1),
            _ => (u8::is_ascii_alphanumeric, 0),
        };
        let body = rest[skip..].iter().take_while(|b| digits(b)).count();
        let named_ok = skip > 0 || (rest.first().is_some_and(u8::is_ascii_alphabetic) && body >= 2);
        (body >= 1 && named_ok && rest.get(skip + body) == Some(&b';'))
            .then_some(pos + 1 + skip + body + 1)
    }

    /// End of an emoji sequence: base, modifiers and variation selectors, ZWJ-joined parts, flag pairs.
    fn emoji_end(&self, pos: usize, base: char, ce: usize) -> usize {
        let mut end = pos + base.len_utf8();
        if is_regional_indicator(base) {
            if let Some(c) = self.char_in(end, ce).filter(|c| is_regional_indicator(*c)) {
                return end + c.len_utf8();
            }
        }
        loop {
            while let Some(c) = self.char_in(end, ce).filter(|c| is_emoji_extender(*c)) {
                end += c.len_utf8();
            }
            if self.char_in(end, ce) == Some('\u{200D}') {
                if let Some(c) = self.char_in(end + 3, ce).filter(|c| is_emoji_base(*c)) {
                    end += 3 + c.len_utf8();
                    continue;
                }
            }
            return end;
        }
    }
}

/// `Number` when the word is digits with separators (and maybe a sign), else `Word`.
fn word_kind(word: &str) -> TokenKind {
    let mut digits = false;
    for c in word.chars() {
        if c.is_numeric() {
            digits = true;
        } else if !matches!(
            c,
            '.' | ',' | ':' | '/' | '-' | '+' | '\u{2212}' | '\u{2010}' | '\u{2011}'
        ) {
            return TokenKind::Word;
        }
    }
    if digits {
        TokenKind::Number
    } else {
        TokenKind::Word
    }
}

/// "U.S", "a.m", "Ph.D", "F.A.I" (the final period not included): at least two parts, each one to
/// three letters.
fn is_dotted_acronym(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let n = part.chars().count();
        if !(1..=3).contains(&n) || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
        if parts > 8 {
            return false;
        }
    }
    parts >= 2
}

/// Where a clitic starts in `word`, if it ends in one: "China's" -> 5 ("'s"), "don't" -> 2 ("n't"),
/// "they're", "I'm", "we've", "she'll", "he'd". The part before must be non-empty, so "n't" and "'s"
/// alone (CoNLL) stay whole.
fn clitic_split(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let letters = b
        .iter()
        .rev()
        .take(3)
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if letters == 0 || letters > 2 {
        return None;
    }
    let tail = &b[b.len() - letters..];
    let before = &word[..b.len() - letters];
    let apostrophe = before.chars().next_back().filter(|c| is_apostrophe(*c))?;
    let at = before.len() - apostrophe.len_utf8();
    if tail.eq_ignore_ascii_case(b"t") {
        // "n't": the 'n' goes with the clitic, and something must stay before it.
        let n_at = at.checked_sub(1)?;
        return (n_at > 0 && b[n_at].eq_ignore_ascii_case(&b'n')).then_some(n_at);
    }
    let known = [&b"s"[..], b"m", b"d", b"re", b"ve", b"ll"]
        .iter()
        .any(|k| tail.eq_ignore_ascii_case(k));
    (known && at > 0).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics() {
        assert_eq!(clitic_split("China's"), Some(5));
        assert_eq!(clitic_split("CHINA'S"), Some(5));
        assert_eq!(clitic_split("Trump’s"), Some(5));
        assert_eq!(clitic_split("don't"), Some(2));
        assert_eq!(clitic_split("can’t"), Some(2));
        assert_eq!(clitic_split("they're"), Some(4));
        assert_eq!(clitic_split("n't"), None);
        assert_eq!(clitic_split("'s"), None);
        assert_eq!(clitic_split("O'Neill"), None);
        assert_eq!(clitic_split("Gen'l"), None);
        assert_eq!(clitic_split("it"), None);
        assert_eq!(clitic_split("'t"), None);
    }

    #[test]
    fn acronyms() {
        assert!(is_dotted_acronym("U.S"));
        assert!(is_dotted_acronym("a.m"));
        assert!(is_dotted_acronym("Ph.D"));
        assert!(!is_dotted_acronym("S.AFRICA"));
        assert!(!is_dotted_acronym("US"));
        assert!(!is_dotted_acronym("3.5"));
        assert!(!is_dotted_acronym(""));
    }
}
