//! Claim cue and speaker rules (`claims::cues`, `claims::speakers`): tables of sentences with
//! their expected cue text and speaker, on entities written by hand (byte offsets found in the
//! text), so the tests do not depend on the trained model.
//!
//! A speaker is checked as its cluster's fullest name: "Li" and "He" must resolve to the mention
//! "Li" or "Li Qiang", which share a cluster, and the check prints "Li Qiang".
//!
//! `news_set_speakers` (ignored: it needs `../shared`) measures the rules on the claim rows of the
//! labelled news set `data/claims/news_claims.tsv`, with the gold CoNLL entities (or the embedded
//! model's with `CLAIMS_MODEL=1`), on the splits in `CLAIMS_SPLITS` (default `train,dev`), and
//! prints every miss; `CLAIMS_DEBUG=train:739` also prints each sentence of one document with
//! its cue and speaker: `cargo test --test claims_rules news_set -- --ignored --nocapture`.

use article_annotator::claims::speakers::RULES;
use article_annotator::claims::{find_cue, find_speaker, find_speaker_with, rule_names, Cue};
use article_annotator::decode::clusters::{cluster, Mention};
use article_annotator::switches::RuleSwitches;
use article_annotator::tokens::{tokenize, Sentence, Token, TokenKind, Tokenized};
use article_annotator::Entity;
use proptest::prelude::*;

/// Entities for `mentions` (text, label), found in order in `text` at word boundaries, with
/// clusters from the crate's clustering.
fn entities(text: &str, mentions: &[(&str, &str)]) -> Vec<Entity> {
    let mut out = Vec::new();
    let mut from = 0;
    for (m, label) in mentions {
        let start = find_word(text, m, from)
            .unwrap_or_else(|| panic!("mention {m:?} not found after byte {from} in {text:?}"));
        out.push(Entity {
            start,
            end: start + m.len(),
            label: label.to_string(),
            score: 1.0,
            cluster: 0,
            source: article_annotator::annotations::FROM_MODEL,
        });
        from = start + m.len();
    }
    let words: Vec<Vec<&str>> = mentions
        .iter()
        .map(|(m, _)| m.split(' ').collect())
        .collect();
    let ms: Vec<Mention> = words
        .iter()
        .zip(mentions)
        .map(|(w, (_, label))| Mention {
            words: w.clone(),
            label,
        })
        .collect();
    for (e, (id, _)) in out.iter_mut().zip(cluster(&ms)) {
        e.cluster = id;
    }
    out
}

/// The first occurrence of `needle` at or after `from` with no letter or digit on either side.
fn find_word(text: &str, needle: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(p) = text.get(at..)?.find(needle) {
        let s = at + p;
        let e = s + needle.len();
        let before = text[..s]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after = text[e..].chars().next().is_some_and(char::is_alphanumeric);
        if !before && !after {
            return Some(s);
        }
        at = s + needle.len();
    }
    None
}

/// The fullest (longest) name in the cluster of entity `e`.
fn full_name(text: &str, ents: &[Entity], e: usize) -> String {
    let c = ents[e].cluster;
    ents.iter()
        .filter(|x| x.cluster == c)
        .map(|x| &text[x.start..x.end])
        .max_by_key(|s| s.len())
        .unwrap_or("")
        .to_string()
}

/// One case: a text, the sentence that holds `marker`, its expected cue text and speaker.
struct Case {
    name: &'static str,
    text: &'static str,
    mentions: &'static [(&'static str, &'static str)],
    marker: &'static str,
    cue: Option<&'static str>,
    speaker: Option<&'static str>,
}

/// Cue text and speaker name of the sentence holding `marker`.
fn run(text: &str, ents: &[Entity], marker: &str) -> (Option<String>, Option<String>) {
    let t = tokenize(text);
    let at = text
        .find(marker)
        .unwrap_or_else(|| panic!("marker {marker:?} not in {text:?}"));
    let idx = t
        .sentences
        .iter()
        .position(|s| s.start <= at && at < s.end)
        .unwrap_or_else(|| panic!("no sentence holds {marker:?}"));
    let cue = find_cue(text, &t.tokens, &t.sentences[idx]);
    let speaker = find_speaker(text, &t, ents, idx, cue.as_ref());
    (
        cue.map(|c| c.text(text).to_string()),
        speaker.map(|s| match s.entity {
            Some(e) => full_name(text, ents, e),
            None => text[s.start..s.end].to_string(),
        }),
    )
}

