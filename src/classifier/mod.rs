//! Features → per-token tag scores, on the CPU or the GPU.
//!
//! [`cpu`] holds the reference kernels (always compiled, the oracle of the parity tests);
//! [`gpu`] runs the same kernels as WGSL compute shaders through wgpu. [`Classifier`] chooses
//! between them and holds **the one fallback rule** ([`Classifier::classify`]):
//!
//! - `cpu`: the CPU, always.
//! - `gpu`: the GPU; creating the classifier fails when there is no usable GPU.
//! - `auto`: the GPU when there is one *and* the request is large enough for it to pay (see
//!   below), else the CPU.
//! - Whenever the GPU was asked for and cannot serve — no adapter, a failed device request, a
//!   validation error, out of memory, a lost device (also in the middle of a request) — the
//!   CPU computes **that same request**, and the result says so: [`Run`] carries the backend
//!   that computed it and the [`FallbackReason`]. After a lost device, a validation or an
//!   internal error the GPU is not tried again (the reason stays on every later result); after
//!   out-of-memory it is, since a smaller request may fit.
//!
//! **When `auto` uses the GPU.** `auto` acquires the GPU only on its first request of at
//! least [`AUTO_MIN_TOKENS`] tokens, so that short inputs (a CLI call on one paragraph) never
//! pay for a device. A GPU request costs a fixed overhead (uploads, a dispatch
//! chain, a readback) plus a per-token cost; the CPU costs only per token. On the first `auto`
//! request of at least [`AUTO_MIN_TOKENS`] tokens the classifier calibrates once on synthetic
//! input (CPU on 512 tokens; GPU on 256 and 4096 tokens after a warm-up; minimum of two runs
//! each), fits `gpu(n) = overhead + n·per_token`, and from then on uses the GPU for requests
//! of at least `overhead / (cpu_per_token − gpu_per_token)` tokens — never, when the GPU is
//! not faster per token (as on Mesa's lavapipe, whose figures are in BENCHMARKS.md: there
//! `auto` always computes on the CPU). Smaller requests never pay for the calibration.
//! When the 256-token GPU run alone takes longer than the CPU needs for 4,096 tokens, the
//! 4096-token runs are skipped and the GPU is never chosen (a software adapter such as
//! Chromium's SwiftShader: the full calibration took 14 s there).
//! `annotate bench` prints the calibration beside the crossover it measures on real text.
//!
//! **Deferred calibration.** A caller that can calibrate after answering (the browser engine,
//! src/web.rs) calls [`Classifier::defer_calibration`]: then `auto` computes on the CPU until
//! [`Classifier::calibrate`] has run, or until [`Classifier::restore_calibration`] hands it a
//! verdict measured earlier on the same adapter, so that the first result never waits for the
//! GPU.
//! A fallback reason is reported only for a request that the GPU should have computed: a
//! short request under `auto` on a machine without a GPU is simply a CPU request.

pub mod cpu;
pub mod gpu;
pub mod known_words;
pub mod model;

pub use known_words::{KnownWords, NO_ROW};
pub use model::{ClaimPool, Model};

use crate::error::{Error, Result};
use gpu::{GpuClassifier, GpuOptions};
use std::fmt;
use std::sync::{Mutex, MutexGuard, OnceLock};

#[cfg(not(target_arch = "wasm32"))]
use std::time::Instant;
#[cfg(target_arch = "wasm32")]
use web_time::Instant;

/// `auto` never acquires nor calibrates the GPU, nor uses it, for fewer tokens than this
/// (a paragraph or two). Not a measured crossover but a floor: the CPU does such a request in
/// under ~2 ms (130k–200k tokens/s measured, BENCHMARKS.md), about one GPU submit-and-readback
/// round trip in a browser, so the GPU could win little, and acquiring a device and
/// calibrating (~0.2 s on lavapipe) would not pay for itself on short inputs.
pub const AUTO_MIN_TOKENS: usize = 256;

/// The backend the user asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendChoice {
    Cpu,
    Gpu,
    Auto,
}

