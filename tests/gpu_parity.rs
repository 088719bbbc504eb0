//! CPU/GPU parity: the WGSL kernels compute what `classifier::cpu` computes. Scores agree
//! within 1e-3 and decoded entities (spans, labels, clusters) are identical. Natively this
//! runs on whatever adapter wgpu finds (lavapipe on CI); see tests/gpu_support.

mod gpu_support;

use article_annotator::classifier::gpu::GpuOptions;
use article_annotator::classifier::{cpu, Backend, Batch, Model, NO_ROW};
use article_annotator::eval::read_conll;
use article_annotator::{Annotations, Pipeline};
use gpu_support::{fixture_texts, gpu, max_diff, shared};

const TOLERANCE: f32 = 1e-3;

/// Identical entities (spans, labels, clusters) and claims (spans, cues, speakers); their
/// scores within the tolerance.
fn same_annotations(gpu: &Annotations, cpu: &Annotations, what: &str) {
    assert_eq!(gpu.entities.len(), cpu.entities.len(), "{what}: entities");
    for (g, c) in gpu.entities.iter().zip(&cpu.entities) {
        assert_eq!(
            (g.start, g.end, &g.label, g.cluster),
            (c.start, c.end, &c.label, c.cluster),
            "{what}"
        );
        assert!(
            (g.score - c.score).abs() <= TOLERANCE,
            "{what}: {g:?} {c:?}"
        );
    }
    assert_eq!(gpu.claims.len(), cpu.claims.len(), "{what}: claims");
    for (g, c) in gpu.claims.iter().zip(&cpu.claims) {
        assert_eq!(
            (g.start, g.end, g.cue, &g.speaker),
            (c.start, c.end, c.cue, &c.speaker),
            "{what}"
        );
        assert!(
            (g.score - c.score).abs() <= TOLERANCE,
            "{what}: {g:?} {c:?}"
        );
    }
}

/// The in-repo texts, each alone and all together as one batch.
#[test]
fn fixtures_match_the_cpu() {
    let pipeline = Pipeline::embedded().unwrap();
    let Some(classifier) = gpu(pipeline.model(), &GpuOptions::default()) else {
        return;
    };
    let texts = fixture_texts();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    for text in &refs {
        let (scored, run) = pollster::block_on(pipeline.score_on(&classifier, text));
        assert_eq!(run.backend, Backend::Gpu, "{run:?}");
        let cpu = pipeline.score(text);
        max_diff(&scored.scores, &cpu.scores, TOLERANCE, text);
        // The claim model runs on the same device (a sibling classifier): same votes.
        assert_eq!(scored.claim_votes.len(), cpu.claim_votes.len(), "{text}");
        max_diff(&scored.claim_votes, &cpu.claim_votes, TOLERANCE, text);
        let (found, _) = pollster::block_on(pipeline.annotate_on(&classifier, text));
        same_annotations(&found, &pipeline.annotate(text), text);
    }
    let (batch, run) = pollster::block_on(pipeline.annotate_batch_on(&classifier, &refs));
    assert_eq!(run.backend, Backend::Gpu);
    for (text, found) in refs.iter().zip(&batch) {
        same_annotations(found, &pipeline.annotate(text), text);
    }
}

/// A model of other sizes than the shipped one (odd width, other dilations and tag and
/// feature counts), over segments of awkward lengths: nothing is hard-coded in the kernels,
/// and no segment sees its neighbours.
#[test]
fn other_model_sizes_and_segments() {
    let mut model = Model::embedded().unwrap();
    let (w, tags, features) = (5usize, 4usize, 3usize);
    // Outputs per token: the tags, then whatever other heads the model has (claim votes).
    let outputs = tags + model.num_outputs() - model.num_tags();
    let rows = model.header.tables.total_rows() as usize;
    let mut state = 12345u32;
    let mut rand = |n: usize, scale: f32| -> Vec<f32> {
        (0..n)
            .map(|_| {
                state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                ((state >> 8) as f32 / (1u32 << 24) as f32 - 0.5) * scale
            })
            .collect()
    };
    model.header.width = w;
    model.header.dilations = vec![3, 1, 7];
    model.header.tags.truncate(tags);
    model.header.version.push_str("-test-sizes");
    model.embed = rand(rows * w, 1.0);
    model.layers = (0..3)
        .map(|_| (rand(3 * w * w, 0.8), rand(w, 0.2)))
        .collect();
    model.out_w = rand(w * outputs, 1.0);
    model.out_b = rand(outputs, 0.1);
    assert_eq!(model.num_outputs(), outputs);

    let Some(classifier) = gpu(&model, &GpuOptions::default()) else {
        return;
    };
    let mut batch = Batch::new(features);
    let mut expected = Vec::new();
    let mut id = 7u32;
    for len in [1usize, 2, 7, 40, 3, 300, 1] {
        let ids: Vec<u32> = (0..len * features)
            .map(|_| {
                id = id.wrapping_mul(2_654_435_761).wrapping_add(1);
                // One id in 16 reads no row (a word the tagger never saw: NO_ROW).
                if id.is_multiple_of(16) {
                    NO_ROW
                } else {
                    id % rows as u32
                }
            })
            .collect();
        batch.push(&ids);
        expected.extend(cpu::forward(&model, &ids, features));
    }
    let out = pollster::block_on(classifier.classify(&model, &batch));
    assert_eq!(out.run.backend, Backend::Gpu, "{:?}", out.run);
    let worst = max_diff(&out.scores, &expected, TOLERANCE, "test-sized model");
    eprintln!("test-sized model: max |gpu - cpu| = {worst:e}");
}

/// The acceptance check: the whole CoNLL-2003 test text as one GPU batch against the CPU,
/// document by document.
#[test]
fn conll_test_text_matches_the_cpu() {
    let Some(path) = shared("ner/conll2003/test.txt") else {
        return;
    };
    let docs = read_conll(&std::fs::read_to_string(path).unwrap()).unwrap();
    let pipeline = Pipeline::embedded().unwrap();
    let Some(classifier) = gpu(pipeline.model(), &GpuOptions::default()) else {
        return;
    };
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let (scored, run) = pollster::block_on(pipeline.score_batch_on(&classifier, &texts));
    assert_eq!(run.backend, Backend::Gpu, "{run:?}");
    let mut worst = 0.0f32;
    let mut tokens = 0;
    let mut entities = 0;
    let mut claims = 0;
    for ((doc, text), gpu_scored) in docs.iter().zip(&texts).zip(&scored) {
        let cpu_scored = pipeline.score(text);
        worst = worst.max(max_diff(
            &gpu_scored.scores,
            &cpu_scored.scores,
            TOLERANCE,
            &doc.id,
        ));
        tokens += cpu_scored.tokenized.tokens.len();
        let cpu_found = pipeline.decode(text, &cpu_scored);
        same_annotations(&pipeline.decode(text, gpu_scored), &cpu_found, &doc.id);
        entities += cpu_found.entities.len();
        claims += cpu_found.claims.len();
    }
    eprintln!(
        "CoNLL test: {} documents, {tokens} tokens, {entities} entities and {claims} claims \
         identical; max |gpu - cpu| score = {worst:e} on {}",
        docs.len(),
        classifier.adapter().unwrap_or("?")
    );
}
