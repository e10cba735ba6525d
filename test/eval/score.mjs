// Scoring of phrase detections against the hand annotation of the seed speeches. Pure functions over plain
// data, shared by `npm run eval` (run.mjs) and the vitest suite (eval.test.ts), so both measure the same way.
import { hanOnly } from '../../dist/lexicon/paths.js';

export const KINDS = /** @type {const} */ (['chengyu', 'quotation', 'saying', 'term']);
export const DEFAULT_KINDS = /** @type {const} */ (['chengyu', 'quotation', 'saying']);
const LEVELS = new Set(['core', 'marginal']);

/**
 * @typedef {{ phrase: string, kind: string, level: 'core' | 'marginal', note: string, keys: string[], spellings: string[] }} Annotation
 *   `spellings`: the phrase and its other spellings; `keys`: those plus its dictionary forms.
 * @typedef {{ key: string, text: string, kind: string, dictionaryForm?: string | undefined }} Detected
 * @typedef {{ file: string, annotations: Annotation[], detections: Detected[] }} FileInput
 */

// A note may name other forms that count as the same item: `dictionary form: X` for an adapted phrase and
// `also: X / Y` (or `also written X`) for other spellings. Only the leading run of Han text and clause
// punctuation is taken, so a trailing explanation in the same note does not leak into the key.
const DICTIONARY_FORM = [/dictionary form:\s*([^;]+)/giu];
const OTHER_SPELLING = [/also:\s*([^;]+)/giu, /also written\s+([^;]+)/giu];
const LEADING_PHRASE = /^[\p{Script=Han}，、,\s]+/u;

/** @param {string} note @param {RegExp[]} markers */
function formsIn(note, markers) {
  /** @type {string[]} */
  const forms = [];
  for (const marker of markers) {
    for (const match of note.matchAll(marker)) {
      for (const part of (match[1] ?? '').split('/')) {
        const lead = LEADING_PHRASE.exec(part.trim());
        const key = lead ? hanOnly(lead[0]) : '';
        if (key.length > 0) forms.push(key);
      }
    }
  }
  return forms;
}

/** Every other form a note names (dictionary forms first), as keys. @param {string} note */
export function alternativeForms(note) {
  return [...formsIn(note, DICTIONARY_FORM), ...formsIn(note, OTHER_SPELLING)];
}

/**
 * Parses one annotation file (header line, then `phrase<TAB>kind<TAB>level<TAB>note`).
 * Throws on a malformed row: a silently skipped row would make the gold standard smaller without notice.
 * @param {string} tsv
 * @param {string} [file] for error messages
 * @returns {Annotation[]}
 */
export function parseAnnotations(tsv, file = 'annotation') {
  const lines = tsv.split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t');
  if (header[0] !== 'phrase' || header[1] !== 'kind' || header[2] !== 'level') {
    throw new Error(`${file}: the first line must be the header phrase<TAB>kind<TAB>level<TAB>note`);
  }
  /** @type {Annotation[]} */
  const items = [];
  const seen = new Set();
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const [phrase = '', kind = '', level = '', note = ''] = line.split('\t');
    const where = `${file}:${i + 2}`;
    const key = hanOnly(phrase);
    if (key.length === 0) throw new Error(`${where}: phrase has no Han characters`);
    if (!KINDS.includes(/** @type {never} */ (kind))) throw new Error(`${where}: unknown kind "${kind}"`);
    if (!LEVELS.has(level)) throw new Error(`${where}: level must be core or marginal, not "${level}"`);
    if (seen.has(key)) throw new Error(`${where}: ${phrase} is listed twice`);
    seen.add(key);
    const spellings = [...new Set([key, ...formsIn(note, OTHER_SPELLING)])];
    const keys = [...new Set([...spellings, ...formsIn(note, DICTIONARY_FORM)])];
    items.push({ phrase, kind, level: /** @type {'core' | 'marginal'} */ (level), note, keys, spellings });
  });
  return items;
}