impl std::str::FromStr for BackendChoice {
    type Err = Error;
    fn from_str(s: &str) -> Result<BackendChoice> {
        match s {
            "cpu" => Ok(BackendChoice::Cpu),
            "gpu" | "webgpu" => Ok(BackendChoice::Gpu),
            "auto" => Ok(BackendChoice::Auto),
            other => Err(Error::Input(format!(
                "unknown backend {other:?}: expected cpu, gpu or auto"
            ))),
        }
    }
}

/// The backend that computed a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Cpu,
    Gpu,
}

impl Backend {
    /// "cpu" or "gpu" (the JS API says "webgpu" for the latter).
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Cpu => "cpu",
            Backend::Gpu => "gpu",
        }
    }
}

/// Why the CPU computed a request the GPU was asked for. Each carries wgpu's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FallbackReason {
    /// No adapter (no GPU, no driver, no WebGPU in this browser).
    NoAdapter(String),
    /// An adapter, but the device request failed or the adapter cannot run the kernels.
    DeviceRequest(String),
    /// A validation error (a shader, a pipeline, a binding, a dispatch).
    Validation(String),
    /// The device ran out of memory.
    OutOfMemory(String),
    /// The device was lost (driver reset, destroyed, removed), possibly mid-request.
    DeviceLost(String),
    /// Any other GPU failure (an internal error, a failed readback).
    Internal(String),
}

impl FallbackReason {
    /// The reason in a few stable words: "no adapter", "device request failed", "validation
    /// error", "out of memory", "device lost", "gpu error". Results report this.
    pub fn code(&self) -> &'static str {
        match self {
            FallbackReason::NoAdapter(_) => "no adapter",
            FallbackReason::DeviceRequest(_) => "device request failed",
            FallbackReason::Validation(_) => "validation error",
            FallbackReason::OutOfMemory(_) => "out of memory",
            FallbackReason::DeviceLost(_) => "device lost",
            FallbackReason::Internal(_) => "gpu error",
        }
    }

    /// What the driver or wgpu said.
    pub fn detail(&self) -> &str {
        match self {
            FallbackReason::NoAdapter(d)
            | FallbackReason::DeviceRequest(d)
            | FallbackReason::Validation(d)
            | FallbackReason::OutOfMemory(d)
            | FallbackReason::DeviceLost(d)
            | FallbackReason::Internal(d) => d,
        }
    }

    /// Whether the GPU is worth trying again after this.
    fn is_fatal(&self) -> bool {
        !matches!(self, FallbackReason::OutOfMemory(_))
    }
}

impl fmt::Display for FallbackReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.detail().is_empty() {
            f.write_str(self.code())
        } else {
            write!(f, "{} ({})", self.code(), self.detail())
        }
    }
}

/// How a request was computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub backend: Backend,
    /// Set when the GPU was asked for (`gpu`, or `auto` with a GPU) but the CPU computed it.
    pub fallback: Option<FallbackReason>,
}

/// Feature ids of a batch: segments (chunks of one text, or of many texts) that the encoder
/// treats as separate sequences, back to back.
#[derive(Debug, Clone)]
pub struct Batch {
    ids: Vec<u32>,
    features: usize,
    segments: Vec<usize>,
}

impl Batch {
    /// An empty batch of tokens with `features` ids each.
    pub fn new(features: usize) -> Batch {
        Batch {
            ids: Vec::new(),
            features: features.max(1),
            segments: Vec::new(),
        }
    }

    /// Appends one segment (`features` ids per token, token-major). Empty segments are skipped.
    pub fn push(&mut self, ids: &[u32]) {
        let tokens = ids.len() / self.features;
        if tokens > 0 {
            self.ids.extend_from_slice(&ids[..tokens * self.features]);
            self.segments.push(tokens);
        }
    }

    pub fn tokens(&self) -> usize {
        self.segments.iter().sum()
    }

    /// Token count of each segment, in order.
    pub fn segments(&self) -> &[usize] {
        &self.segments
    }

    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    pub fn features(&self) -> usize {
        self.features
    }
}

/// Tag scores of a batch (token-major, segment after segment) and how they were computed.
#[derive(Debug, Clone)]
pub struct Scores {
    pub scores: Vec<f32>,
    pub run: Run,
}

