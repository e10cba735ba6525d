// Traditional characters with OpenCC, converted phrase-wise so that OpenCC's phrase tables apply
// (着眼 → 著眼 in Taiwan usage, 着 stays 着 in Hong Kong's). opencc-js's `cn2t` entry (only the
// Simplified→Traditional tables) is required on first use, never at module load.
//
// Building OpenCC's converter means loading ~50,000 phrase pairs into tries (150–200 ms on this machine,
// every CLI run). A batch of card phrases needs only the pairs whose Simplified side occurs in them, so
// `traditionalConverter` builds its tries from those alone; the result is the same (a pair whose key is
// not a substring of the text can never match) and the equivalence is tested against OpenCC's own
// converter over thousands of phrases.
//
// Even loading opencc-js's bundle costs ~25 ms, most of it its 1 MB phrase list. So the build
// (src/lexicon/build-readings.ts) also writes OpenCC's locale settings with their small dictionaries
// (dist/data/opencc.json) and the large ones as sorted pairs (dist/data/opencc-pairs.tsv); a batch then
// takes its pairs by binary search and only opencc-js's small `core` module is loaded (its Trie and
// ConverterFactory, the code that converts). Where that is not possible (data not built, a Node without
// require() of ES modules) the bundle is used as before; the output is the same either way.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import { openSortedTable, type SortedTable } from '../lexicon/cedict.js';
import { DATA_DIR, PACKAGE_ROOT } from '../lexicon/paths.js';

export type Variant = 'tw' | 'hk' | 'cn-t';

type Convert = (text: string) => string;
export type DictLike = string | readonly (readonly [string, string])[];
type DictGroup = readonly DictLike[];

interface TrieLike {
  loadDictGroup(group: DictGroup): void;
  segment(text: string): string[];
  convert(text: string): string;
}

export interface LocaleConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictGroup;
  conversionChain: readonly DictGroup[];
}

/** The converting code of opencc-js, in its `core` module and in its bundles. */
interface OpenCCCore {
  ConverterFactory(...groups: DictGroup[]): Convert;
  Trie: new () => TrieLike;
}

/** The part of opencc-js's UMD `cn2t` build this module uses (its published types omit `configs` details). */
export interface OpenCCModule extends OpenCCCore {
  Converter(options: { from: string; to: string }): Convert;
  Locale: { configs: Record<string, LocaleConfig> };
}

const require = createRequire(import.meta.url);
let opencc: OpenCCModule | undefined;
export function openccModule(): OpenCCModule {
  opencc ??= require('opencc-js/cn2t') as OpenCCModule;
  return opencc;
}

/** OpenCC's target locale per variant: Taiwan standard, Hong Kong standard, OpenCC's generic Traditional. */
const TARGET: Record<Variant, string> = { tw: 'tw', hk: 'hk', 'cn-t': 't' };

/** OpenCC's settings name for converting mainland Simplified into the variant. */
export function openccConfigName(variant: Variant): string {
  return `s2${TARGET[variant]}`;
}

const fullConverters = new Map<Variant, Convert>();

/** OpenCC's own converter for the variant, built once per process. */
function fullConverter(variant: Variant): Convert {
  const known = fullConverters.get(variant);
  if (known) return known;
  const built: Convert = openccModule().Converter({ from: 'cn', to: TARGET[variant] });
  fullConverters.set(variant, built);
  return built;
}

/** The phrase in Traditional characters for the region's standard. */
export function toTraditional(text: string, variant: Variant): string {
  return fullConverter(variant)(text);
}

/** Above this many phrases the substring index costs more than it saves; OpenCC's converter is used. */
const MAX_BATCH = 3000;
/** Serialised dictionaries smaller than this are loaded whole. */
const FILTER_ABOVE = 2000;

function entryKey(entry: string): string {
  return entry.slice(0, entry.indexOf(' '));
}

export function longestKey(dict: string): number {
  let longest = 0;
  for (const entry of dict.split('|')) longest = Math.max(longest, entry.indexOf(' '));
  return longest;
}

/** Where a batch converter gets its code and dictionaries; `D` is how a dictionary is referred to. */
interface DictionarySource<D> {
  core: OpenCCCore;
  normalizationChain: readonly (readonly D[])[];
  segmentation: readonly D[] | undefined;
  conversionChain: readonly (readonly D[])[];
  whole(dict: D): DictLike;
  /** The dictionary's pairs whose key is one of `substrings`, in its own order; undefined: load it whole. */
  narrow(dict: D, substrings: ReadonlySet<string>): DictLike | undefined;
  longestKey(dict: D): number;
}

