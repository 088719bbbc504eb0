//! Shared by the GPU tests: acquire the GPU or explain why the test cannot run.

#![allow(dead_code)]

use article_annotator::classifier::gpu::GpuOptions;
use article_annotator::classifier::{BackendChoice, Classifier, Model};
use std::path::PathBuf;

/// Whether Mesa's lavapipe (software Vulkan) is installed: then a GPU test must run.
pub fn lavapipe_installed() -> bool {
    ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d"]
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().starts_with("lvp_icd"))
}

/// A classifier forced onto the GPU, or `None` (with a message) when this machine has no
/// adapter and no lavapipe either. With lavapipe installed, a missing adapter is a failure.
pub fn gpu(model: &Model, options: &GpuOptions) -> Option<Classifier> {
    match pollster::block_on(Classifier::with_options(model, BackendChoice::Gpu, options)) {
        Ok(c) => Some(c),
        Err(e) if !lavapipe_installed() => {
            eprintln!(
                "SKIPPED: no GPU adapter ({e}) and lavapipe (mesa-vulkan-drivers) is not installed"
            );
            None
        }
        Err(e) => panic!("lavapipe is installed but the GPU classifier failed: {e}"),
    }
}

pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: {} is absent (../shared/data is needed for this test)",
            p.display()
        );
        None
    }
}

/// Texts of the in-repo fixtures: always available.
pub fn fixture_texts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let mut texts = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        texts.push(v["text"].as_str().unwrap().to_string());
    }
    texts.push(
        "😀 Chancellor Angela Merkel met Emmanuel Macron in Paris. 李强 visited Zürich on Monday.\n\
         The World Health Organization said on Friday that Dr. Tedros Adhanom Ghebreyesus would \
         travel to Geneva, while officials in Washington and Beijing declined to comment."
            .to_string(),
    );
    texts.push(String::new());
    texts.push("Obama".to_string());
    texts
}

/// Asserts two score vectors agree within `tol`; returns the largest difference.
pub fn max_diff(gpu: &[f32], cpu: &[f32], tol: f32, what: &str) -> f32 {
    assert_eq!(gpu.len(), cpu.len(), "{what}: score count");
    let mut worst = 0.0f32;
    for (i, (g, c)) in gpu.iter().zip(cpu).enumerate() {
        let d = (g - c).abs();
        assert!(d <= tol, "{what}: score {i}: gpu {g} cpu {c}");
        worst = worst.max(d);
    }
    worst
}