/// What the `auto` calibration measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    pub cpu_tokens_per_second: f64,
    /// Fixed cost of one GPU request (uploads, dispatches, readback).
    pub gpu_overhead_ms: f64,
    /// Marginal GPU throughput.
    pub gpu_tokens_per_second: f64,
    /// Requests of at least this many tokens go to the GPU; `None`: never.
    pub crossover_tokens: Option<usize>,
}

#[derive(Debug, Clone, Copy)]
enum Crossover {
    Unknown,
    Calibrating,
    Measured(Calibration),
    Fixed(usize),
}

/// The GPU side of a classifier, with the state of the fallback rule.
pub struct GpuBackend {
    options: GpuOptions,
    auto: bool,
    /// The device, once acquired (at creation for `gpu`, on the first large request for
    /// `auto`, so that small inputs never pay for it).
    gpu: OnceLock<GpuClassifier>,
    /// A second model's weights on the same device (the claim model).
    second: OnceLock<GpuClassifier>,
    acquiring: Mutex<bool>,
    /// `auto` with no verdict yet computes on the CPU instead of calibrating inline.
    defer: Mutex<bool>,
    /// Why the GPU is no longer tried (no adapter, a lost device, a validation error).
    disabled: Mutex<Option<FallbackReason>>,
    crossover: Mutex<Crossover>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// `acquire`'s "another request is acquiring the GPU", where a reason is needed.
fn busy(reason: Option<FallbackReason>) -> FallbackReason {
    reason.unwrap_or_else(|| FallbackReason::Internal("the GPU is still being acquired".into()))
}

/// The classifier: the CPU, or a GPU with the CPU behind it.
pub enum Classifier {
    /// The reference kernels, always.
    Cpu,
    /// The GPU (`gpu` or `auto`), falling back to the CPU by the rule above.
    Gpu(Box<GpuBackend>),
}

impl Classifier {
    /// The CPU classifier.
    pub fn cpu() -> Classifier {
        Classifier::Cpu
    }

    /// A classifier for `model` on the chosen backend. `gpu` acquires the device and uploads
    /// the weights now, and fails without a usable GPU ([`Error::Backend`], one line saying
    /// why). `auto` never fails: it acquires the GPU on its first request large enough to use
    /// it, and falls back to the CPU (saying why) if there is none.
    pub async fn new(model: &Model, choice: BackendChoice) -> Result<Classifier> {
        Classifier::with_options(model, choice, &GpuOptions::default()).await
    }

    /// [`Classifier::new`] with control over GPU acquisition (backends; faults in tests).
    pub async fn with_options(
        model: &Model,
        choice: BackendChoice,
        options: &GpuOptions,
    ) -> Result<Classifier> {
        let backend = GpuBackend {
            options: options.clone(),
            auto: choice == BackendChoice::Auto,
            gpu: OnceLock::new(),
            second: OnceLock::new(),
            acquiring: Mutex::new(false),
            defer: Mutex::new(false),
            disabled: Mutex::new(None),
            crossover: Mutex::new(Crossover::Unknown),
        };
        match choice {
            BackendChoice::Cpu => Ok(Classifier::Cpu),
            BackendChoice::Auto => Ok(Classifier::Gpu(Box::new(backend))),
            BackendChoice::Gpu => match backend.acquire(model).await.map_err(busy) {
                Ok(_) => Ok(Classifier::Gpu(Box::new(backend))),
                Err(reason) => Err(Error::Backend(format!(
                    "the GPU backend is unavailable: {reason}"
                ))),
            },
        }
    }

    /// Acquires the GPU now if it is not yet (`auto` does so lazily): for a caller that wants
    /// to show which backend it will get before the first request.
    pub async fn acquire(&self, model: &Model) -> std::result::Result<(), FallbackReason> {
        match self {
            Classifier::Cpu => Err(FallbackReason::NoAdapter("the CPU was chosen".into())),
            Classifier::Gpu(g) => g.acquire(model).await.map(|_| ()).map_err(busy),
        }
    }

