//! The wasm boundary: the only file that imports wasm-bindgen, js-sys and serde-wasm-bindgen.
//!
//! It is deliberately thin. JavaScript (www/shared/engine.js, the only importer of the generated
//! package) creates one [`Engine`] per worker and calls [`Engine::annotate`]; everything about
//! language stays in [`Pipeline`]. What crosses the boundary:
//!
//! * **In**: the text as a JS string, and an options object `{ backend: "auto" | "webgpu" | "cpu" }`.
//! * **Out**: plain objects (never a JS `Map`): the document of [`crate::output`], the one the CLI
//!   prints, in its JS format ([`Format::JS`]): offsets in **UTF-16 code units** (what
//!   `string.slice` and DOM `Range`s count), and each span's code-point `position` and up to
//!   [`CONTEXT_CHARS`] code points of `prefix`/`suffix`, so the JS side can write W3C
//!   TextPosition/TextQuote selectors without counting characters itself.
//! * **Errors** become `JsError` (a JS `Error` with the crate's one-line message). Nothing here
//!   unwraps user input. A panic cannot be caught in wasm (it traps), so [`panic_hook`] stores the
//!   message on `globalThis.__articleAnnotatorPanic`; engine.js and worker.js report it as the
//!   request's error and start a fresh module instance for the next request.
//!
//! Backends: `auto` (default), `webgpu` or `cpu`, chosen by [`Classifier`] (the one fallback rule,
//! src/classifier/mod.rs). Under `auto` the first results come from the CPU: calibration is
//! deferred until JS calls [`Engine::calibrate`] after answering (or hands back a verdict stored
//! for this adapter with [`Engine::restore_calibration`]), so no result waits for the GPU. Every result says which backend computed it (`"webgpu"` or `"cpu"`) and,
//! when the GPU was asked for but the CPU served, why (`fallback: "no adapter"`). A forced `webgpu`
//! without a usable GPU rejects `create` with the reason. `annotate` is async because GPU readback
//! is (`map_async`, never a blocking poll).

use crate::classifier::{Backend, BackendChoice, Calibration, Classifier, FallbackReason};
use crate::features::NUM_FEATURES;
use crate::output::{self, Format};
use crate::Pipeline;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

pub use crate::output::CONTEXT_CHARS;

/// The name JS reads a panic message from after a trap (see engine.js).
const PANIC_GLOBAL: &str = "__articleAnnotatorPanic";

/// The JS API's names: "webgpu" for the GPU (the CLI says "gpu").
fn backend_name(backend: Backend) -> &'static str {
    match backend {
        Backend::Gpu => "webgpu",
        Backend::Cpu => "cpu",
    }
}

fn choice_name(choice: BackendChoice) -> &'static str {
    match choice {
        BackendChoice::Auto => "auto",
        BackendChoice::Gpu => "webgpu",
        BackendChoice::Cpu => "cpu",
    }
}

/// Options of [`Engine::create`]; unknown fields are ignored so older engines accept newer pages.
#[derive(Debug, Default, Deserialize)]
struct Options {
    backend: Option<String>,
}

/// What the engine is: reported once at start (the page's badge).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EngineInfo<'a> {
    model: &'a str,
    requested: &'static str,
    /// "webgpu" when a GPU classifier was acquired, else "cpu".
    backend: &'static str,
    /// Why not the GPU, when it was asked for: a few stable words ("no adapter"), then the detail.
    fallback: Option<&'static str>,
    fallback_detail: Option<String>,
    /// wgpu's name of the adapter (often empty in browsers: engine.js adds `webgpu.adapter`).
    adapter: Option<&'a str>,
    version: &'static str,
}

/// What `auto`'s calibration measured, as JS stores it (per adapter) and hands it back.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CalibrationDto {
    cpu_tokens_per_second: f64,
    gpu_overhead_ms: f64,
    gpu_tokens_per_second: f64,
    /// Texts of at least this many tokens go to the GPU; `null`: never.
    crossover_tokens: Option<usize>,
}

impl From<Calibration> for CalibrationDto {
    fn from(c: Calibration) -> CalibrationDto {
        CalibrationDto {
            cpu_tokens_per_second: c.cpu_tokens_per_second,
            gpu_overhead_ms: c.gpu_overhead_ms,
            gpu_tokens_per_second: c.gpu_tokens_per_second,
            crossover_tokens: c.crossover_tokens,
        }
    }
}

impl From<CalibrationDto> for Calibration {
    fn from(c: CalibrationDto) -> Calibration {
        Calibration {
            cpu_tokens_per_second: c.cpu_tokens_per_second,
            gpu_overhead_ms: c.gpu_overhead_ms,
            gpu_tokens_per_second: c.gpu_tokens_per_second,
            crossover_tokens: c.crossover_tokens,
        }
    }
}

/// The annotator as JS sees it: one per worker and backend, created once, reused for every text.
#[wasm_bindgen]
pub struct Engine {
    pipeline: Pipeline,
    classifier: Classifier,
    model: String,
    requested: BackendChoice,
}