fn check(cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let ents = entities(c.text, c.mentions);
        let (cue, speaker) = run(c.text, &ents, c.marker);
        let want_cue = c.cue.map(str::to_string);
        let want_speaker = c.speaker.map(str::to_string);
        if cue != want_cue || speaker != want_speaker {
            failures.push(format!(
                "{}: {:?}\n   expected cue {want_cue:?}, speaker {want_speaker:?}\n        got cue {cue:?}, speaker {speaker:?}",
                c.name, c.marker
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Cues
// ---------------------------------------------------------------------------------------------

/// (sentence, expected cue text).
const CUES: &[(&str, Option<&str>)] = &[
    ("Li Qiang has called for a unified approach.", Some("called for")),
    ("The union called on Saturday for a general strike.", Some("called on Saturday for")),
    ("The union called on the government to resign.", Some("called on")),
    ("Ministers URGED restraint.", Some("URGED")),
    ("Trump revealed plans to reduce regulations.", Some("revealed plans")),
    ("The bank plans to raise rates.", Some("plans to")),
    ("According to the ministry, prices will fall.", Some("According to")),
    ("Britain should act now, Smith said.", Some("said")),
    ("The country needs to invest more.", Some("needs to")),
    ("China Advocates for Global Cooperation on AI Regulations", Some("Advocates for")),
    ("\"We must act,\" she said.", Some("said")),
    ("\"We must act now.\"", Some("must")),
    (
        "While avoiding direct references to the United States, Li criticized monopolies.",
        Some("criticized"),
    ),
    (
        "Speaking after state media said talks were possible, Shen told Reuters the time was right.",
        Some("told"),
    ),
    ("The company criticised the ruling.", Some("criticised")),
    ("The company’s shares rose 5 percent.", None),
    ("Washington imposed restrictions on chip exports.", None),
    // "asked" puts a question or asks for anonymity: not a request.
    (
        "When asked whether the guards would leave, the official said it was not decided.",
        Some("said"),
    ),
    (
        "Asked what India would do, Gujral said the bridge would be crossed later.",
        Some("said"),
    ),
    (
        "The spokesman, who asked not to be identified, told Reuters the attack began at dawn.",
        Some("told"),
    ),
    ("The minister was asked at a news conference if the talks had failed.", None),
    ("The minister asked parliament to approve the budget.", Some("asked")),
    ("The union asked for a meeting with the minister.", Some("asked")),
    // A participle with its agent in a reduced relative only describes its noun.
    ("Iranian troops entered Iraq after an assault backed by Baghdad.", None),
    ("That strategy, backed up by intervention, helped the dollar.", None),
    ("The plan has been opposed by parties in the Senate.", Some("opposed")),
    ("France backed the plan.", Some("backed")),
    // "appeal(s)" naming a court.
    ("A U.S. appeals court gave Lloyd's a reprieve on Tuesday.", None),
    ("The case is pending before the Court of Appeals for the Ninth Circuit.", None),
    ("The union appeals for calm.", Some("appeals")),
    // Plans to travel, meet or speak: scheduling.
    ("He also planned to travel to Sarajevo next week.", None),
    ("The two leaders planned to speak to the media after the talks.", None),
    ("Israel plans to expand the settlement.", Some("plans to")),
];

#[test]
fn cues_longest_match_case_insensitive() {
    let mut failures = Vec::new();
    for (text, want) in CUES {
        let t = tokenize(text);
        let cue = t
            .sentences
            .first()
            .and_then(|s| find_cue(text, &t.tokens, s))
            .map(|c| c.text(text));
        if cue != *want {
            failures.push(format!("{text:?}: expected {want:?}, got {cue:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn cue_from_a_sentence_token_slice() {
    // A caller may pass the sentence's own tokens rather than the whole list.
    let text = "Prices rose. Officials urged calm.";
    let t = tokenize(text);
    let s = &t.sentences[1];
    let own = t.sentence_tokens(s);
    let cue = find_cue(text, own, s).map(|c| c.text(text));
    assert_eq!(cue, Some("urged"));
}

// ---------------------------------------------------------------------------------------------
// Speakers
// ---------------------------------------------------------------------------------------------

const SPEAKERS: &[Case] = &[
    Case {
        name: "pronoun she",
        text: "Chancellor Angela Merkel spoke in Berlin on Monday. She urged European leaders to agree on a common asylum policy.",
        mentions: &[("Angela Merkel", "PER"), ("Berlin", "LOC")],
        marker: "She urged",
        cue: Some("urged"),
        speaker: Some("Angela Merkel"),
    },
    Case {
        name: "pronoun it: an organisation",
        text: "Greenpeace staged a protest outside the summit in Paris. It demanded an end to coal subsidies.",
        mentions: &[("Greenpeace", "ORG"), ("Paris", "LOC")],
        marker: "It demanded",
        cue: Some("demanded"),
        speaker: Some("Greenpeace"),
    },
    Case {
        name: "according to",
        text: "According to the World Health Organization, governments should ban flavoured e-cigarettes.",
        mentions: &[("World Health Organization", "ORG")],
        marker: "According",
        cue: Some("According to"),
        speaker: Some("World Health Organization"),
    },
    Case {
        name: "according to, after the claim",
        text: "Tariffs on steel will be doubled next year, according to Commerce Secretary Gina Raimondo.",
        mentions: &[("Gina Raimondo", "PER")],
        marker: "Tariffs",
        cue: Some("according to"),
        speaker: Some("Gina Raimondo"),
    },
    Case {
        name: "trailing she said",
        text: "Trade Minister Mary Ng met her counterparts in Ottawa on Tuesday. \"We will not accept any new tariffs on our steel,\" she said.",
        mentions: &[("Mary Ng", "PER"), ("Ottawa", "LOC")],
        marker: "We will not",
        cue: Some("said"),
        speaker: Some("Mary Ng"),
    },
    Case {
        name: "quote, X said",
        text: "\"Washington must act now,\" Senator Elizabeth Warren said.",
        mentions: &[("Washington", "LOC"), ("Elizabeth Warren", "PER")],
        marker: "Washington",
        cue: Some("said"),
        speaker: Some("Elizabeth Warren"),
    },
    Case {
        name: "quote, said X",
        text: "\"Canada will cut emissions by half,\" said Environment Minister Steven Guilbeault.",
        mentions: &[("Canada", "LOC"), ("Steven Guilbeault", "PER")],
        marker: "Canada",
        cue: Some("said"),
        speaker: Some("Steven Guilbeault"),
    },
    Case {
        name: "X said: quote",
        text: "Chilean Ambassador Juan Somavia said: \"We must not send a signal different from the African leaders.\"",
        mentions: &[("Juan Somavia", "PER")],
        marker: "Chilean",
        cue: Some("said"),
        speaker: Some("Juan Somavia"),
    },
    Case {
        name: "organisation as speaker",
        text: "The European Commission on Thursday proposed a ban on single-use plastics.",
        mentions: &[("European Commission", "ORG")],
        marker: "proposed",
        cue: Some("proposed"),
        speaker: Some("European Commission"),
    },
    Case {
        name: "the company said: the latest organisation",
        text: "Siemens reported higher orders in Germany. The company said it would cut 2,000 jobs.",
        mentions: &[("Siemens", "ORG"), ("Germany", "LOC")],
        marker: "The company",
        cue: Some("said"),
        speaker: Some("Siemens"),
    },
    Case {
        name: "an institution named inside the subject",
        text: "A Foreign Office spokesman said Britain would expel the diplomats.",
        mentions: &[("Foreign Office", "ORG"), ("Britain", "LOC")],
        marker: "spokesman",
        cue: Some("said"),
        speaker: Some("Foreign Office"),
    },
    Case {
        name: "country as speaker",
        text: "Japan vowed to retaliate against the new duties on its cars.",
        mentions: &[("Japan", "LOC")],
        marker: "Japan",
        cue: Some("vowed"),
        speaker: Some("Japan"),
    },
    Case {
        name: "country after a time phrase",
        text: "China on Thursday accused Taipei of spoiling the atmosphere for talks.",
        mentions: &[("China", "LOC"), ("Taipei", "LOC")],
        marker: "China",
        cue: Some("accused"),
        speaker: Some("China"),
    },
    Case {
        name: "no speaker: critics",
        text: "Critics said the plan would hurt small businesses in Ohio.",
        mentions: &[("Ohio", "LOC")],
        marker: "Critics",
        cue: Some("said"),
        speaker: None,
    },
    Case {
        name: "no speaker: a place in a prepositional phrase",
        text: "Diplomats in Beijing urged restraint on both sides.",
        mentions: &[("Beijing", "LOC")],
        marker: "Diplomats",
        cue: Some("urged"),
        speaker: None,
    },
    Case {
        name: "passive agent",
        text: "The death sentence was condemned by Amnesty International.",
        mentions: &[("Amnesty International", "ORG")],
        marker: "condemned",
        cue: Some("condemned"),
        speaker: Some("Amnesty International"),
    },
    Case {
        name: "appositive with a place",
        text: "Foreign Secretary Malcolm Rifkind arrived in Islamabad. Rifkind, in Pakistan for a visit, told Reuters that Britain would not ban the meeting.",
        mentions: &[
            ("Malcolm Rifkind", "PER"),
            ("Islamabad", "LOC"),
            ("Rifkind", "PER"),
            ("Pakistan", "LOC"),
            ("Reuters", "ORG"),
            ("Britain", "LOC"),
        ],
        marker: "in Pakistan",
        cue: Some("told"),
        speaker: Some("Malcolm Rifkind"),
    },
    Case {
        name: "appositive name",
        text: "Botswana's envoy, Mothusi Nkgowe, said coups should be relegated to history.",
        mentions: &[("Botswana", "LOC"), ("Mothusi Nkgowe", "PER")],
        marker: "envoy",
        cue: Some("said"),
        speaker: Some("Mothusi Nkgowe"),
    },
    Case {
        name: "relative clause",
        text: "Moscow, which wants to keep Chechnya part of Russia, sent more troops.",
        mentions: &[("Moscow", "LOC"), ("Chechnya", "LOC"), ("Russia", "LOC")],
        marker: "Moscow",
        cue: Some("wants"),
        speaker: Some("Moscow"),
    },
    Case {
        name: "coordinated cue",
        text: "Banharn denied the accusations and said he was ready to face parliament.",
        mentions: &[("Banharn", "PER")],
        marker: "Banharn",
        cue: Some("said"),
        speaker: Some("Banharn"),
    },
    Case {
        name: "bare surname that is not an entity",
        text: "Union leader Stefan Raichev spoke in Sofia. Raichev said the strike would go ahead.",
        mentions: &[("Stefan Raichev", "PER"), ("Sofia", "LOC")],
        marker: "Raichev said",
        cue: Some("said"),
        speaker: Some("Stefan Raichev"),
    },
    Case {
        name: "headline subject with no cue",
        text: "Germany to Phase Out Coal by 2038",
        mentions: &[("Germany", "LOC")],
        marker: "Germany",
        cue: None,
        speaker: Some("Germany"),
    },
    Case {
        name: "several actors: the first named",
        text: "Slovenia and Poland pledged to open their markets.",
        mentions: &[("Slovenia", "LOC"), ("Poland", "LOC")],
        marker: "pledged",
        cue: Some("pledged"),
        speaker: Some("Slovenia"),
    },
    Case {
        name: "infinitive after the subject",
        text: "Russia and the United States appeared to support the proposal.",
        mentions: &[("Russia", "LOC"), ("United States", "LOC")],
        marker: "appeared",
        cue: Some("support"),
        speaker: Some("Russia"),
    },
    Case {
        name: "a spokesman for X",
        text: "A spokesman for Masood said the factions should agree on a transitional leader.",
        mentions: &[("Masood", "PER")],
        marker: "spokesman",
        cue: Some("said"),
        speaker: Some("Masood"),
    },
    Case {
        name: "a name in apposition before an owner noun",
        text: "Nawaz Sharif, leader of the Pakistan Muslim League told a rally the government must go.",
        mentions: &[("Nawaz Sharif", "PER"), ("Pakistan Muslim League", "ORG")],
        marker: "leader",
        cue: Some("told"),
        speaker: Some("Nawaz Sharif"),
    },
    Case {
        name: "participle after a comma",
        text: "China on Tuesday reaffirmed its support for the test ban treaty, saying it was an important step.",
        mentions: &[("China", "LOC")],
        marker: "reaffirmed",
        cue: Some("reaffirmed"),
        speaker: Some("China"),
    },
    Case {
        name: "fronted participle",
        text: "Accusing Prime Minister Benjamin Netanyahu of stupidity, Arafat launched his strongest attack yet.",
        mentions: &[("Benjamin Netanyahu", "PER"), ("Arafat", "PER")],
        marker: "Accusing",
        cue: Some("Accusing"),
        speaker: Some("Arafat"),
    },
    Case {
        name: "a clause after a preposition",
        text: "News of the trip came after Baker trashed the administration's Syria policy.",
        mentions: &[("Baker", "PER"), ("Syria", "LOC")],
        marker: "Baker",
        cue: Some("trashed"),
        speaker: Some("Baker"),
    },
    Case {
        name: "passive with no agent: nobody",
        text: "China has been accused of a wide range of abuses.",
        mentions: &[("China", "LOC")],
        marker: "accused",
        cue: Some("accused"),
        speaker: None,
    },
    Case {
        name: "the paper quoted X as saying",
        text: "State media quoted China's top negotiator with Taipei, Tang Shubei, as saying it was time for talks.",
        mentions: &[("China", "LOC"), ("Taipei", "LOC"), ("Tang Shubei", "PER")],
        marker: "State media",
        cue: Some("quoted"),
        speaker: Some("Tang Shubei"),
    },
    Case {
        name: "said the spokesman, X",
        text: "\"America wants to block a strong government in Kabul,\" said the spokesman, Hamid Ibrahimi.",
        mentions: &[("America", "LOC"), ("Kabul", "LOC"), ("Hamid Ibrahimi", "PER")],
        marker: "America",
        cue: Some("said"),
        speaker: Some("Hamid Ibrahimi"),
    },
    Case {
        name: "a relayed commitment",
        text: "Sri Lanka said on Friday the United States had promised to stamp out illegal fundraising.",
        mentions: &[("Sri Lanka", "LOC"), ("United States", "LOC")],
        marker: "Sri Lanka",
        cue: Some("said"),
        speaker: Some("United States"),
    },
    Case {
        name: "own side reported: the reporter",
        text: "Fox, who arrived in Bangladesh on Tuesday, said Britain wanted Dhaka to act seriously.",
        mentions: &[("Fox", "PER"), ("Bangladesh", "LOC"), ("Britain", "LOC"), ("Dhaka", "LOC")],
        marker: "Fox",
        cue: Some("said"),
        speaker: Some("Fox"),
    },
    Case {
        name: "a trailing attribution when the cue has no subject",
        text: "Plans to cut the deficit make a useful contribution to savings, the Reserve Bank of Australia said.",
        mentions: &[("Reserve Bank of Australia", "ORG")],
        marker: "deficit",
        cue: Some("Plans to"),
        speaker: Some("Reserve Bank of Australia"),
    },
    Case {
        name: "a trailing attribution with an acronym in brackets",
        text: "Plans to cut the deficit make a useful contribution to savings, the Reserve Bank of Australia (RBA) said in its annual report.",
        mentions: &[("Reserve Bank of Australia", "ORG"), ("RBA", "ORG")],
        marker: "deficit",
        cue: Some("Plans to"),
        speaker: Some("Reserve Bank of Australia"),
    },
    Case {
        name: "a subject with an acronym in brackets",
        text: "Oil prices will stay high, the Organization of the Petroleum Exporting Countries (OPEC) warned on Monday.",
        mentions: &[("Organization of the Petroleum Exporting Countries", "ORG"), ("OPEC", "ORG")],
        marker: "Oil",
        cue: Some("warned"),
        speaker: Some("Organization of the Petroleum Exporting Countries"),
    },
    Case {
        name: "a participle whose clause opens with a name the tagger missed",
        text: "But Suu Kyi disagreed with the methods, saying officials should stop arresting NLD supporters at night.",
        mentions: &[("NLD", "ORG")],
        marker: "officials",
        cue: Some("saying"),
        speaker: Some("Suu Kyi"),
    },
    Case {
        name: "a verb in a list of verbs has the first one's subject",
        text: "Gore ridiculed Dole's defence of the tobacco industry, praised Clinton for his courage and urged voters to back stricter rules.",
        mentions: &[("Gore", "PER"), ("Dole", "PER"), ("Clinton", "PER")],
        marker: "voters",
        cue: Some("praised"),
        speaker: Some("Gore"),
    },
    Case {
        name: "one word the tagger missed that the document writes as a name",
        text: "Guards escaped from the Taleban militia last week. Taleban said the guards should be sent back to Kandahar.",
        mentions: &[("Kandahar", "LOC")],
        marker: "guards should",
        cue: Some("said"),
        speaker: Some("Taleban"),
    },
    Case {
        name: "one capitalised word opening the sentence is no name when the document writes it in lower case",
        text: "Critics of the plan met on Monday. The critics were many. Critics said the city should drop the plan.",
        mentions: &[],
        marker: "city should",
        cue: Some("said"),
        speaker: None,
    },
    Case {
        name: "a headline that names its source at the end",
        text: "Budget cuts to boost Australia savings - RBA.",
        mentions: &[("Australia", "LOC"), ("RBA", "ORG")],
        marker: "Budget",
        cue: None,
        speaker: Some("RBA"),
    },
    Case {
        name: "a cue word that is a name",
        text: "Said, a U.S. citizen of Palestinian origin, has long opposed the deal.",
        mentions: &[("Said", "PER"), ("U.S.", "LOC")],
        marker: "citizen",
        cue: Some("Said"),
        speaker: Some("Said"),
    },
    Case {
        name: "a noun, not a cue",
        text: "Unions protested at the proposed privatization of Alucasa.",
        mentions: &[("Alucasa", "ORG")],
        marker: "Unions",
        cue: Some("protested"),
        speaker: None,
    },
    Case {
        name: "no entity at all",
        text: "Officials said the talks would resume.",
        mentions: &[],
        marker: "Officials",
        cue: Some("said"),
        speaker: None,
    },
    Case {
        name: "a group named by a nationality word",
        text: "The talks stalled. Norwegian farmers demanded that the quota be lifted.",
        mentions: &[],
        marker: "Norwegian",
        cue: Some("demanded"),
        speaker: Some("Norwegian farmers"),
    },
    Case {
        name: "a generic capitalised word names no group",
        text: "Senior officials urged calm in the capital.",
        mentions: &[],
        marker: "Senior",
        cue: Some("urged"),
        speaker: None,
    },
    Case {
        name: "a place's group speaks as the group",
        text: "Chile 's opposition parties called for a recount in Santiago.",
        mentions: &[("Chile", "LOC"), ("Santiago", "LOC")],
        marker: "opposition",
        cue: Some("called for"),
        speaker: Some("Chile 's opposition parties"),
    },
    Case {
        name: "the government of a named place",
        text: "The Peru government rejected the offer from Lima traders.",
        mentions: &[("Peru", "LOC"), ("Lima", "LOC")],
        marker: "rejected",
        cue: Some("rejected"),
        speaker: Some("Peru government"),
    },
    Case {
        name: "an organisation's members speak for it",
        text: "Assembly members urged the mayor to resign.",
        mentions: &[("Assembly", "ORG")],
        marker: "urged",
        cue: Some("urged"),
        speaker: Some("Assembly"),
    },
    Case {
        name: "a people's name",
        text: "Crowds gathered in the square. The Basques want a referendum on autonomy.",
        mentions: &[],
        marker: "Basques",
        cue: Some("want"),
        speaker: Some("Basques"),
    },
    Case {
        name: "a headline opened by a group",
        text: "Kenyan teachers strike over pay.",
        mentions: &[],
        marker: "teachers",
        cue: None,
        speaker: Some("Kenyan teachers"),
    },
    Case {
        name: "a headline opened by a place's group",
        text: "Oslo bus workers to walk out.",
        mentions: &[("Oslo", "LOC")],
        marker: "bus",
        cue: None,
        speaker: Some("Oslo bus workers"),
    },
    Case {
        name: "a relayed plan behind a relative clause",
        text: "Mayor Ana Lopes said Governor Rui Costa , who is abroad , would veto the budget.",
        mentions: &[("Ana Lopes", "PER"), ("Rui Costa", "PER")],
        marker: "veto",
        cue: Some("said"),
        speaker: Some("Rui Costa"),
    },
    Case {
        name: "a relayed group's plan",
        text: "The radio said the Chilean government would raise fuel prices.",
        mentions: &[],
        marker: "radio",
        cue: Some("said"),
        speaker: Some("Chilean government"),
    },
    Case {
        name: "the reporter's own advocacy is not relayed",
        text: "Ana Lopes said Peru must raise fuel prices.",
        mentions: &[("Ana Lopes", "PER"), ("Peru", "LOC")],
        marker: "must",
        cue: Some("said"),
        speaker: Some("Ana Lopes"),
    },
    Case {
        name: "he goes on with the person who opened the sentence before",
        text: "Ambassador Myles Ford said the move was welcome. Ernesto Sampaio , who weathered a long crisis , appeared less than enthusiastic. \"Extradition is not on the agenda,\" he told reporters.",
        mentions: &[("Myles Ford", "PER"), ("Ernesto Sampaio", "PER")],
        marker: "Extradition",
        cue: Some("told"),
        speaker: Some("Ernesto Sampaio"),
    },
    Case {
        name: "an office holder named in a later sentence",
        text: "The chairman of national carrier Air Tanzania on Thursday blamed the control tower for the accident. Twenty people were injured. Chairman Mohamed Rayyan told a news conference the tower had erred.",
        mentions: &[("Air Tanzania", "ORG"), ("Mohamed Rayyan", "PER")],
        marker: "blamed",
        cue: Some("blamed"),
        speaker: Some("Mohamed Rayyan"),
    },
    Case {
        name: "an office holder with nobody named later: the owner",
        text: "An Air Tanzania spokesman blamed the control tower. The government said it would investigate.",
        mentions: &[("Air Tanzania", "ORG")],
        marker: "blamed",
        cue: Some("blamed"),
        speaker: Some("Air Tanzania"),
    },
    Case {
        name: "a person's name the tagger missed",
        text: "Khin Nu said the arrests were illegal.",
        mentions: &[],
        marker: "arrests",
        cue: Some("said"),
        speaker: Some("Khin Nu"),
    },
    Case {
        name: "she: a person's name the tagger missed",
        text: "Khin Nu said the arrests were illegal. Her aide Win Htay was jailed in May. \"Their families are not told,\" she said.",
        mentions: &[("Win Htay", "PER")],
        marker: "Their families",
        cue: Some("said"),
        speaker: Some("Khin Nu"),
    },
    Case {
        name: "an office is no missed name",
        text: "Foreign Ministry said the talks would resume.",
        mentions: &[],
        marker: "talks",
        cue: Some("said"),
        speaker: None,
    },
    Case {
        name: "a definite institution with no earlier mention is itself the speaker",
        text: "The commission urged parliament to act quickly.",
        mentions: &[],
        marker: "urged",
        cue: Some("urged"),
        speaker: Some("commission"),
    },
    Case {
        name: "a progressive is no passive",
        text: "The government had been threatening to fire the strikers.",
        mentions: &[],
        marker: "threatening",
        cue: Some("threatening"),
        speaker: Some("government"),
    },
    Case {
        name: "a surname after the cue",
        text: "Liam Fox arrived on Tuesday. \"This is an important issue in our relationship\" , said Fox , who leaves on Friday.",
        mentions: &[("Liam Fox", "PER")],
        marker: "important issue",
        cue: Some("said"),
        speaker: Some("Liam Fox"),
    },
    Case {
        name: "a headline that names nobody takes the lead's speaker",
        text: "New bomb attacks on Corsica despite crackdown vow .\nAJACCIO 1996-08-29\nParis vowed on Thursday to crack down on the separatists .",
        mentions: &[("Corsica", "LOC"), ("AJACCIO", "LOC"), ("Paris", "LOC")],
        marker: "New bomb",
        cue: Some("vow"),
        speaker: Some("Paris"),
    },
    Case {
        name: "a lead paragraph on a line of its own is no headline",
        text: "Nvidia shares rose 4% on Wednesday after the chipmaker reported record quarterly revenue of $35.1 billion, beating Wall Street estimates, as demand for its chips kept growing.\nJensen Huang said demand was insane.",
        mentions: &[("Nvidia", "ORG"), ("Wall Street", "LOC"), ("Jensen Huang", "PER")],
        marker: "shares rose",
        // (The noun "demand" reads as a cue; what matters here is the speaker.)
        cue: Some("demand"),
        speaker: None,
    },
    Case {
        name: "an organisation introduced unnamed, named in the next sentence",
        text: "A refugee lobby group urged calm in the camps. The Rally for Return ( RFR ) urged aid workers to explain the census.",
        mentions: &[("Rally for Return", "ORG"), ("RFR", "ORG")],
        marker: "lobby",
        cue: Some("urged"),
        speaker: Some("Rally for Return"),
    },
    Case {
        name: "the statement's issuer",
        text: "Minister Anil Gupta said in a written statement that the treaty was unfair. \"The nuclear powers show no interest in disarmament,\" the statement said.",
        mentions: &[("Anil Gupta", "PER")],
        marker: "nuclear powers",
        cue: Some("said"),
        speaker: Some("Anil Gupta"),
    },
    Case {
        name: "a quote closed by \"he said\" does not resolve through itself",
        text: "Council President Tono Ruiz said members were concerned. The letter from Omar Haddad said the demolition was illegal. \"The city must stop these plans.\" \"We expect a firm position,\" he said.",
        mentions: &[("Tono Ruiz", "PER"), ("Omar Haddad", "PER")],
        marker: "We expect",
        cue: Some("said"),
        speaker: Some("Omar Haddad"),
    },
    Case {
        name: "a news agency reporting an actor's action is not its speaker",
        text: "President Jiang Zemin offered his support to the plan on Monday , the official Xinhua news agency said .",
        mentions: &[("Jiang Zemin", "PER"), ("Xinhua", "ORG")],
        marker: "offered",
        cue: Some("said"),
        speaker: Some("Jiang Zemin"),
    },
    Case {
        name: "a country's newspaper is a medium: the actor it reports holds the position",
        text: "Israeli President Ezer Weizman has invited Yasser Arafat to meet him at his home , Israel 's biggest newspaper said on Sunday .",
        mentions: &[("Ezer Weizman", "PER"), ("Yasser Arafat", "PER"), ("Israel", "LOC")],
        marker: "invited",
        cue: Some("said"),
        speaker: Some("Ezer Weizman"),
    },
    Case {
        name: "a medium's report crosses a phrase that places its actor",
        text: "The Dow Chemical Co of the United States will invest $ 4 billion to build an ethylene plant , the China Daily said on Saturday .",
        mentions: &[("Dow Chemical Co", "ORG"), ("United States", "LOC"), ("China Daily", "ORG")],
        marker: "invest",
        cue: Some("said"),
        speaker: Some("Dow Chemical Co"),
    },
    Case {
        name: "a quotation a medium closes is its own commentary",
        text: "\" Israel could not confront a united Arab stand , \" Damascus radio said .",
        mentions: &[("Israel", "LOC"), ("Damascus", "LOC")],
        marker: "confront",
        cue: Some("said"),
        speaker: Some("Damascus"),
    },
    Case {
        name: "a quotation a medium closes may report an actor's stance",
        text: "\" President Saddam Hussein stressed Iraq 's keenness to maintain friendship with Russia , \" the papers said .",
        mentions: &[("Saddam Hussein", "PER"), ("Iraq", "LOC"), ("Russia", "LOC")],
        marker: "keenness",
        cue: Some("said"),
        speaker: Some("Saddam Hussein"),
    },
    Case {
        name: "a quotation in a sentence's second half leaves no quote open after it",
        text: "Prime minister Sidia Toure took office last month .\nKaba told reporters the wage bill was half of spending , \" whereas the acceptable proportion is one third \" .\nToure , who took office last month , has said he plans to cut public service spending by 30 percent .",
        mentions: &[("Sidia Toure", "PER"), ("Kaba", "PER"), ("Toure", "PER")],
        marker: "plans",
        cue: Some("said"),
        speaker: Some("Sidia Toure"),
    },
    Case {
        name: "an unnamed reporter relays the stance of the actor it names",
        text: "Beijing has called on Seoul to stop South Korean missionaries from travelling to China , a South Korean embassy spokesman said on Tuesday .",
        mentions: &[("Beijing", "LOC"), ("Seoul", "LOC"), ("South Korean", "MISC"), ("China", "LOC"), ("South Korean", "MISC")],
        marker: "missionaries",
        cue: Some("said"),
        speaker: Some("Beijing"),
    },
    Case {
        name: "one quoted as saying by a medium is the one quoted",
        text: "\" It is hoped that breeders will abide by the laws , \" Health Minister Chua Jui Meng was quoted as saying by the national Bernama news agency .",
        mentions: &[("Chua Jui Meng", "PER"), ("Bernama", "ORG")],
        marker: "breeders",
        cue: Some("quoted as saying"),
        speaker: Some("Chua Jui Meng"),
    },
    Case {
        name: "a newspaper saying an actor will act gives the actor",
        text: "The China Daily said Beijing would ban plastic boxes from next month .",
        mentions: &[("China Daily", "ORG"), ("Beijing", "LOC")],
        marker: "ban",
        cue: Some("said"),
        speaker: Some("Beijing"),
    },
    Case {
        name: "a relayed refusal is the refusing actor's",
        text: "Embassy official Anton Schutte said the Dutch government had ruled out paying any ransom .",
        mentions: &[("Anton Schutte", "PER")],
        marker: "ransom",
        cue: Some("said"),
        speaker: Some("Dutch government"),
    },
    Case {
        name: "an agency that is no medium keeps its own report",
        text: "The International Atomic Energy Agency said Iran would allow inspectors into the plant .",
        mentions: &[("International Atomic Energy Agency", "ORG"), ("Iran", "LOC")],
        marker: "inspectors",
        cue: Some("said"),
        speaker: Some("International Atomic Energy Agency"),
    },
    Case {
        name: "a newspaper's commentary is its own voice",
        text: "The China Daily ran a commentary on Tokyo . \"Japan must apologise for its past , \" the commentary said .",
        mentions: &[("China Daily", "ORG"), ("Tokyo", "LOC"), ("Japan", "LOC")],
        marker: "must",
        cue: Some("said"),
        speaker: Some("China Daily"),
    },
    Case {
        name: "the plural noun of a group named earlier",
        text: "Bulgarian air traffic controllers will strike on Monday . The controllers are demanding higher wages .",
        mentions: &[],
        marker: "higher wages",
        cue: Some("demanding"),
        speaker: Some("Bulgarian air traffic controllers"),
    },
    Case {
        name: "a sentence opening with a conjunction",
        text: "But Bosnian Serb leaders have hinted they would boycott the poll .",
        mentions: &[],
        marker: "hinted",
        cue: None,
        speaker: Some("Bosnian Serb leaders"),
    },
    Case {
        name: "a cue used as a noun gives the clause's subject",
        text: "China has publicly thanked Gabon for its strong support at the commission .",
        mentions: &[("China", "LOC"), ("Gabon", "LOC")],
        marker: "thanked",
        cue: Some("support"),
        speaker: Some("China"),
    },
    Case {
        name: "a cue after \"this week\" is a noun too: the clause's subject holds it",
        text: "Lebed , who has arranged a truce with rebels , was in Moscow this week seeking support for a deal on Chechnya .",
        mentions: &[("Lebed", "PER"), ("Moscow", "LOC"), ("Chechnya", "LOC")],
        marker: "seeking",
        cue: Some("support"),
        speaker: Some("Lebed"),
    },
    Case {
        name: "a title with \"of\" before a name is no phrase that holds it",
        text: "Member of Parliament Tony Marlow said the chancellor had to resign .",
        mentions: &[("Tony Marlow", "PER")],
        marker: "said",
        cue: Some("said"),
        speaker: Some("Tony Marlow"),
    },
    Case {
        name: "a pronoun after the sentence's opening person is that person",
        text: "Marlow said the chancellor must go . Clarke denied on Thursday he had threatened to resign .",
        mentions: &[("Marlow", "PER"), ("Clarke", "PER")],
        marker: "denied",
        cue: Some("threatened"),
        speaker: Some("Clarke"),
    },
    Case {
        name: "a quotation opening on the relayed verb still relays the actor",
        text: "White House spokesman Mike McCurry said Clinton \" plans to hold regular news conferences \" in his second term .",
        mentions: &[("White House", "ORG"), ("Mike McCurry", "PER"), ("Clinton", "PER")],
        marker: "McCurry said",
        cue: Some("said"),
        speaker: Some("Clinton"),
    },
    Case {
        name: "\"quoted him as saying\" is the one quoted",
        text: "Livshits spoke to the agency on Friday . The agency quoted him as saying Norilsk should pay its wage arrears first .",
        mentions: &[("Livshits", "PER"), ("Norilsk", "ORG")],
        marker: "quoted",
        cue: Some("quoted"),
        speaker: Some("Livshits"),
    },
    Case {
        name: "a participle's agent after \"by\" speaks, with no \"be\" before it",
        text: "Switzerland stands accused by Senator Alfonse D'Amato of agreeing to give money to Poland .",
        mentions: &[("Switzerland", "LOC"), ("Alfonse D'Amato", "PER"), ("Poland", "LOC")],
        marker: "accused",
        cue: Some("accused"),
        speaker: Some("Alfonse D'Amato"),
    },
    Case {
        name: "a quote continued over paragraphs keeps its unnamed speaker",
        text: "\" We will sell more grain , \" Borkus said .\nFarms will last , said one private farmer : \" In the future , maybe .\n\" Collectivisation brought us a lot of pain .\nPrivatising too quickly can also have a negative outcome . \"",
        mentions: &[("Borkus", "PER")],
        marker: "Privatising",
        cue: None,
        speaker: None,
    },
    Case {
        name: "a sentence after a quote continued over paragraphs is not quoted",
        text: "Arafat 's adviser Nabil Abu Rdainah said :\n\" President Arafat is ready to meet .\n\" A meeting should come after the negotiations .\nEspecially since the issues are not resolved . \"\nBut Rdainah said Arafat would go to Cairo .\nEgypt 's adviser Osama el-Baz said there were efforts to arrange a meeting .",
        mentions: &[("Arafat", "PER"), ("Nabil Abu Rdainah", "PER"), ("Arafat", "PER"), ("Rdainah", "PER"), ("Arafat", "PER"), ("Cairo", "LOC"), ("Egypt", "LOC"), ("Osama el-Baz", "PER")],
        marker: "el-Baz said",
        cue: Some("said"),
        speaker: Some("Osama el-Baz"),
    },
    Case {
        name: "a quoted paragraph opening with a named subject states that actor's position",
        text: "Arafat 's adviser Nabil Abu Rdainah said :\n\" President Arafat is ready to meet Prime Minister Netanyahu but no date has been set .",
        mentions: &[("Arafat", "PER"), ("Nabil Abu Rdainah", "PER"), ("Arafat", "PER"), ("Netanyahu", "PER")],
        marker: "ready",
        cue: Some("ready to"),
        speaker: Some("Arafat"),
    },
    Case {
        name: "a member of a party is the member the article names next",
        text: "A Euro-sceptic member of the ruling Conservative party said on Thursday the chancellor had to resign . Member of Parliament Tony Marlow said it was the only way .",
        mentions: &[("Conservative", "ORG"), ("Tony Marlow", "PER")],
        marker: "party said",
        cue: Some("said"),
        speaker: Some("Tony Marlow"),
    },
    Case {
        name: "an actor's stance noun opening the sentence gives the actor",
        text: "British Airways 's initial response was that \" the divestiture of slots is unprecedented and must be at market value . \"",
        mentions: &[("British Airways", "ORG")],
        marker: "response",
        cue: Some("must"),
        speaker: Some("British Airways"),
    },
    Case {
        name: "a short quotation inside the clause does not end the subject's search",
        text: "Former Prime Minister Shimon Peres , calling Lahd \" a great Lebanese patriot \" , said Lebanon had insulted the commander .",
        mentions: &[("Shimon Peres", "PER"), ("Lahd", "PER"), ("Lebanon", "LOC")],
        marker: "said",
        cue: Some("said"),
        speaker: Some("Shimon Peres"),
    },
    Case {
        name: "an acronym in brackets is part of the subject's phrase",
        text: "The Palestine Liberation Organisation ( PLO ) negotiators said the talks had been meaningless .",
        mentions: &[("Palestine Liberation Organisation", "ORG"), ("PLO", "ORG")],
        marker: "said",
        cue: Some("said"),
        speaker: Some("Palestine Liberation Organisation"),
    },
    Case {
        name: "a relayed stance in the present tense relays its actor",
        text: "U.S. says Iraqi Kurds agree ceasefire .",
        mentions: &[("U.S.", "LOC")],
        marker: "says",
        cue: Some("says"),
        speaker: Some("Iraqi Kurds"),
    },
    Case {
        name: "an organisation's name in apposition to the noun before it speaks",
        text: "The party , the Democratic Left Alliance , says the treaty gives the church too much influence .",
        mentions: &[("Democratic Left Alliance", "ORG")],
        marker: "says",
        cue: Some("says"),
        speaker: Some("Democratic Left Alliance"),
    },
    Case {
        name: "a spokesman for a person is the spokesman the article names next",
        text: "A spokesman for Prime Minister Gulbuddin Hekmatyar expressed concern at the plan . Spokesman Hamid Ibrahimi said the talks would fail .",
        mentions: &[("Gulbuddin Hekmatyar", "PER"), ("Hamid Ibrahimi", "PER")],
        marker: "expressed",
        cue: Some("expressed concern"),
        speaker: Some("Hamid Ibrahimi"),
    },
    Case {
        name: "a headline's office holder is the person the lead names",
        text: "Ecuador president to lunch with ethnic Indians .\nQUITO 1996-08-22\nPresident Abdala Bucaram said he would share a meal with Indian leaders .",
        mentions: &[("Ecuador", "LOC"), ("QUITO", "LOC"), ("Abdala Bucaram", "PER")],
        marker: "to lunch",
        cue: None,
        speaker: Some("Abdala Bucaram"),
    },
    Case {
        name: "a definite group with no name is itself the speaker",
        text: "The hijackers threatened to blow up the plane unless they were taken to London .",
        mentions: &[("London", "LOC")],
        marker: "threatened",
        cue: Some("threatened"),
        speaker: Some("hijackers"),
    },
    Case {
        name: "but officials are no named group",
        text: "The officials threatened to close the border .",
        mentions: &[],
        marker: "threatened",
        cue: Some("threatened"),
        speaker: None,
    },
    Case {
        name: "a headline's possessive opens with the person after it",
        text: "Khmer Rouge 's Ieng Sary confirms break with Pol Pot .",
        mentions: &[("Khmer Rouge", "ORG"), ("Ieng Sary", "PER"), ("Pol Pot", "PER")],
        marker: "confirms",
        cue: None,
        speaker: Some("Ieng Sary"),
    },
];

#[test]
fn speaker_rules() {
    check(SPEAKERS);
}

/// A quoted paragraph with its attribution, a quoted sentence with none, then "He added".
const QUOTED_PARAGRAPHS: &str = "\"We will defend our farmers,\" Agriculture Minister Julien Denormandie said. \"Brussels must protect the single market.\" He added that France would veto the deal. Critics in Paris disagreed.";
const QUOTED_MENTIONS: &[(&str, &str)] = &[
    ("Julien Denormandie", "PER"),
    ("Brussels", "LOC"),
    ("France", "LOC"),
    ("Paris", "LOC"),
];

#[test]
fn quoted_paragraphs_and_he_added() {
    let cases = [
        ("We will defend", Some("said"), Some("Julien Denormandie")),
        ("Brussels must", Some("must"), Some("Julien Denormandie")),
        ("He added", Some("added"), Some("Julien Denormandie")),
        ("Critics", None, None),
    ];
    let ents = entities(QUOTED_PARAGRAPHS, QUOTED_MENTIONS);
    for (marker, cue, speaker) in cases {
        let got = run(QUOTED_PARAGRAPHS, &ents, marker);
        assert_eq!(
            got,
            (cue.map(String::from), speaker.map(String::from)),
            "{marker:?}"
        );
    }
}

#[test]
fn quoted_paragraph_attributed_after_it() {
    // The quote opens in one sentence and is attributed at the end of the next.
    let text = "\"Now is the time for the two sides to talk. That would end the hostility,\" the People's Daily quoted Tang Shubei as saying.";
    let ents = entities(text, &[("People's Daily", "ORG"), ("Tang Shubei", "PER")]);
    let (_, speaker) = run(text, &ents, "Now is the time");
    assert_eq!(speaker.as_deref(), Some("Tang Shubei"));
}

// ---------------------------------------------------------------------------------------------
// The seed article (../shared/data/articles/seed.json): its 8 claims
// ---------------------------------------------------------------------------------------------

/// The seed article, less the paragraph and the sentences that hold no claim and no name the
/// rules need.
const SEED: &str = "China Advocates for Global Cooperation on AI Regulations

Chinese Premier Li Qiang has called for a unified international approach to the governance of artificial intelligence (AI), emphasizing the need to address security challenges in light of the ongoing technological competition with the United States. His remarks were made during the opening of the World Artificial Intelligence Conference (WAIC) in Shanghai.

Li highlighted the urgency of establishing a balance between technological development and security measures, stating that this requires broad consensus from the global community. He announced the formation of a Chinese-led initiative aimed at fostering international collaboration on AI, particularly focusing on open-source development to prevent AI from becoming dominated by a select few nations or corporations.

The WAIC event, which spans three days, coincides with heightened tensions between the US and China over advancements in AI technology. Recently, US President Donald Trump revealed plans to reduce regulations governing AI to uphold the country's leadership in the sector.

While avoiding direct references to the United States, Li criticized monopolistic practices within the AI sector and advocated for equitable access to AI technologies. He cautioned that without open access to AI resources, countries and entities could face challenges in securing an adequate supply of AI hardware and fostering talent exchange.

At the WAIC opening ceremony, UN Secretary-General Antonio Guterres reinforced the notion that regulating AI represents a critical test of global cooperation.";

/// The seed's gold entities (seed.json) in this excerpt, in order.
const SEED_MENTIONS: &[(&str, &str)] = &[
    ("China", "LOC"),
    ("Li Qiang", "PER"),
    ("United States", "LOC"),
    ("World Artificial Intelligence Conference", "ORG"),
    ("WAIC", "ORG"),
    ("Shanghai", "LOC"),
    ("Li", "PER"),
    ("WAIC", "ORG"),
    ("US", "LOC"),
    ("China", "LOC"),
    ("US", "LOC"),
    ("Donald Trump", "PER"),
    ("United States", "LOC"),
    ("Li", "PER"),
    ("WAIC", "ORG"),
    ("UN", "ORG"),
    ("Antonio Guterres", "PER"),
];

/// (marker, expected cue, expected speaker) for the 8 gold claims.
const SEED_CLAIMS: &[(&str, &str, &str)] = &[
    ("China Advocates", "Advocates for", "China"),
    ("Chinese Premier", "called for", "Li Qiang"),
    ("Li highlighted", "highlighted", "Li Qiang"),
    ("He announced", "announced", "Li Qiang"),
    ("Recently, US President", "revealed plans", "Donald Trump"),
    ("While avoiding", "criticized", "Li Qiang"),
    ("He cautioned", "cautioned", "Li Qiang"),
    ("At the WAIC", "reinforced", "Antonio Guterres"),
];

#[test]
fn seed_claims_cues_and_speakers() {
    let ents = entities(SEED, SEED_MENTIONS);
    let mut failures = Vec::new();
    for (marker, cue, speaker) in SEED_CLAIMS {
        let got = run(SEED, &ents, marker);
        let want = (Some(cue.to_string()), Some(speaker.to_string()));
        if got != want {
            failures.push(format!("{marker:?}: expected {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seed_speaker_mentions_are_the_nearest_names() {
    // "Li highlighted" names the mention "Li" itself; "He announced" the previous claim's "Li".
    let ents = entities(SEED, SEED_MENTIONS);
    let t = tokenize(SEED);
    let idx_of = |marker: &str| {
        let at = SEED.find(marker).unwrap();
        t.sentences
            .iter()
            .position(|s| s.start <= at && at < s.end)
            .unwrap()
    };
    let mention = |marker: &str| {
        let i = idx_of(marker);
        let cue = find_cue(SEED, &t.tokens, &t.sentences[i]);
        find_speaker(SEED, &t, &ents, i, cue.as_ref()).map(|s| &SEED[s.start..s.end])
    };
    assert_eq!(mention("Li highlighted"), Some("Li"));
    assert_eq!(mention("He announced"), Some("Li"));
    assert_eq!(mention("Chinese Premier"), Some("Li Qiang"));
    assert_eq!(mention("Recently, US President"), Some("Donald Trump"));
    assert_eq!(mention("At the WAIC"), Some("Antonio Guterres"));
}

#[test]
#[ignore = "depends on the trained model's entities; run with --ignored"]
fn seed_with_the_embedded_model() {
    // The same claims with the entities the shipped model finds (the rules' real input).
    let pipeline = article_annotator::Pipeline::embedded().expect("embedded model");
    let ents = pipeline.annotate(SEED).entities;
    let mut right = 0;
    let mut report = Vec::new();
    for (marker, _, speaker) in SEED_CLAIMS {
        let (_, got) = run(SEED, &ents, marker);
        if got.as_deref() == Some(*speaker) {
            right += 1;
        } else {
            report.push(format!("{marker:?}: expected {speaker:?}, got {got:?}"));
        }
    }
    assert!(right >= 7, "{right} of 8 right:\n{}", report.join("\n"));
}

#[test]
fn long_text_stays_fast() {
    // Every sentence of a long text with no paragraph breaks and an unbalanced quote: the
    // look-backs are bounded, so the whole run is quick.
    let unit =
        "Li Qiang said China would act. \"We must cooperate. He added that the UN should lead. ";
    let text = unit.repeat(700);
    let t = tokenize(&text);
    let mentions: Vec<(&str, &str)> = (0..700)
        .flat_map(|_| [("Li Qiang", "PER"), ("China", "LOC"), ("UN", "ORG")])
        .collect();
    let ents = entities(&text, &mentions);
    let started = std::time::Instant::now();
    let mut named = 0;
    for (i, s) in t.sentences.iter().enumerate() {
        let cue = find_cue(&text, &t.tokens, s);
        named += usize::from(find_speaker(&text, &t, &ents, i, cue.as_ref()).is_some());
    }
    assert!(
        named >= t.sentences.len() / 2,
        "{named} of {}",
        t.sentences.len()
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "{} sentences took {:?}",
        t.sentences.len(),
        started.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// Any input
// ---------------------------------------------------------------------------------------------

fn arb_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("said".to_string()),
            Just("He".to_string()),
            Just("according".to_string()),
            Just("to".to_string()),
            Just("called".to_string()),
            Just("for".to_string()),
            Just("\"".to_string()),
            Just("“".to_string()),
            Just("”".to_string()),
            Just(",".to_string()),
            Just(".".to_string()),
            Just("\n\n".to_string()),
            Just("in".to_string()),
            Just("the".to_string()),
            Just("and".to_string()),
            Just("which".to_string()),
            Just("was".to_string()),
            Just("by".to_string()),
            "[A-Z][a-z]{0,6}",
            "\\PC{0,3}",
        ],
        0..40,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any text, any (even nonsensical) entity spans, any sentence index and cue: no panic, and
    /// a speaker is always an index into the entities.
    #[test]
    fn never_panics(
        text in arb_text(),
        spans in proptest::collection::vec((0usize..400, 0usize..12, 0usize..4), 0..12),
        extra in 0usize..3,
        cue_span in (0usize..500, 0usize..500),
    ) {
        let t = tokenize(&text);
        let labels = ["PER", "ORG", "LOC", "MISC"];
        let mut ents: Vec<Entity> = spans
            .iter()
            .map(|&(s, l, lab)| Entity {
                start: s,
                end: s + l,
                label: labels[lab].to_string(),
                score: 1.0,
                cluster: 0,
                source: article_annotator::annotations::FROM_MODEL,
            })
            .collect();
        for sorted in [false, true] {
            if sorted {
                ents.sort_by_key(|e| e.start);
            }
            for i in 0..t.sentences.len() + extra {
                let cue = t.sentences.get(i).and_then(|s| find_cue(&text, &t.tokens, s));
                for c in [cue, None, Some(Cue { start: cue_span.0, end: cue_span.1 })] {
                    if let Some(s) = find_speaker(&text, &t, &ents, i, c.as_ref()) {
                        prop_assert!(s.entity.is_none_or(|e| e < ents.len()));
                        if s.entity.is_none() {
                            prop_assert!(s.start <= s.end && s.end <= text.len());
                        }
                    }
                }
            }
        }
        // A sentence that does not belong to the tokens, and tokens that are not the text's.
        let odd = Sentence { start: 3, end: 1, tokens: std::ops::Range { start: 5, end: 2 } };
        let _ = find_cue(&text, &t.tokens, &odd);
        let foreign = [Token { start: 0, end: 10_000, kind: TokenKind::Word }];
        let _ = find_cue(&text, &foreign, &Sentence { start: 0, end: 10_000, tokens: 0..1 });
        let broken = Tokenized::with_layout(&text, foreign.to_vec(), vec![odd]);
        let _ = find_speaker(&text, &broken, &ents, 0, None);
    }
}

// ---------------------------------------------------------------------------------------------
// The labelled news set (needs ../shared; ignored by default)
// ---------------------------------------------------------------------------------------------

/// A CoNLL document rebuilt as text (tokens joined by spaces, sentences by "\n"), with its
/// tokens, sentences and gold entities (PER, ORG, LOC).
struct Doc {
    text: String,
    tokenized: Tokenized,
    entities: Vec<Entity>,
}

fn load_conll(path: &std::path::Path) -> Vec<Doc> {
    let raw = std::fs::read_to_string(path).expect("CoNLL file");
    let mut docs: Vec<Vec<Vec<(String, String)>>> = Vec::new();
    let mut sent: Vec<(String, String)> = Vec::new();
    for line in raw.lines().chain(std::iter::once("")) {
        if line.starts_with("-DOCSTART-") || line.trim().is_empty() {
            if !sent.is_empty() {
                if let Some(d) = docs.last_mut() {
                    d.push(std::mem::take(&mut sent));
                }
                sent.clear();
            }
            if line.starts_with("-DOCSTART-") {
                docs.push(Vec::new());
            }
            continue;
        }
        let cols: Vec<&str> = line.split(' ').collect();
        sent.push((
            cols[0].to_string(),
            cols.last().copied().unwrap_or("O").to_string(),
        ));
    }
    docs.into_iter()
        .map(|sentences| build_doc(&sentences))
        .collect()
}

fn build_doc(sentences: &[Vec<(String, String)>]) -> Doc {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sents = Vec::new();
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        if si > 0 {
            text.push('\n');
        }
        let first = tokens.len();
        let mut prev = "O".to_string();
        for (wi, (w, tag)) in s.iter().enumerate() {
            if wi > 0 {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(w);
            let kind = if w.chars().any(char::is_alphanumeric) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            };
            tokens.push(Token {
                start,
                end: text.len(),
                kind,
            });
            let label = tag.get(2..).unwrap_or("").to_string();
            let continues = tag.starts_with("I-") && prev.get(2..) == Some(label.as_str());
            if tag == "O" {
                // nothing
            } else if continues {
                if let Some(last) = spans.last_mut() {
                    last.1 = text.len();
                }
            } else {
                spans.push((start, text.len(), label));
            }
            prev = tag.clone();
        }
        sents.push(Sentence {
            start: tokens[first].start,
            end: tokens[tokens.len() - 1].end,
            tokens: first..tokens.len(),
        });
    }
    spans.retain(|s| s.2 != "MISC");
    let words: Vec<Vec<&str>> = spans
        .iter()
        .map(|(s, e, _)| text[*s..*e].split(' ').collect())
        .collect();
    let ms: Vec<Mention> = words
        .iter()
        .zip(&spans)
        .map(|(w, s)| Mention {
            words: w.clone(),
            label: s.2.as_str(),
        })
        .collect();
    let ids = cluster(&ms);
    let entities = spans
        .iter()
        .zip(ids)
        .map(|((s, e, _), (c, label))| Entity {
            start: *s,
            end: *e,
            label: label.to_string(),
            score: 1.0,
            cluster: c,
            source: article_annotator::annotations::FROM_MODEL,
        })
        .collect();
    let tokenized = Tokenized::with_layout(&text, tokens, sents);
    Doc {
        text,
        tokenized,
        entities,
    }
}

/// "same name, surname or acronym counts as a match" (issue 4), on the cluster's names.
fn same_speaker(names: &[String], gold: &str) -> bool {
    let norm = |s: &str| s.replace(" 's", "'s").to_lowercase();
    let gold = norm(gold);
    let gold_last = gold.split(' ').next_back().unwrap_or("").to_string();
    let initials = |s: &str| -> String {
        s.split(' ')
            .filter(|w| !["of", "the", "and", "for"].contains(w))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    names.iter().any(|n| {
        let n = norm(n);
        n == gold
            || n.split(' ').next_back() == Some(gold_last.as_str())
            || (!n.contains(' ') && initials(&gold) == n)
            || (!gold.contains(' ') && initials(&n) == gold)
    })
}

#[test]
#[ignore = "needs ../shared/data/ner/conll2003 and prints a report"]
fn news_set_speakers() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let conll = root.join("../shared/data/ner/conll2003");
    let labels = root.join("data/claims/news_claims.tsv");
    if !conll.exists() || !labels.exists() {
        eprintln!("skipped: no {}", conll.display());
        return;
    }
    let splits: Vec<String> = std::env::var("CLAIMS_SPLITS")
        .unwrap_or_else(|_| "train,dev".into())
        .split(',')
        .map(String::from)
        .collect();
    let model = std::env::var("CLAIMS_MODEL").is_ok();
    let pipeline = model.then(|| article_annotator::Pipeline::embedded().unwrap());
    let mut files = std::collections::HashMap::new();
    for f in ["train", "valid"] {
        files.insert(f.to_string(), load_conll(&conll.join(format!("{f}.txt"))));
    }
    let mut model_ents: std::collections::HashMap<(String, usize), Vec<Entity>> =
        std::collections::HashMap::new();
    if let Ok(spec) = std::env::var("CLAIMS_DEBUG") {
        let (file, di) = spec.split_once(':').unwrap();
        let doc = &files[file][di.parse::<usize>().unwrap()];
        for (si, s) in doc.tokenized.sentences.iter().enumerate() {
            let cue = find_cue(&doc.text, &doc.tokenized.tokens, s);
            let sp = find_speaker(&doc.text, &doc.tokenized, &doc.entities, si, cue.as_ref());
            eprintln!(
                "{si}: cue {:?} speaker {:?} | {}",
                cue.map(|c| c.text(&doc.text)),
                sp.map(|r| &doc.text[r.start..r.end]),
                &doc.text[s.start..s.end]
                    .chars()
                    .take(100)
                    .collect::<String>()
            );
        }
    }
    let (mut n, mut right, mut cued, mut cue_agrees) = (0, 0, 0, 0);
    let mut errors = Vec::new();
    for line in std::fs::read_to_string(&labels).unwrap().lines().skip(1) {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 7 || c[4] != "claim" || !splits.iter().any(|s| s == c[0]) {
            continue;
        }
        let (file, di, si) = (
            c[1],
            c[2].parse::<usize>().unwrap(),
            c[3].parse::<usize>().unwrap(),
        );
        let doc = &files[file][di];
        let ents = match &pipeline {
            Some(p) => model_ents
                .entry((file.to_string(), di))
                .or_insert_with(|| p.annotate(&doc.text).entities)
                .clone(),
            None => doc.entities.clone(),
        };
        let s = &doc.tokenized.sentences[si];
        let cue = find_cue(&doc.text, &doc.tokenized.tokens, s);
        cued += usize::from(cue.is_some());
        // The cue agrees when it shares a word with the labelled cue ("said ... should").
        let mine = cue
            .map(|c| c.text(&doc.text).to_lowercase())
            .unwrap_or_default();
        let agrees = c[6]
            .to_lowercase()
            .split(' ')
            .any(|w| w != "..." && mine.split(' ').any(|m| m == w));
        cue_agrees += usize::from(agrees);
        let sp = find_speaker(&doc.text, &doc.tokenized, &ents, si, cue.as_ref());
        let names: Vec<String> = sp
            .map(|r| match r.entity {
                Some(e) => {
                    let cl = ents[e].cluster;
                    ents.iter()
                        .filter(|x| x.cluster == cl)
                        .map(|x| doc.text[x.start..x.end].to_string())
                        .collect()
                }
                None => vec![doc.text[r.start..r.end].to_string()],
            })
            .unwrap_or_default();
        let ok = if c[5].is_empty() {
            sp.is_none()
        } else {
            same_speaker(&names, c[5])
        };
        n += 1;
        if ok {
            right += 1;
        } else {
            let sent = &doc.text[s.start..s.end];
            errors.push(format!(
                "{file}:{di}:{si} gold {:?} got {:?} cue {:?} | {}",
                c[5],
                names.iter().max_by_key(|s| s.len()),
                cue.map(|c| c.text(&doc.text)),
                sent.chars().take(160).collect::<String>()
            ));
        }
    }
    for e in &errors {
        eprintln!("{e}");
    }
    eprintln!(
        "splits {splits:?}, entities {}: {right}/{n} speakers right ({:.1} %), {cued} with a cue, \
         {cue_agrees} sharing a word with the labelled cue",
        if model { "model" } else { "gold" },
        100.0 * right as f64 / n.max(1) as f64
    );
}

// ---------------------------------------------------------------------------------------------
// The speaker rule registry: names, order, the rule that found a speaker, switching one off
// ---------------------------------------------------------------------------------------------

#[test]
fn rule_registry_names_are_unique_kebab_case_and_in_order() {
    let names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
    assert_eq!(rule_names(), names, "rule_names() is the registry's order");
    let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(
        unique.len(),
        names.len(),
        "a rule name is used twice: {names:?}"
    );
    for r in RULES {
        let kebab = !r.name.is_empty()
            && !r.name.starts_with('-')
            && !r.name.ends_with('-')
            && !r.name.contains("--")
            && r.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        assert!(kebab, "{:?} is not kebab-case", r.name);
        assert!(
            !r.why_here.trim().is_empty() && !r.why_here.contains('\n'),
            "{}: why_here must be one line",
            r.name
        );
    }
    // The chain's ends: "according to X" first, the headline's lead last.
    assert_eq!(names.first(), Some(&"according-to"));
    assert_eq!(names.last(), Some(&"headline-lead"));
}

/// The speaker of the sentence that holds `marker`, with `switches`.
fn speaker_with(
    text: &str,
    ents: &[Entity],
    marker: &str,
    switches: &RuleSwitches,
) -> Option<article_annotator::claims::SpeakerRef> {
    let t = tokenize(text);
    let at = text.find(marker).unwrap();
    let idx = t
        .sentences
        .iter()
        .position(|s| s.start <= at && at < s.end)
        .unwrap();
    let cue = find_cue(text, &t.tokens, &t.sentences[idx]);
    find_speaker_with(text, &t, ents, idx, cue.as_ref(), switches)
}

/// A sentence, its mentions, a marker word of the sentence and the rule that finds its speaker.
type RuleCase = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
    &'static str,
);

#[test]
fn the_rule_that_finds_a_speaker_names_it_and_switching_it_off_changes_the_answer() {
    let cases: &[RuleCase] = &[
        (
            "Talks with the rebels will resume next week, according to Foreign Minister Wang Yi.",
            &[("Wang Yi", "PER")],
            "Talks",
            "according-to",
        ),
        (
            "Chinese Premier Li Qiang has called for a unified approach to AI rules.",
            &[("Chinese", "MISC"), ("Li Qiang", "PER")],
            "Premier",
            "cue-subject",
        ),
        (
            "Sri Lanka said the United States had promised to help.",
            &[("Sri Lanka", "LOC"), ("United States", "LOC")],
            "promised",
            "relayed-actor",
        ),
    ];
    for &(text, mentions, marker, rule) in cases {
        let ents = entities(text, mentions);
        let all_on = speaker_with(text, &ents, marker, &RuleSwitches::all_on())
            .unwrap_or_else(|| panic!("no speaker for {text:?}"));
        assert_eq!(all_on.rule, rule, "{text:?}");
        assert!(rule_names().contains(&all_on.rule), "{rule} is registered");
        // The all-on form is `find_speaker`.
        let t = tokenize(text);
        let idx = t
            .sentences
            .iter()
            .position(|s| {
                s.start <= text.find(marker).unwrap() && text.find(marker).unwrap() < s.end
            })
            .unwrap();
        let cue = find_cue(text, &t.tokens, &t.sentences[idx]);
        assert_eq!(
            find_speaker(text, &t, &ents, idx, cue.as_ref()),
            Some(all_on)
        );
        let off = speaker_with(text, &ents, marker, &RuleSwitches::with_off([rule]));
        assert_ne!(
            off,
            Some(all_on),
            "{rule} off changes the answer for {text:?}"
        );
        assert!(off.is_none_or(|s| s.rule != rule), "{rule} is off: {off:?}");
    }
}