    /// The adapter in use, once acquired.
    pub fn adapter(&self) -> Option<&str> {
        match self {
            Classifier::Gpu(g) => g.gpu.get().map(GpuClassifier::adapter),
            Classifier::Cpu => None,
        }
    }

    /// Why the GPU is no longer used, if it was asked for and failed.
    pub fn fallback(&self) -> Option<FallbackReason> {
        match self {
            Classifier::Cpu => None,
            Classifier::Gpu(g) => lock(&g.disabled).clone(),
        }
    }

    /// Pins `auto`'s threshold to `tokens` (no calibration); `None` forgets it, so the next
    /// large request calibrates again. No effect on `cpu` and `gpu`.
    pub fn set_crossover(&self, tokens: Option<usize>) {
        if let Classifier::Gpu(g) = self {
            *lock(&g.crossover) = tokens.map_or(Crossover::Unknown, Crossover::Fixed);
        }
    }

    /// The threshold `auto` uses now, if known: `Some(None)` means "never the GPU".
    pub fn crossover(&self) -> Option<Option<usize>> {
        match self {
            Classifier::Gpu(g) => match *lock(&g.crossover) {
                Crossover::Measured(c) => Some(c.crossover_tokens),
                Crossover::Fixed(t) => Some(Some(t)),
                _ => None,
            },
            Classifier::Cpu => Some(None),
        }
    }

    /// `auto` computes on the CPU while it has no verdict instead of calibrating inside a
    /// request; the caller runs [`Classifier::calibrate`] when it has time (or restores an earlier
    /// verdict). No effect on `cpu` and `gpu`.
    pub fn defer_calibration(&self) {
        if let Classifier::Gpu(g) = self {
            *lock(&g.defer) = g.auto;
        }
    }

    /// Uses a calibration measured before (on the same adapter, stored by the caller) as if it
    /// had just run. No effect on `cpu` and `gpu`.
    pub fn restore_calibration(&self, calibration: Calibration) {
        if let Classifier::Gpu(g) = self {
            if g.auto {
                *lock(&g.crossover) = Crossover::Measured(calibration);
            }
        }
    }

    /// Runs `auto`'s calibration now (acquiring the GPU if need be) and keeps its result.
    /// Requests that arrive meanwhile compute on the CPU.
    pub async fn calibrate(
        &self,
        model: &Model,
        features: usize,
    ) -> std::result::Result<Calibration, FallbackReason> {
        let Classifier::Gpu(g) = self else {
            return Err(FallbackReason::NoAdapter("the CPU was chosen".into()));
        };
        let result = match g.acquire(model).await {
            Ok(gpu) => {
                *lock(&g.crossover) = Crossover::Calibrating;
                calibrate(gpu, model, features).await
            }
            Err(reason) => Err(busy(reason)),
        };
        match &result {
            Ok(c) => *lock(&g.crossover) = Crossover::Measured(*c),
            Err(reason) => {
                *lock(&g.crossover) = Crossover::Unknown;
                g.note(reason);
            }
        }
        result
    }

    /// Tag scores of `batch` — **the fallback rule**. Never loses a request: whatever the GPU
    /// does, the scores come back, from the CPU if need be, with the reason.
    pub async fn classify(&self, model: &Model, batch: &Batch) -> Scores {
        let g = match self {
            Classifier::Cpu => return cpu_scores(model, batch, None),
            Classifier::Gpu(g) => g,
        };
        if let Some(reason) = lock(&g.disabled).clone() {
            return cpu_scores(model, batch, Some(reason));
        }
        if g.auto && !g.may_use_gpu(batch.tokens()) {
            return cpu_scores(model, batch, None);
        }
        let gpu = match g.acquire(model).await {
            Ok(gpu) => gpu,
            Err(reason) => return cpu_scores(model, batch, reason),
        };
        let gpu = match g.serving(gpu, model).await {
            Ok(gpu) => gpu,
            Err(reason) => {
                g.note(&reason);
                return cpu_scores(model, batch, Some(reason));
            }
        };
        if g.auto {
            match g.prefers_gpu(gpu, model, batch).await {
                Ok(true) => {}
                Ok(false) => return cpu_scores(model, batch, None),
                Err(reason) => return cpu_scores(model, batch, Some(reason)),
            }
        }
        match gpu
            .forward(&batch.ids, batch.features, &batch.segments)
            .await
        {
            Ok(scores) => Scores {
                scores,
                run: Run {
                    backend: Backend::Gpu,
                    fallback: None,
                },
            },
            Err(reason) => {
                g.note(&reason);
                cpu_scores(model, batch, Some(reason))
            }
        }
    }
}

impl GpuBackend {
    /// Records a failure; a fatal one disables the GPU for later requests.
    fn note(&self, reason: &FallbackReason) {
        if reason.is_fatal() {
            lock(&self.disabled).get_or_insert_with(|| reason.clone());
        }
    }

