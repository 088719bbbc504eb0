// `auto`'s calibration per adapter, remembered so a later visit need not measure again. IndexedDB:
// the one store both the page's worker and the extension's service worker have. Without it nothing
// is remembered; it never fails a request.

const DB_NAME = "article-annotator";
const STORE = "calibrations";

/** A verdict's key: adapter, engine version, model and browser (any change measures again). */
export function calibrationKey(info) {
  const a = info?.webgpu?.adapter ?? {};
  const browser = globalThis.navigator?.userAgent ?? "";
  return JSON.stringify([info?.model ?? "", info?.version ?? "", a.vendor ?? "", a.architecture ?? "", a.description ?? "", Boolean(a.isFallbackAdapter), browser]);
}

let opened = null;
function database() {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      if (!globalThis.indexedDB) return reject(new Error("no IndexedDB here"));
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB refused"));
      request.onblocked = () => reject(new Error("IndexedDB blocked"));
    });
    opened.catch(() => {});
  }
  return opened;
}

function transact(mode, act) {
  return database().then(
    (db) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = act(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted"));
      }),
  );
}

/** The stored calibration for `key`, or null (also when nothing can be stored here). */
export async function recall(key) {
  try {
    const value = await transact("readonly", (store) => store.get(key));
    return isCalibration(value) ? value : null;
  } catch {
    return null;
  }
}

/** Stores `calibration` for `key`; false when it could not be stored. */
export async function remember(key, calibration) {
  try {
    await transact("readwrite", (store) => store.put(calibration, key));
    return true;
  } catch {
    return false;
  }
}

function isCalibration(v) {
  return (
    v !== null && typeof v === "object" &&
    Number.isFinite(v.cpuTokensPerSecond) && Number.isFinite(v.gpuOverheadMs) && Number.isFinite(v.gpuTokensPerSecond) &&
    (v.crossoverTokens === null || Number.isInteger(v.crossoverTokens))
  );
}