/** @param {Detected} d */
function detectionKeys(d) {
  const keys = [hanOnly(d.key)];
  if (d.dictionaryForm) keys.push(hanOnly(d.dictionaryForm));
  return keys.filter((k) => k.length > 0);
}

/**
 * Matches one file's detections to its annotation. A detection whose key is an item's phrase or one of its
 * spellings matches that item. Otherwise a detection matches through a dictionary form (its own or the
 * item's); one such detection credits one item only, preferring an item not yet found, so a single adapted
 * phrase does not count as two different adaptations of the same idiom.
 * @param {FileInput} input
 */
export function matchFile({ file, annotations, detections }) {
  /** @param {(a: Annotation) => string[]} keysOf */
  const index = (keysOf) => {
    /** @type {Map<string, number[]>} */
    const byKey = new Map();
    annotations.forEach((a, i) => {
      for (const k of keysOf(a)) byKey.set(k, [...(byKey.get(k) ?? []), i]);
    });
    return byKey;
  };
  const bySpelling = index((a) => a.spellings);
  const byAnyKey = index((a) => a.keys);
  // The same phrase detected twice in one file is one item, as it is one item in the annotation.
  /** @type {Map<string, Detected>} */
  const unique = new Map();
  for (const d of detections) if (!unique.has(hanOnly(d.key))) unique.set(hanOnly(d.key), d);
  const scored = [...unique.values()].map((d) => ({
    file,
    detection: d,
    annotations: bySpelling.get(hanOnly(d.key)) ?? [],
  }));
  /** @type {Array<Set<number>>} */
  const foundBy = annotations.map(() => new Set());
  scored.forEach((s, di) => s.annotations.forEach((ai) => foundBy[ai]?.add(di)));
  scored.forEach((s, di) => {
    if (s.annotations.length > 0) return;
    const candidates = [...new Set(detectionKeys(s.detection).flatMap((k) => byAnyKey.get(k) ?? []))];
    const chosen = candidates.find((ai) => foundBy[ai]?.size === 0) ?? candidates[0];
    if (chosen === undefined) return;
    s.annotations = [chosen];
    foundBy[chosen]?.add(di);
  });
  const items = annotations.map((a, ai) => {
    const by = [...(foundBy[ai] ?? [])].map((di) => scored[di]?.detection).filter((d) => d !== undefined);
    return { file, annotation: a, foundBy: by, sameKind: by.some((d) => d.kind === a.kind) };
  });
  return { file, items, detections: scored };
}

/** @param {number} n @param {number} d */
const ratio = (n, d) => (d === 0 ? null : n / d);

/**
 * Micro-averaged figures over all files: every file's items and detections are counted separately.
 * Recall of kind K: annotated items of kind K found by a detection of any kind. Precision of kind K:
 * detections labelled K that match an annotated item (core or marginal, any kind).
 * @param {ReturnType<typeof matchFile>[]} matched
 */
export function summarise(matched) {
  const items = matched.flatMap((m) => m.items);
  const detections = matched.flatMap((m) => m.detections);
  /** @param {readonly string[]} kinds */
  const figures = (kinds) => {
    const ofKind = items.filter((i) => kinds.includes(i.annotation.kind));
    const core = ofKind.filter((i) => i.annotation.level === 'core');
    const found = ofKind.filter((i) => i.foundBy.length > 0);
    const coreFound = core.filter((i) => i.foundBy.length > 0);
    const detected = detections.filter((d) => kinds.includes(d.detection.kind));
    const correct = detected.filter((d) => d.annotations.length > 0);
    return {
      coreTotal: core.length,
      coreFound: coreFound.length,
      allTotal: ofKind.length,
      allFound: found.length,
      detected: detected.length,
      correct: correct.length,
      recallCore: ratio(coreFound.length, core.length),
      recallAll: ratio(found.length, ofKind.length),
      precision: ratio(correct.length, detected.length),
      kindAgreement: ratio(found.filter((i) => i.sameKind).length, found.length),
    };
  };
  /** @type {Record<string, ReturnType<typeof figures>>} */
  const perKind = {};
  for (const kind of KINDS) perKind[kind] = figures([kind]);
  return { perKind, defaultKinds: figures(DEFAULT_KINDS), allKinds: figures(KINDS) };
}

