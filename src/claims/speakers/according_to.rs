//! Named attributions: "according to X" (rule 1 of the module docs) and "quoted X as saying".

use super::*;

/// "according to X", outside quotes: X, followed through title words.
pub(super) const ACCORDING_TO: &str = "according-to";

/// "It quoted him as saying ...", "the paper quoted X as saying": the one quoted.
pub(super) const QUOTED_AS_SAYING: &str = "quoted-as-saying";

impl Ctx<'_> {
    /// Rule 1.
    pub(super) fn according_to(
        &self,
        s0: usize,
        s1: usize,
        is_quoted: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut i = s0;
        while i + 1 < s1 {
            if self.word(i) == "according" && self.word(i + 1) == "to" && !is_quoted(i) {
                if let Some(e) = self.forward_name(i + 2, s1) {
                    return Some(e);
                }
            }
            i += 1;
        }
        None
    }

    /// The one a medium "quoted ... as saying", outside quotes: a name, or "him" / "her"
    /// resolved as a pronoun.
    pub(super) fn quoted_as_saying(
        &self,
        idx: usize,
        s0: usize,
        s1: usize,
        is_quoted: &dyn Fn(usize) -> bool,
        depth: usize,
    ) -> Option<usize> {
        let at = (s0..s1).find(|&i| self.word(i) == "quoted" && !is_quoted(i))?;
        let held = at + 1;
        let as_at = (held + 1..(held + 8).min(s1))
            .find(|&j| self.word(j) == "as" && self.word(j + 1) == "saying")?;
        if matches!(self.word(held).as_str(), "him" | "her") && as_at == held + 1 {
            return self.resolve_pronoun(idx, Want::Person, depth);
        }
        (held..as_at).find_map(|j| self.entity_at(j).filter(|&e| self.can_speak(e)))
    }
}