#[wasm_bindgen]
impl Engine {
    /// Loads the embedded model and acquires the backend (`options.backend`: `"auto"` by default,
    /// `"webgpu"` or `"cpu"`). Rejects with an `Error` for an unknown backend, a forced `"webgpu"`
    /// without a usable GPU, or a model that fails to load.
    pub async fn create(options: JsValue) -> Result<Engine, JsError> {
        let options: Options = if options.is_undefined() || options.is_null() {
            Options::default()
        } else {
            serde_wasm_bindgen::from_value(options)
                .map_err(|e| JsError::new(&format!("invalid options: {e}")))?
        };
        let requested: BackendChoice = match options.backend.as_deref() {
            None | Some("") => BackendChoice::Auto,
            Some(name) => name
                .parse()
                .map_err(|e: crate::Error| JsError::new(&e.to_string()))?,
        };
        let pipeline = Pipeline::embedded().map_err(|e| JsError::new(&e.to_string()))?;
        let classifier = Classifier::new(pipeline.model(), requested)
            .await
            .map_err(|e| JsError::new(&e.to_string()))?;
        // The first result must not wait for the GPU: JS calibrates after answering.
        classifier.defer_calibration();
        let model = pipeline.model().id();
        Ok(Engine {
            pipeline,
            classifier,
            model,
            requested,
        })
    }

    /// `{ model, requested, backend, fallback, fallbackDetail, adapter, version }`.
    #[wasm_bindgen(getter)]
    pub fn info(&self) -> Result<JsValue, JsError> {
        let fallback = self.classifier.fallback();
        let backend = match self.classifier {
            Classifier::Gpu(_) if fallback.is_none() => Backend::Gpu,
            _ => Backend::Cpu,
        };
        to_js(&EngineInfo {
            model: &self.model,
            requested: choice_name(self.requested),
            backend: backend_name(backend),
            fallback: fallback.as_ref().map(FallbackReason::code),
            fallback_detail: fallback.as_ref().map(|r| r.detail().to_string()),
            adapter: self.classifier.adapter(),
            version: env!("CARGO_PKG_VERSION"),
        })
    }

    /// `auto`: acquires the GPU and measures it against the CPU (see src/classifier/mod.rs);
    /// from then on texts of at least `crossoverTokens` tokens go to the GPU. Resolves to
    /// `{ cpuTokensPerSecond, gpuOverheadMs, gpuTokensPerSecond, crossoverTokens | null }`;
    /// rejects with the reason when there is no usable GPU (then every text stays on the CPU).
    /// Texts annotated meanwhile are computed on the CPU.
    pub async fn calibrate(&self) -> Result<JsValue, JsError> {
        if self.requested != BackendChoice::Auto {
            return Err(JsError::new("calibrate: only the auto backend calibrates"));
        }
        let calibration = self
            .classifier
            .calibrate(self.pipeline.model(), NUM_FEATURES)
            .await
            .map_err(|reason| JsError::new(&reason.to_string()))?;
        to_js(&CalibrationDto::from(calibration))
    }

    /// `auto`: uses a calibration that [`Engine::calibrate`] returned before on the same adapter,
    /// instead of measuring again; when it sends texts to the GPU, the GPU is acquired now, so
    /// the first such text does not wait for the device either. Rejects for a malformed value or
    /// a GPU that can no longer be acquired (then texts stay on the CPU).
    #[wasm_bindgen(js_name = restoreCalibration)]
    pub async fn restore_calibration(&self, calibration: JsValue) -> Result<(), JsError> {
        if self.requested != BackendChoice::Auto {
            return Err(JsError::new(
                "restoreCalibration: only the auto backend calibrates",
            ));
        }
        let dto: CalibrationDto = serde_wasm_bindgen::from_value(calibration)
            .map_err(|e| JsError::new(&format!("invalid calibration: {e}")))?;
        let uses_gpu = dto.crossover_tokens.is_some();
        if uses_gpu {
            self.classifier
                .acquire(self.pipeline.model())
                .await
                .map_err(|reason| JsError::new(&reason.to_string()))?;
        }
        self.classifier.restore_calibration(dto.into());
        Ok(())
    }

    /// Annotates one text: `{ backend, fallback, fallbackDetail, model, length, entities, claims }`
    /// (claims: `{ start, end, text, score, cue, speaker: {start, end, text, cluster} | null, ... }`).
    /// Never rejects for a GPU failure: the CPU computes that same request and `fallback` says why.
    pub async fn annotate(&self, text: String) -> Result<JsValue, JsError> {
        let (annotations, run) = self.pipeline.annotate_on(&self.classifier, &text).await;
        let backend = backend_name(run.backend);
        let mut doc: output::Document =
            output::document(&text, &annotations, Format::JS, backend, &self.model);
        doc.fallback = run.fallback.as_ref().map(FallbackReason::code);
        doc.fallback_detail = Some(run.fallback.as_ref().map(|r| r.detail().to_string()));
        to_js(&doc)
    }
}

/// Serialises a DTO as plain JS objects: `null` for `None`, objects (never `Map`) for structs.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}

/// Runs when the module is instantiated: a panic (a bug, never expected) traps in wasm and cannot be
/// caught, so its message is left where engine.js looks after a `RuntimeError`.
#[wasm_bindgen(start)]
pub fn panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("internal error: {info}");
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &JsValue::from_str(PANIC_GLOBAL),
            &JsValue::from_str(&message),
        );
    }));
}
