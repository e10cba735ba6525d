// Runs our extractor and the jieba + CC-CEDICT "(idiom)" baseline on every annotated seed speech and scores
// both. The speeches are read from ../shared/seeds beside the repository; they never enter the project.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { cedict } from '../../dist/lexicon/cedict.js';
import { KINDS, errors, matchFile, parseAnnotations, summarise } from './score.mjs';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SEEDS_DIR = resolve(REPO_ROOT, '..', 'shared', 'seeds');
export const ANNOTATIONS_DIR = fileURLToPath(new URL('./annotations/', import.meta.url));

/**
 * @typedef {import('./score.mjs').Detected} Detected
 * @typedef {(seedPath: string) => Promise<Detected[]>} Extractor
 */

/** Annotated seeds: every `annotations/<name>.tsv` whose `<name>.txt` exists among the seeds. */
export function annotatedSeeds(annotationsDir = ANNOTATIONS_DIR, seedsDir = SEEDS_DIR) {
  if (!existsSync(seedsDir)) throw new Error(`the seed speeches are not at ${seedsDir}`);
  return readdirSync(annotationsDir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.tsv'.length);
      return { name, seedPath: join(seedsDir, `${name}.txt`), annotationPath: join(annotationsDir, f) };
    })
    .filter((s) => existsSync(s.seedPath));
}

/** Our extractor, from the built pipeline: all four kinds, no top limit, every count. */
export async function ourExtractor() {
  const { extract } = await import('../../dist/pipeline.js');
  /** @type {Extractor} */
  return async (seedPath) => {
    const { cards } = await extract([seedPath], {
      kinds: KINDS,
      minCount: 1,
      toneSandhi: false,
      variant: 'tw',
    });
    return cards.map((c) => ({ key: c.key, text: c.text, kind: c.kind, dictionaryForm: c.dictionaryForm }));
  };
}

// CC-CEDICT writes the marker as "(idiom)" and sometimes with a source inside the same brackets,
// "(idiom, from Mencius)"; both are the dictionary saying "idiom".
const IDIOM_MARKER = /\(idiom[,)]/;

/**
 * The baseline of issue 4: segment the raw text with jieba, look every token up in CC-CEDICT and keep the
 * tokens an entry marks as an idiom, all labelled chengyu.
 * @returns {Extractor}
 */
export function baselineExtractor() {
  const jieba = Jieba.withDict(dict);
  const dictionary = cedict();
  return async (seedPath) => {
    const text = readFileSync(seedPath, 'utf8');
    /** @type {Map<string, Detected>} */
    const found = new Map();
    for (const token of jieba.cut(text, true)) {
      if (found.has(token)) continue;
      const marked = dictionary.lookup(token).some((e) => e.definitions.some((d) => IDIOM_MARKER.test(d)));
      if (marked) found.set(token, { key: token, text: token, kind: 'chengyu' });
    }
    return [...found.values()];
  };
}

/**
 * Scores the given systems on every annotated seed.
 * @param {Record<string, Extractor>} systems
 * @param {{ annotationsDir?: string, seedsDir?: string }} [dirs]
 */
export async function evaluate(systems, dirs = {}) {
  const seeds = annotatedSeeds(dirs.annotationsDir, dirs.seedsDir);
  const annotations = new Map(
    seeds.map((s) => [s.name, parseAnnotations(readFileSync(s.annotationPath, 'utf8'), `${s.name}.tsv`)]),
  );
  /** @type {Record<string, { summary: ReturnType<typeof summarise>, errors: ReturnType<typeof errors>, perFile: Record<string, ReturnType<typeof summarise>> }>} */
  const results = {};
  for (const [system, extractor] of Object.entries(systems)) {
    const matched = [];
    for (const s of seeds) {
      const detections = await extractor(s.seedPath);
      matched.push(matchFile({ file: s.name, annotations: annotations.get(s.name) ?? [], detections }));
    }
    results[system] = {
      summary: summarise(matched),
      errors: errors(matched),
      perFile: Object.fromEntries(matched.map((m) => [m.file, summarise([m])])),
    };
  }
  return { seeds: seeds.map((s) => s.name), results };
}
