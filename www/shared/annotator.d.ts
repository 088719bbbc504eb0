// Types of article-annotator's JS API (www/shared/annotator.js). Offsets are UTF-16 code units
// (what String.prototype.slice and DOM Ranges count), end exclusive, unless named `position`.

export type Backend = "auto" | "webgpu" | "cpu";
export type Label = "PER" | "ORG" | "LOC" | "MISC";

/** Unicode code points, end exclusive: the CLI's JSON and the W3C TextPositionSelector count these. */
export interface Position {
  start: number;
  end: number;
}

export interface Entity {
  start: number;
  end: number;
  label: Label;
  /** Equals `text.slice(start, end)` of the annotated text. */
  text: string;
  score: number;
  /** Mentions of one entity share it ("Li Qiang", "Li"): 0, 1, 2... in order of first mention. */
  cluster: number;
  position: Position;
  /** Up to 32 code points before and after (W3C TextQuoteSelector). */
  prefix: string;
  suffix: string;
}

/**
 * Who holds a claim's position: the fullest mention of an entity's cluster ("Li Qiang" for "He"),
 * or a group named by a phrase that is no entity ("Palestinian officials"), whose `cluster` is one
 * of its own (no entity has it; the same phrase always gets the same one).
 */
export interface Speaker {
  start: number;
  end: number;
  text: string;
  cluster: number;
}

/** A policy claim (a sentence, scored by the claim model) and who made it. */
export interface Claim {
  start: number;
  end: number;
  text: string;
  score: number;
  /** The reporting or advocacy words that carry the claim ("called for"), or null (the CLI's JSON alike). */
  cue: string | null;
  speaker: Speaker | null;
  position?: Position;
  prefix?: string;
  suffix?: string;
}

export interface WebGPUProbe {
  available: boolean;
  adapter: { vendor: string; architecture: string; description: string; isFallbackAdapter: boolean } | null;
  /** Why WebGPU is not available ("no adapter", "no WebGPU in this browser", ...). */
  reason: string | null;
}

/**
 * How `auto` chooses its backend. The first results come from the CPU at once; after the first
 * one the GPU is measured in the background (or a verdict stored for this adapter is used).
 */
export interface AutoChoice {
  /** "pending": not measured yet (the CPU answers); "calibrating": being measured; "settled". */
  state: "pending" | "calibrating" | "settled";
  /** Texts of at least this many tokens go to the GPU; null: every text stays on the CPU. */
  crossoverTokens: number | null;
  /** How it was settled: measured now, remembered from an earlier visit, no WebGPU, or a failure. */
  source: "measured" | "remembered" | "no-webgpu" | "failed" | null;
  /** Why the GPU is not used, when it is not. */
  reason: string | null;
  /** How long settling took, in the worker (ms). */
  ms: number | null;
}

export interface Result {
  /** The backend that computed this result. */
  backend: "webgpu" | "cpu";
  /**
   * Why the CPU computed it although the GPU was asked for, in a few stable words ("no adapter",
   * "device request failed", "validation error", "out of memory", "device lost", "gpu error"), else null.
   * `auto` may also choose the CPU for a short text where it is faster: then backend is "cpu" and this is null.
   */
  fallback: string | null;
  /** What the driver or wgpu said about the fallback. */
  fallbackDetail: string | null;
  model: string;
  /** UTF-16 length of the annotated text. */
  length: number;
  /** Whitespace-separated words of the text. */
  words: number;
  entities: Entity[];
  claims: Claim[];
  webgpu: WebGPUProbe;
  /** `auto`'s choice when this result was computed; null for "webgpu" and "cpu". */
  auto: AutoChoice | null;
  timings: { annotateMs: number; roundTripMs: number };
}

export interface EngineInfo {
  model: string;
  requested: Backend;
  /** "webgpu" when a GPU was acquired (auto acquires it only once it measured that it pays, and may still run short texts on the CPU). */
  backend: "webgpu" | "cpu";
  fallback: string | null;
  fallbackDetail: string | null;
  /** wgpu's adapter name (often empty in browsers; see webgpu.adapter). */
  adapter: string | null;
  version: string;
  webgpu: WebGPUProbe;
  /** `auto`'s choice now (kept current by the annotator); null for "webgpu" and "cpu". */
  auto: AutoChoice | null;
  /** Compiling the wasm and loading the model, in the worker. */
  loadMs: number;
  /** From createAnnotator() to ready, including starting the worker. */
  readyMs: number;
}

export interface Status {
  id: number;
  type: "status";
  phase: "loading" | "queued" | "annotating";
  message: string;
  words?: number;
  ahead?: number;
}

export interface AnnotatorOptions {
  /** "auto" (default) uses WebGPU when it pays and falls back to the CPU; "webgpu" fails without it. */
  backend?: Backend;
  /** Run the engine in the page's shared Web Worker (default) or in this thread (`false`). */
  worker?: boolean;
  /** Where worker.js is, when it is not beside annotator.js. */
  workerUrl?: string | URL;
  onStatus?: (status: Status) => void;
  /** `auto`: called with the updated info when the backend choice changes (calibrating, settled). */
  onBackend?: (info: EngineInfo) => void;
}

export interface WebAnnotationOptions {
  /** The IRI of the annotated document (e.g. location.href). */
  source?: string;
  created?: string;
}

export interface HighlightReport {
  marks: number;
  /** Spans whose text did not match the element's text (the element changed since it was annotated). */
  skipped: number;
}

export interface Annotator {
  info: EngineInfo;
  annotate(text: string, options?: { onStatus?: (status: Status) => void }): Promise<Result>;
  /** Wraps the result's spans in <aa-mark> elements over the element's text nodes (see textOf). */
  highlight(element: Element, result: Result): HighlightReport;
  /** Removes every mark and joins the text nodes back. */
  clear(element: Element): void;
  setHidden(element: Element, labels: Iterable<Label | "CLAIM">): void;
  /** The text whose offsets highlight() uses: text nodes in order, a line break around blocks. */
  textOf(element: Element): string;
  toWebAnnotations(result: Result, options?: WebAnnotationOptions): object;
  toHTML(text: string, result: Result, options?: { title?: string; source?: string }): string;
  groupByCluster(result: Result): ClusterGroup[];
  close(): void;
}

export interface ClusterGroup {
  cluster: number;
  label: Label;
  /** The longest mention. */
  name: string;
  count: number;
  /** Indexes into result.entities. */
  mentions: number[];
}

export function createAnnotator(options?: AnnotatorOptions): Promise<Annotator>;

export function highlight(element: Element, result: Pick<Result, "entities" | "claims">): HighlightReport;
export function clear(element: Element): void;
export function setHidden(element: Element, labels: Iterable<Label | "CLAIM">): void;
export function textOf(element: Element): string;
export function marksOf(element: Element, which?: { entity?: number; claim?: number }): Element[];
export function toWebAnnotations(result: Result, options?: WebAnnotationOptions): object;
export function toHTML(text: string, result: Result, options?: { title?: string; source?: string }): string;
export function groupByCluster(result: Result): ClusterGroup[];
export function escapeHTML(text: string): string;
export function installStyles(target?: Document | ShadowRoot): void;
export const HIGHLIGHT_CSS: string;
export const LABELS: Record<Label, { name: string; singular: string; colour: string; line: string }>;
