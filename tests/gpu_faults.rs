//! The fallback rule under faults: no adapter, a device lost in the middle of a document, a
//! pipeline that fails validation, a shader that does not compile. Each request still comes
//! back with the CPU's annotations, reporting the CPU backend and the right reason.

mod gpu_support;

use article_annotator::classifier::gpu::{Fault, GpuOptions};
use article_annotator::classifier::{
    Backend, BackendChoice, Calibration, Classifier, FallbackReason, AUTO_MIN_TOKENS,
};
use article_annotator::features::NUM_FEATURES;
use article_annotator::{Error, Pipeline};
use gpu_support::{fixture_texts, lavapipe_installed};

fn text() -> String {
    fixture_texts().join("\n\n")
}

/// `auto` with a fault, pinned to use the GPU for any size; `None` when no GPU is here.
fn faulty(pipeline: &Pipeline, fault: Fault) -> Option<Classifier> {
    gpu_support::gpu(pipeline.model(), &GpuOptions::default())?;
    let options = GpuOptions {
        fault: Some(fault),
        ..Default::default()
    };
    let c = pollster::block_on(Classifier::with_options(
        pipeline.model(),
        BackendChoice::Auto,
        &options,
    ))
    .unwrap();
    c.set_crossover(Some(0));
    Some(c)
}

/// The request falls back with the CPU's exact annotations; returns the reason.
fn falls_back(pipeline: &Pipeline, classifier: &Classifier) -> FallbackReason {
    let text = text();
    let (found, run) = pollster::block_on(pipeline.annotate_on(classifier, &text));
    assert_eq!(run.backend, Backend::Cpu, "{run:?}");
    eprintln!("fell back: {:?}", run.fallback);
    assert_eq!(found, pipeline.annotate(&text), "the request is not lost");
    assert!(!found.entities.is_empty());
    run.fallback.expect("a fallback reason")
}

#[test]
fn no_adapter_auto_falls_back_and_gpu_fails_clearly() {
    let pipeline = Pipeline::embedded().unwrap();
    let none = GpuOptions {
        backends: Some(wgpu::Backends::empty()),
        ..Default::default()
    };
    let auto = pollster::block_on(Classifier::with_options(
        pipeline.model(),
        BackendChoice::Auto,
        &none,
    ))
    .unwrap();
    // `auto` acquires lazily: a small request stays on the CPU without trying the GPU...
    let (_, run) = pollster::block_on(pipeline.annotate_on(&auto, "Obama visited Paris."));
    assert_eq!((run.backend, run.fallback), (Backend::Cpu, None));
    // ...and one the GPU should take finds no adapter and falls back.
    auto.set_crossover(Some(0));
    let reason = falls_back(&pipeline, &auto);
    assert!(matches!(reason, FallbackReason::NoAdapter(_)), "{reason:?}");
    assert_eq!(reason.code(), "no adapter");

    let forced = pollster::block_on(Classifier::with_options(
        pipeline.model(),
        BackendChoice::Gpu,
        &none,
    ));
    match forced {
        Err(Error::Backend(message)) => {
            assert!(message.contains("no adapter"), "{message}");
            assert!(!message.contains('\n'), "one line: {message:?}");
        }
        Err(other) => panic!("expected a backend error, got {other:?}"),
        Ok(_) => panic!("a GPU classifier without an adapter"),
    }
}

#[test]
fn device_lost_mid_document_falls_back() {
    let pipeline = Pipeline::embedded().unwrap();
    let Some(classifier) = faulty(&pipeline, Fault::LoseDeviceMidDocument) else {
        return;
    };
    let reason = falls_back(&pipeline, &classifier);
    assert!(
        matches!(reason, FallbackReason::DeviceLost(_)),
        "{reason:?}"
    );
    // The device stays lost: later requests go straight to the CPU, still saying why.
    let again = falls_back(&pipeline, &classifier);
    assert_eq!(again, reason);
    assert_eq!(classifier.fallback(), Some(reason));
}

#[test]
fn failing_pipeline_falls_back() {
    let pipeline = Pipeline::embedded().unwrap();
    let Some(classifier) = faulty(&pipeline, Fault::BrokenPipeline) else {
        return;
    };
    let reason = falls_back(&pipeline, &classifier);
    assert!(
        matches!(reason, FallbackReason::Validation(_)),
        "{reason:?}"
    );
    assert_eq!(reason.code(), "validation error");
}

#[test]
fn invalid_shader_is_caught_while_acquiring() {
    let pipeline = Pipeline::embedded().unwrap();
    if gpu_support::gpu(pipeline.model(), &GpuOptions::default()).is_none() {
        return;
    }
    let options = GpuOptions {
        fault: Some(Fault::InvalidShader),
        ..Default::default()
    };
    let auto = pollster::block_on(Classifier::with_options(
        pipeline.model(),
        BackendChoice::Auto,
        &options,
    ))
    .unwrap();
    auto.set_crossover(Some(0));
    let reason = falls_back(&pipeline, &auto);
    assert!(
        matches!(reason, FallbackReason::Validation(_)),
        "{reason:?}"
    );
    let forced = pollster::block_on(Classifier::with_options(
        pipeline.model(),
        BackendChoice::Gpu,
        &options,
    ));
    assert!(matches!(forced, Err(Error::Backend(_))));
}

