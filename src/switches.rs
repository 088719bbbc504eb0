//! Rules switched off by name, for ablations: `annotate eval --without NAME[,NAME...]` measures
//! what a rule is worth. Every rule of the pipeline has a name (the `source` it writes on what it
//! makes); [`crate::Pipeline::set_rules_off`] checks the names against the registries.

use std::collections::BTreeSet;

/// Which rules are off; all are on by default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSwitches {
    off: BTreeSet<String>,
}

impl RuleSwitches {
    /// Every rule on.
    pub fn all_on() -> RuleSwitches {
        RuleSwitches::default()
    }

    /// These rules off, the others on.
    pub fn with_off<S: Into<String>>(names: impl IntoIterator<Item = S>) -> RuleSwitches {
        RuleSwitches {
            off: names.into_iter().map(Into::into).collect(),
        }
    }

    /// These switches with the rules `names` turned off as well.
    pub fn and_off<S: Into<String>>(&self, names: impl IntoIterator<Item = S>) -> RuleSwitches {
        let mut off = self.off.clone();
        off.extend(names.into_iter().map(Into::into));
        RuleSwitches { off }
    }

    /// Whether the rule called `name` runs.
    pub fn is_on(&self, name: &str) -> bool {
        self.off.is_empty() || !self.off.contains(name)
    }
}

/// A rule's reason for its place in its registry (`why_here`): the text in native builds (tests,
/// `annotate`), nothing in the wasm package, which never shows it and should not carry its bytes.
#[cfg(not(target_arch = "wasm32"))]
#[macro_export]
macro_rules! why_here {
    ($reason:literal) => {
        $reason
    };
}

/// See the native definition: the wasm package carries no reasons.
#[cfg(target_arch = "wasm32")]
#[macro_export]
macro_rules! why_here {
    ($reason:literal) => {
        ""
    };
}