    /// The classifier holding `model`'s weights: the first model's, or (the claim model beside
    /// the tagger) a sibling on the same device, made on first use.
    async fn serving<'a>(
        &'a self,
        first: &'a GpuClassifier,
        model: &Model,
    ) -> std::result::Result<&'a GpuClassifier, FallbackReason> {
        if first.serves(model) {
            return Ok(first);
        }
        if let Some(second) = self.second.get() {
            return if second.serves(model) {
                Ok(second)
            } else {
                Err(FallbackReason::Internal(format!(
                    "the GPU holds the weights of two other models than {}",
                    model.id()
                )))
            };
        }
        let made = first.sibling(model).await?;
        Ok(self.second.get_or_init(|| made))
    }

    /// The device, acquiring it on first use. A failure disables the GPU (with the reason);
    /// a request arriving while another acquires gets `Err(None)`: the CPU, no failure.
    async fn acquire(
        &self,
        model: &Model,
    ) -> std::result::Result<&GpuClassifier, Option<FallbackReason>> {
        if let Some(gpu) = self.gpu.get() {
            return Ok(gpu);
        }
        if let Some(reason) = lock(&self.disabled).clone() {
            return Err(Some(reason));
        }
        if std::mem::replace(&mut *lock(&self.acquiring), true) {
            return Err(None);
        }
        let result = GpuClassifier::new(model, &self.options).await;
        *lock(&self.acquiring) = false;
        match result {
            Ok(gpu) => Ok(self.gpu.get_or_init(|| gpu)),
            Err(reason) => {
                lock(&self.disabled).get_or_insert_with(|| reason.clone());
                Err(Some(reason))
            }
        }
    }

    /// `auto`, before touching the GPU: whether a request of `n` tokens could go to it.
    fn may_use_gpu(&self, n: usize) -> bool {
        match *lock(&self.crossover) {
            Crossover::Fixed(t) => n >= t,
            Crossover::Measured(c) => c
                .crossover_tokens
                .is_some_and(|t| n >= t.max(AUTO_MIN_TOKENS)),
            Crossover::Calibrating => false,
            Crossover::Unknown => !*lock(&self.defer) && n >= AUTO_MIN_TOKENS,
        }
    }

    /// `auto`: whether this request goes to the GPU (calibrating on first use).
    async fn prefers_gpu(
        &self,
        gpu: &GpuClassifier,
        model: &Model,
        batch: &Batch,
    ) -> std::result::Result<bool, FallbackReason> {
        let n = batch.tokens();
        let state = *lock(&self.crossover);
        let threshold = match state {
            Crossover::Fixed(t) => Some(t),
            Crossover::Measured(c) => c.crossover_tokens.map(|t| t.max(AUTO_MIN_TOKENS)),
            Crossover::Calibrating => return Ok(false),
            Crossover::Unknown if *lock(&self.defer) => return Ok(false),
            Crossover::Unknown => {
                *lock(&self.crossover) = Crossover::Calibrating;
                match calibrate(gpu, model, batch.features).await {
                    Ok(c) => {
                        *lock(&self.crossover) = Crossover::Measured(c);
                        c.crossover_tokens.map(|t| t.max(AUTO_MIN_TOKENS))
                    }
                    Err(reason) => {
                        *lock(&self.crossover) = Crossover::Unknown;
                        self.note(&reason);
                        return Err(reason);
                    }
                }
            }
        };
        Ok(threshold.is_some_and(|t| n >= t))
    }
}