/// `auto` keeps small requests on the CPU without calling it a fallback.
#[test]
fn auto_keeps_small_requests_on_the_cpu() {
    let pipeline = Pipeline::embedded().unwrap();
    let auto = pollster::block_on(Classifier::new(pipeline.model(), BackendChoice::Auto)).unwrap();
    let (found, run) = pollster::block_on(pipeline.annotate_on(&auto, "Obama visited Paris."));
    assert_eq!(run.backend, Backend::Cpu);
    assert_eq!(run.fallback, None);
    assert_eq!(found, pipeline.annotate("Obama visited Paris."));
    assert_eq!(auto.adapter(), None, "no device for a short input");
    if lavapipe_installed() {
        assert_eq!(pollster::block_on(auto.acquire(pipeline.model())), Ok(()));
        assert!(auto.adapter().is_some());
    }
}

/// Over `AUTO_MIN_TOKENS`: a request that `auto` would send to the GPU.
fn long_text() -> String {
    let text = vec![text(); 16].join("\n\n");
    assert!(text.split_whitespace().count() > 2 * AUTO_MIN_TOKENS);
    text
}

/// A classifier of `auto` whose calibration is deferred, as the browser engine makes it.
fn deferred(pipeline: &Pipeline) -> Classifier {
    let auto = pollster::block_on(Classifier::new(pipeline.model(), BackendChoice::Auto)).unwrap();
    auto.defer_calibration();
    auto
}

/// Deferred `auto` answers a large request on the CPU at once: no device, no calibration.
#[test]
fn deferred_auto_answers_on_the_cpu_without_touching_the_gpu() {
    let pipeline = Pipeline::embedded().unwrap();
    let auto = deferred(&pipeline);
    let text = long_text();
    let (found, run) = pollster::block_on(pipeline.annotate_on(&auto, &text));
    assert_eq!((run.backend, run.fallback), (Backend::Cpu, None));
    assert_eq!(found, pipeline.annotate(&text));
    assert_eq!(
        auto.adapter(),
        None,
        "the first result did not wait for a device"
    );
    assert_eq!(auto.crossover(), None, "nor for a calibration");
    // A classifier that does not defer calibrates inside such a request (where a GPU is).
    if lavapipe_installed() {
        let inline = pollster::block_on(Classifier::new(pipeline.model(), BackendChoice::Auto));
        let inline = inline.unwrap();
        pollster::block_on(pipeline.annotate_on(&inline, &text));
        assert!(inline.crossover().is_some(), "inline auto calibrated");
    }
}

/// After deferring, `calibrate` settles the choice, and a restored verdict replaces measuring.
#[test]
fn deferred_auto_follows_its_calibration_or_a_restored_one() {
    let pipeline = Pipeline::embedded().unwrap();
    let text = long_text();
    let never = Calibration {
        cpu_tokens_per_second: 100_000.0,
        gpu_overhead_ms: 50.0,
        gpu_tokens_per_second: 50_000.0,
        crossover_tokens: None,
    };
    // "Never the GPU", remembered: the GPU is neither acquired nor used.
    let auto = deferred(&pipeline);
    auto.restore_calibration(never);
    assert_eq!(auto.crossover(), Some(None));
    let (_, run) = pollster::block_on(pipeline.annotate_on(&auto, &text));
    assert_eq!((run.backend, run.fallback), (Backend::Cpu, None));
    assert_eq!(auto.adapter(), None);
    // "The GPU from one token", remembered: the next large request goes to the GPU.
    let auto = deferred(&pipeline);
    auto.restore_calibration(Calibration {
        crossover_tokens: Some(1),
        ..never
    });
    let (found, run) = pollster::block_on(pipeline.annotate_on(&auto, &text));
    if lavapipe_installed() {
        assert_eq!((run.backend, run.fallback), (Backend::Gpu, None));
        assert_eq!(
            found,
            pipeline.annotate(&text),
            "the GPU gives the CPU's annotations"
        );
        // Measured now: a verdict, kept for the next requests.
        let auto = deferred(&pipeline);
        let c = pollster::block_on(auto.calibrate(pipeline.model(), NUM_FEATURES)).unwrap();
        assert_eq!(auto.crossover(), Some(c.crossover_tokens));
        assert!(c.cpu_tokens_per_second > 0.0 && c.gpu_tokens_per_second > 0.0);
    } else {
        eprintln!("SKIPPED (GPU part): lavapipe (mesa-vulkan-drivers) is not installed");
        assert_eq!(run.backend, Backend::Cpu);
        assert!(
            run.fallback.is_some(),
            "no GPU here: the GPU was tried and the reason given"
        );
    }
}