/**
 * What a developer needs to improve the detectors: per kind, the annotated items not found (core first) and
 * the detections that match nothing, each with its file; plus found items labelled with another kind.
 * @param {ReturnType<typeof matchFile>[]} matched
 */
export function errors(matched) {
  const items = matched.flatMap((m) => m.items);
  const detections = matched.flatMap((m) => m.detections);
  /** @type {Record<string, { misses: object[], falsePositives: object[], otherKind: object[] }>} */
  const out = {};
  for (const kind of KINDS) {
    const missed = items.filter((i) => i.annotation.kind === kind && i.foundBy.length === 0);
    out[kind] = {
      misses: [...missed]
        .sort((a, b) => (a.annotation.level === b.annotation.level ? 0 : a.annotation.level === 'core' ? -1 : 1))
        .map((i) => ({ phrase: i.annotation.phrase, level: i.annotation.level, file: i.file })),
      falsePositives: detections
        .filter((d) => d.detection.kind === kind && d.annotations.length === 0)
        .map((d) => ({ phrase: d.detection.text, file: d.file })),
      otherKind: items
        .filter((i) => i.annotation.kind === kind && i.foundBy.length > 0 && !i.sameKind)
        .map((i) => ({
          phrase: i.annotation.phrase,
          detectedAs: [...new Set(i.foundBy.map((d) => d.kind))].join('/'),
          file: i.file,
        })),
    };
  }
  return out;
}

/**
 * The targets for our detectors, and "ours beats the baseline on recall and precision of every kind".
 * Returns the failed checks as readable lines (empty when every target is met). A precision is only compared
 * with the baseline's when the baseline labels something with that kind.
 * @param {ReturnType<typeof summarise>} ours
 * @param {ReturnType<typeof summarise>} baseline
 */
export function targetFailures(ours, baseline) {
  /** @type {string[]} */
  const failures = [];
  /** @param {string} what @param {number | null} value @param {number} min */
  const atLeast = (what, value, min) => {
    if (value === null || value < min) failures.push(`${what} = ${fmt(value)}, target ≥ ${min}`);
  };
  const k = ours.perKind;
  atLeast('chengyu recall (core)', k.chengyu?.recallCore ?? null, 0.97);
  atLeast('chengyu precision', k.chengyu?.precision ?? null, 0.95);
  atLeast('quotation recall (core)', k.quotation?.recallCore ?? null, 0.9);
  atLeast('saying recall (core)', k.saying?.recallCore ?? null, 0.75);
  atLeast('term recall (core)', k.term?.recallCore ?? null, 0.75);
  atLeast('precision of the default kinds', ours.defaultKinds.precision, 0.9);
  for (const kind of KINDS) {
    const o = ours.perKind[kind];
    const b = baseline.perKind[kind];
    if (!o || !b) continue;
    if ((o.recallCore ?? 0) < (b.recallCore ?? 0)) {
      failures.push(`${kind} recall (core) ${fmt(o.recallCore)} is below the baseline's ${fmt(b.recallCore)}`);
    }
    if (b.precision !== null && (o.precision === null || o.precision < b.precision)) {
      failures.push(`${kind} precision ${fmt(o.precision)} is below the baseline's ${fmt(b.precision)}`);
    }
  }
  return failures;
}

/** @param {number | null | undefined} x */
export function fmt(x) {
  return x === null || x === undefined ? '—' : x.toFixed(3);
}