/// The CPU computes a batch, segment by segment.
fn cpu_scores(model: &Model, batch: &Batch, fallback: Option<FallbackReason>) -> Scores {
    let mut scores = Vec::with_capacity(batch.tokens() * model.num_outputs());
    let mut at = 0;
    for &len in &batch.segments {
        let ids = &batch.ids[at * batch.features..(at + len) * batch.features];
        scores.extend(cpu::forward(model, ids, batch.features));
        at += len;
    }
    Scores {
        scores,
        run: Run {
            backend: Backend::Cpu,
            fallback,
        },
    }
}

/// Synthetic feature ids: a deterministic spread over the whole table, in sentence-sized
/// segments.
fn synthetic_batch(model: &Model, features: usize, tokens: usize) -> Batch {
    let rows = model.header.tables.total_rows().max(1);
    let mut state: u32 = 0x9e37_79b9;
    let ids: Vec<u32> = (0..tokens * features)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 8) % rows
        })
        .collect();
    let mut batch = Batch::new(features);
    for part in ids.chunks(32 * features) {
        batch.push(part);
    }
    batch
}

/// Measures CPU and GPU on synthetic input and fits the crossover (see the module docs).
async fn calibrate(
    gpu: &GpuClassifier,
    model: &Model,
    features: usize,
) -> std::result::Result<Calibration, FallbackReason> {
    const CPU_TOKENS: usize = 512;
    const SMALL: usize = 256;
    const LARGE: usize = 4096;
    let cpu_batch = synthetic_batch(model, features, CPU_TOKENS);
    let mut cpu_secs = f64::MAX;
    for _ in 0..2 {
        let start = Instant::now();
        let s = cpu_scores(model, &cpu_batch, None);
        std::hint::black_box(&s.scores);
        cpu_secs = cpu_secs.min(start.elapsed().as_secs_f64());
    }
    let cpu_per_token = cpu_secs / CPU_TOKENS as f64;

    let small = synthetic_batch(model, features, SMALL);
    let large = synthetic_batch(model, features, LARGE);
    async fn timed(gpu: &GpuClassifier, b: &Batch) -> std::result::Result<f64, FallbackReason> {
        let start = Instant::now();
        gpu.forward(&b.ids, b.features, &b.segments).await?;
        Ok(start.elapsed().as_secs_f64())
    }
    timed(gpu, &small).await?; // warm-up: workspace, first-dispatch compilation
    let mut g_small = f64::MAX;
    for _ in 0..2 {
        g_small = g_small.min(timed(gpu, &small).await?);
    }
    // Even if all of the small run were fixed overhead, the GPU could not win below
    // `g_small / cpu_per_token` tokens. Past the large size (about 3,000 words, longer than
    // most articles) skip the slow large runs: on a software adapter they take seconds (in
    // Chromium with SwiftShader, where wasm is slower too, the first annotation took 10-12 s).
    if g_small / cpu_per_token > LARGE as f64 {
        return Ok(Calibration {
            cpu_tokens_per_second: 1.0 / cpu_per_token.max(1e-12),
            gpu_overhead_ms: g_small * 1000.0,
            gpu_tokens_per_second: SMALL as f64 / g_small.max(1e-12),
            crossover_tokens: None,
        });
    }
    timed(gpu, &large).await?;
    let mut g_large = f64::MAX;
    for _ in 0..2 {
        g_large = g_large.min(timed(gpu, &large).await?);
    }
    let gpu_per_token = ((g_large - g_small) / (LARGE - SMALL) as f64).max(1e-12);
    let overhead = (g_small - gpu_per_token * SMALL as f64).max(0.0);
    let crossover_tokens = (cpu_per_token > gpu_per_token)
        .then(|| (overhead / (cpu_per_token - gpu_per_token)).ceil() as usize);
    Ok(Calibration {
        cpu_tokens_per_second: 1.0 / cpu_per_token.max(1e-12),
        gpu_overhead_ms: overhead * 1000.0,
        gpu_tokens_per_second: 1.0 / gpu_per_token,
        crossover_tokens,
    })
}
