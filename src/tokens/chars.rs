//! Character classes used by the scanner. Hand-written ranges instead of a Unicode table crate:
//! the tokenizer only needs a few coarse classes, and every range here is one the scanner acts on.

/// Separates tokens and is never inside one: Unicode `White_Space` (space, tab, newlines, NBSP,
/// the U+2000 spaces, U+3000 ...), control characters (junk such as NUL or stray C1 controls makes
/// no useful token), and the invisible U+200B ZERO WIDTH SPACE and U+FEFF BOM (word breaks, not text).
#[inline]
pub(crate) fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c.is_ascii_control();
    }
    c.is_whitespace() || c.is_control() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Line breaks, weighted: 2 for the separators that mean "paragraph" (U+2029, form feed),
/// 1 for a line break. `\r\n` is counted once by the caller (the `\r` is skipped).
#[inline]
pub(crate) fn line_break_weight(c: char) -> usize {
    match c {
        '\n' | '\r' | '\u{0B}' | '\u{85}' | '\u{2028}' => 1,
        '\u{0C}' | '\u{2029}' => 2,
        _ => 0,
    }
}

/// Letters, digits and combining marks of any script: the body of a word.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks and joiners that belong to the letter before them. `char::is_alphanumeric` already
/// covers most dependent vowel signs (they are `Other_Alphabetic`); this adds the diacritics
/// (U+0301 ...), viramas and nuktas, Hebrew and Arabic points, variation selectors, ZWNJ/ZWJ and the
/// soft hyphen, so "e\u{301}" or a Devanagari conjunct stays one word.
pub(crate) fn is_mark(c: char) -> bool {
    let u = c as u32;
    match u {
        0x00AD // soft hyphen: invisible, inside words
        | 0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x05BF
        | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5
        | 0x05C7
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED
        | 0x0711
        | 0x0730..=0x074A
        | 0x07A6..=0x07B0
        | 0x07EB..=0x07F3
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200C..=0x200D
        | 0x2060
        | 0x20D0..=0x20FF
        | 0x302A..=0x302F
        | 0x3099..=0x309A
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xE0100..=0xE01EF => true,
        // Brahmic scripts (Devanagari .. Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer): whatever is not
        // a letter or digit there is a sign on a letter, except these sentence and section marks.
        0x0900..=0x0DFF | 0x0E00..=0x0EFF | 0x0F00..=0x0FFF | 0x1000..=0x109F | 0x1780..=0x17FF => {
            !c.is_alphanumeric()
                && !matches!(
                    u,
                    0x0964..=0x0965
                        | 0x0970
                        | 0x0DF4
                        | 0x0E3F
                        | 0x0E4F
                        | 0x0E5A..=0x0E5B
                        | 0x0F01..=0x0F17
                        | 0x0F1A..=0x0F1F
                        | 0x0F3A..=0x0F3D
                        | 0x0F85
                        | 0x0FD0..=0x0FDA
                        | 0x104A..=0x104F
                        | 0x17D4..=0x17DA
                        | 0x17DB
                )
        }
        _ => false,
    }
}

/// Punctuation proper: what quotes, brackets, separates or ends text. Everything else that is not a
/// word character is a [`Symbol`](super::TokenKind::Symbol) ($ % & * # @ + = / emoji © ...).
pub(crate) fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            '!' | '"'
                | '\''
                | '('
                | ')'
                | ','
                | '-'
                | '.'
                | ':'
                | ';'
                | '?'
                | '['
                | ']'
                | '{'
                | '}'
                | '`'
        );
    }
    matches!(
        c as u32,
        0x00A1 | 0x00A7 | 0x00AB | 0x00B6 | 0x00B7 | 0x00BB | 0x00BF
            | 0x037E | 0x0387
            | 0x055A..=0x055F | 0x0589
            | 0x05BE | 0x05C0 | 0x05C3 | 0x05C6 | 0x05F3..=0x05F4
            | 0x060C | 0x061B | 0x061F | 0x066A..=0x066D | 0x06D4
            | 0x0964..=0x0965 | 0x0970 | 0x0E4F | 0x0E5A..=0x0E5B | 0x104A..=0x104F | 0x17D4..=0x17DA
            | 0x2010..=0x2027 | 0x2030..=0x205E
            | 0x2E00..=0x2E4F
            | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0x30FB
            | 0xFE10..=0xFE19 | 0xFE30..=0xFE4F | 0xFE50..=0xFE6B
            | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A | 0xFF0C..=0xFF0F | 0xFF1A..=0xFF1B | 0xFF1F..=0xFF20
            | 0xFF3B..=0xFF3D | 0xFF3F | 0xFF5B | 0xFF5D | 0xFF5F..=0xFF65
    )
}

/// Opening brackets and quotes that are only ever opening.
pub(crate) fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '„'
            | '‚'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '（'
            | '［'
            | '｛'
    )
}

/// Closing brackets and quotes that are only ever closing.
pub(crate) fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '”'
            | '’'
            | '»'
            | '›'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '）'
            | '］'
            | '｝'
    )
}

/// Quotes that open or close depending on where they stand.
pub(crate) fn is_ambiguous_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '`' | '＂' | '＇')
}

/// Characters that end a sentence (a run of periods is an ellipsis and ends one too).
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '。'
            | '！'
            | '？'
            | '．'
            | '؟'
            | '۔'
            | '।'
            | '॥'
    )
}

/// Terminators of scripts written without spaces: they end a sentence even with no space after.
pub(crate) fn is_unspaced_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '．')
}

/// Dashes that separate tokens ("JERUSALEM — Israeli ..."); the ASCII hyphen is handled apart,
/// because a single one joins words and two or more are a dash.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2012}'..='\u{2015}' | '\u{2E3A}' | '\u{2E3B}' | '\u{FE58}' | '\u{FE63}'
    )
}

/// Hyphens that join the parts of a word ("Chinese-led", "1996-08-22").
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Apostrophes: straight and the typographic right single quote (U+2019), which news sites use.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Characters that start an emoji (or other pictographic symbol) sequence.
pub(crate) fn is_emoji_base(c: char) -> bool {
    matches!(
        c as u32,
        0x00A9 | 0x00AE | 0x2122 | 0x2139
            | 0x2190..=0x21FF
            | 0x2300..=0x23FF
            | 0x24C2
            | 0x25A0..=0x27BF
            | 0x2900..=0x297F
            | 0x2B00..=0x2BFF
            | 0x3030 | 0x303D | 0x3297 | 0x3299
            | 0x1F000..=0x1FAFF
    )
}

/// Characters that extend the emoji before them: variation selectors, skin tones, keycap, tags.
pub(crate) fn is_emoji_extender(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF | 0x20E3 | 0xE0020..=0xE007F)
}

/// Flag emoji are pairs of these.
pub(crate) fn is_regional_indicator(c: char) -> bool {
    matches!(c as u32, 0x1F1E6..=0x1F1FF)
}