/** Every substring of the texts up to `maxLength` code points. */
function substringsOf(texts: Iterable<string>, maxLength: number): Set<string> {
  const substrings = new Set<string>();
  for (const text of texts) {
    const chars = [...text];
    for (let i = 0; i < chars.length; i++) {
      let piece = '';
      for (let length = 1; length <= maxLength && i + length <= chars.length; length++) {
        piece += chars[i + length - 1];
        substrings.add(piece);
      }
    }
  }
  return substrings;
}

function batchConverter<D>(source: DictionarySource<D>, variant: Variant, texts: readonly string[]): Convert {
  const { core } = source;
  const narrowed = new Map<ReadonlySet<string>, Map<D, DictLike>>();
  const narrow = (dict: D, substrings: ReadonlySet<string>): DictLike => {
    const known = narrowed.get(substrings) ?? new Map<D, DictLike>();
    narrowed.set(substrings, known);
    let kept = known.get(dict);
    if (kept === undefined) {
      kept = source.narrow(dict, substrings) ?? source.whole(dict);
      known.set(dict, kept);
    }
    return kept;
  };
  const trie = (group: readonly D[], substrings: ReadonlySet<string> | undefined): TrieLike => {
    const t = new core.Trie();
    // opencc-js rejects an empty serialised dictionary, which filtering can produce.
    t.loadDictGroup(substrings ? group.map((d) => narrow(d, substrings)).filter((d) => d.length > 0) : group.map((d) => source.whole(d)));
    return t;
  };
  const longest = (dicts: readonly D[]): number => Math.max(1, ...dicts.map((d) => source.longestKey(d)));
  const distinct = new Set(texts);
  // Each trie matches only keys that occur in the text it reads, so it needs only those pairs: the
  // normalisation reads the input; the segmentation and the first conversion group read the normalised
  // input; later groups read converted text and are loaded whole. (OpenCC's ConverterFactory chains one
  // trie per group, as `normalize` does.)
  const normalizers = source.normalizationChain.map((group) => trie(group, substringsOf(distinct, longest(group))));
  const normalize = (text: string): string => normalizers.reduce((res, t) => t.convert(res), text);
  const [firstGroup = [], ...laterGroups] = source.conversionChain;
  const normalised = [...distinct].map(normalize);
  const substrings = substringsOf(normalised, longest([...(source.segmentation ?? []), ...firstGroup]));
  const segmentation = source.segmentation ? trie(source.segmentation, substrings) : undefined;
  const groups = [trie(firstGroup, substrings), ...laterGroups.map((g) => trie(g, undefined))];
  const known = new Set(texts);
  return (text) => {
    if (!known.has(text)) return toTraditional(text, variant);
    const normal = normalize(text);
    const segments = segmentation ? segmentation.segment(normal) : [normal];
    return groups.reduce((parts, t) => parts.map((part) => t.convert(part)), segments).join('');
  };
}

/** opencc-js's bundle and its locale settings, dictionaries in memory. */
function bundleSource(config: LocaleConfig): DictionarySource<DictLike> {
  return {
    core: openccModule(),
    normalizationChain: config.normalizationChain ?? [],
    segmentation: config.segmentation,
    conversionChain: config.conversionChain,
    whole: (dict) => dict,
    narrow: (dict, substrings) =>
      typeof dict !== 'string' || dict.length <= FILTER_ABOVE
        ? undefined
        : dict
            .split('|')
            .filter((entry) => substrings.has(entryKey(entry)))
            .join('|'),
    longestKey: (dict) => (typeof dict === 'string' && dict.length > FILTER_ABOVE ? longestKey(dict) : 0),
  };
}

export const OPENCC_DATA_FILE = 'opencc.json';
export const OPENCC_PAIRS_FILE = 'opencc-pairs.tsv';

/** A large dictionary kept in opencc-pairs.tsv as `key, dictionary number, position, entry` lines. */
export interface TableDict {
  table: number;
  longestKey: number;
}

/** dist/data/opencc.json: OpenCC's settings per variant, each dictionary given by its number in `dicts`. */
export interface OpenCCData {
  /** opencc-js's version, so that data from another version is not mixed with its code. */
  version: string;
  configs: Record<Variant, { normalizationChain: number[][]; segmentation?: number[]; conversionChain: number[][] }>;
  dicts: (string | TableDict)[];
}

