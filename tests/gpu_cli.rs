//! `annotate --backend`: `gpu` without an adapter exits 2 with one line; `auto` then says why
//! it ran on the CPU; `gpu` with an adapter reports it. (`WGPU_BACKEND=dx12` on Linux is a
//! machine with no adapter: wgpu reads it, as in its examples.)

mod gpu_support;

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn annotate(args: &[&str], env: &[(&str, &str)], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annotate"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary runs");
    // The process may exit before reading its input (a bad flag): a broken pipe is fine here.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

/// Long enough for `auto` to want the GPU (more than `AUTO_MIN_TOKENS` tokens).
fn long_text() -> String {
    "Chancellor Angela Merkel met President Emmanuel Macron in Berlin on Tuesday. ".repeat(40)
}

#[test]
fn gpu_without_adapter_exits_2_with_one_line() {
    let out = annotate(&["--backend", "gpu"], &[("WGPU_BACKEND", "dx12")], "Obama");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(err.contains("no adapter"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn auto_without_adapter_reports_the_fallback() {
    let text = long_text();
    let doc = json(&annotate(&[], &[("WGPU_BACKEND", "dx12")], &text));
    assert_eq!(doc["backend"], "cpu");
    assert_eq!(doc["fallback"], "no adapter");
    let cpu = json(&annotate(&["--backend", "cpu"], &[], &text));
    assert_eq!(doc["entities"], cpu["entities"]);
    assert_eq!(cpu["fallback"], Value::Null);
    // A short input never tries the GPU, so there is nothing to fall back from.
    let short = json(&annotate(&[], &[("WGPU_BACKEND", "dx12")], "Obama"));
    assert_eq!(
        (short["backend"].as_str(), &short["fallback"]),
        (Some("cpu"), &Value::Null)
    );
}

#[test]
fn gpu_backend_runs_on_the_gpu() {
    let out = annotate(&["--backend", "gpu"], &[], &long_text());
    if !out.status.success() && !gpu_support::lavapipe_installed() {
        eprintln!(
            "SKIPPED: no GPU adapter and no lavapipe: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    let doc = json(&out);
    assert_eq!(doc["backend"], "gpu");
    assert_eq!(doc["fallback"], Value::Null);
    let cpu = json(&annotate(&["--backend", "cpu"], &[], &long_text()));
    assert_eq!(doc["entities"], cpu["entities"]);
}