/**
 * The installed opencc-js's folder: ours in the usual layout (looked up directly: resolving a package
 * through its exports map costs ~5 ms), else wherever its `core` entry resolves.
 */
function openccRoot(): string {
  const local = join(PACKAGE_ROOT, 'node_modules', 'opencc-js');
  if (existsSync(join(local, 'package.json'))) return local;
  const core = require.resolve('opencc-js/core');
  return core.slice(0, core.lastIndexOf(`${sep}dist${sep}`));
}

/** The installed opencc-js's version (read from its package.json, which it does not export). */
export function openccVersion(): string {
  return (JSON.parse(readFileSync(join(openccRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** opencc-js's `core` entry (its exports map names ./dist/esm-lib/core.js), loaded by path. */
function openccCore(): OpenCCCore {
  return require(join(openccRoot(), 'dist', 'esm-lib', 'core.js')) as OpenCCCore;
}

let builtOpenCC: { data: OpenCCData; pairs: SortedTable; core: OpenCCCore } | null | undefined;

function builtData(): { data: OpenCCData; pairs: SortedTable; core: OpenCCCore } | null {
  if (builtOpenCC === undefined) {
    builtOpenCC = null;
    try {
      if (process.features.require_module) {
        const data = JSON.parse(readFileSync(join(DATA_DIR, OPENCC_DATA_FILE), 'utf8')) as OpenCCData;
        if (data.version === openccVersion()) {
          const pairs = openSortedTable(join(DATA_DIR, OPENCC_PAIRS_FILE));
          builtOpenCC = { data, pairs, core: openccCore() };
        }
      }
    } catch {
      builtOpenCC = null;
    }
  }
  return builtOpenCC;
}

/** The built data as a dictionary source, or undefined when it cannot be used. */
function builtSource(variant: Variant): DictionarySource<number> | undefined {
  const found = builtData();
  const config = found?.data.configs[variant];
  if (!found || !config) return undefined;
  const { data, pairs, core } = found;
  // Several dictionaries live in the pairs table, and one line of it can serve any of them.
  const linesByPiece = new Map<string, string[]>();
  const dict = (id: number): string | TableDict => {
    const d = data.dicts[id];
    if (d === undefined) throw new Error(`opencc data: no dictionary ${id}`);
    return d;
  };
  return {
    core,
    normalizationChain: config.normalizationChain,
    segmentation: config.segmentation,
    conversionChain: config.conversionChain,
    whole: (id) => {
      const d = dict(id);
      if (typeof d !== 'string') throw new Error(`opencc data: dictionary ${id} is only in the pairs table`);
      return d;
    },
    narrow: (id, substrings) => {
      const d = dict(id);
      if (typeof d === 'string') {
        return d.length <= FILTER_ABOVE
          ? undefined
          : d
              .split('|')
              .filter((entry) => substrings.has(entryKey(entry)))
              .join('|');
      }
      const kept: [number, string][] = [];
      for (const piece of substrings) {
        let lines = linesByPiece.get(piece);
        if (!lines) {
          lines = pairs.linesOf(piece);
          linesByPiece.set(piece, lines);
        }
        for (const line of lines) {
          const [, table = '', position = '', entry = ''] = line.split('\t');
          if (Number(table) === d.table) kept.push([Number(position), entry]);
        }
      }
      return kept
        .sort((a, b) => a[0] - b[0])
        .map(([, entry]) => entry)
        .join('|');
    },
    longestKey: (id) => {
      const d = dict(id);
      return typeof d === 'string' ? (d.length > FILTER_ABOVE ? longestKey(d) : 0) : d.longestKey;
    },
  };
}

/**
 * A converter for the given phrases (and any text made only of their substrings), equal in output to
 * OpenCC's for those texts and cheaper to build. Other texts fall back to OpenCC's full converter.
 */
export function traditionalConverter(variant: Variant, texts: readonly string[]): Convert {
  if (texts.length === 0 || texts.length > MAX_BATCH) return (text) => toTraditional(text, variant);
  const fromBuild = builtSource(variant);
  if (fromBuild) return batchConverter(fromBuild, variant, texts);
  const config = openccModule().Locale.configs[openccConfigName(variant)];
  if (!config) return (text) => toTraditional(text, variant);
  return batchConverter(bundleSource(config), variant, texts);
}

/** Which dictionaries `traditionalConverter` uses here (tests). */
export function traditionalDataSource(variant: Variant): 'build' | 'bundle' {
  return builtSource(variant) ? 'build' : 'bundle';
}
