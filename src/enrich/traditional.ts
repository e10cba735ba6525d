// Traditional characters with OpenCC, converted phrase-wise so that OpenCC's phrase tables apply
// (着眼 → 著眼 in Taiwan usage, 着 stays 着 in Hong Kong's). opencc-js's `cn2t` entry (only the
// Simplified→Traditional tables) is required on first use, never at module load.
//
// Building OpenCC's converter means loading ~50,000 phrase pairs into tries (150–200 ms on this machine,
// every CLI run). A batch of card phrases needs only the pairs whose Simplified side occurs in them, so
// `traditionalConverter` builds its tries from those alone; the result is the same (a pair whose key is
// not a substring of the text can never match) and the equivalence is tested against OpenCC's own
// converter over thousands of phrases.
import { createRequire } from 'node:module';

export type Variant = 'tw' | 'hk' | 'cn-t';

type Convert = (text: string) => string;
type DictLike = string | readonly (readonly [string, string])[];
type DictGroup = readonly DictLike[];

interface TrieLike {
  loadDictGroup(group: DictGroup): void;
  segment(text: string): string[];
  convert(text: string): string;
}

interface LocaleConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictGroup;
  conversionChain: readonly DictGroup[];
}

/** The part of opencc-js's UMD `cn2t` build this module uses (its published types omit `configs` details). */
interface OpenCCModule {
  Converter(options: { from: string; to: string }): Convert;
  ConverterFactory(...groups: DictGroup[]): Convert;
  Trie: new () => TrieLike;
  Locale: { configs: Record<string, LocaleConfig> };
}

const require = createRequire(import.meta.url);
let opencc: OpenCCModule | undefined;
function openccModule(): OpenCCModule {
  opencc ??= require('opencc-js/cn2t') as OpenCCModule;
  return opencc;
}

/** OpenCC's target locale per variant: Taiwan standard, Hong Kong standard, OpenCC's generic Traditional. */
const TARGET: Record<Variant, string> = { tw: 'tw', hk: 'hk', 'cn-t': 't' };

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

function longestKey(dict: string): number {
  let longest = 0;
  for (const entry of dict.split('|')) longest = Math.max(longest, entry.indexOf(' '));
  return longest;
}

/**
 * A converter for the given phrases (and any text made only of their substrings), equal in output to
 * OpenCC's for those texts and cheaper to build. Other texts fall back to OpenCC's full converter.
 */
export function traditionalConverter(variant: Variant, texts: readonly string[]): Convert {
  if (texts.length === 0 || texts.length > MAX_BATCH) return (text) => toTraditional(text, variant);
  const module = openccModule();
  const config = module.Locale.configs[`s2${TARGET[variant]}`];
  if (!config) return (text) => toTraditional(text, variant);
  const normalize = module.ConverterFactory(...(config.normalizationChain ?? []));

  // The segmentation and the first conversion group read the normalised input, so only their pairs can
  // be filtered by the input's substrings; later groups read converted text and are loaded whole.
  const [firstGroup = [], ...laterGroups] = config.conversionChain;
  const bigDicts = [...(config.segmentation ?? []), ...firstGroup].filter((d): d is string => typeof d === 'string' && d.length > FILTER_ABOVE);
  const maxKey = Math.max(1, ...bigDicts.map(longestKey));
  const substrings = new Set<string>();
  for (const text of new Set(texts)) {
    const chars = [...normalize(text)];
    for (let i = 0; i < chars.length; i++) {
      let piece = '';
      for (let length = 1; length <= maxKey && i + length <= chars.length; length++) {
        piece += chars[i + length - 1];
        substrings.add(piece);
      }
    }
  }
  const filtered = new Map<string, string>();
  const filter = (dict: DictLike): DictLike => {
    if (typeof dict !== 'string' || dict.length <= FILTER_ABOVE) return dict;
    let kept = filtered.get(dict);
    if (kept === undefined) {
      kept = dict
        .split('|')
        .filter((entry) => substrings.has(entry.slice(0, entry.indexOf(' '))))
        .join('|');
      filtered.set(dict, kept);
    }
    return kept;
  };
  const trie = (group: DictGroup, narrow: boolean): TrieLike => {
    const t = new module.Trie();
    // opencc-js rejects an empty serialised dictionary, which filtering can produce.
    t.loadDictGroup(narrow ? group.map(filter).filter((d) => d.length > 0) : group);
    return t;
  };
  const segmentation = config.segmentation ? trie(config.segmentation, true) : undefined;
  const groups = [trie(firstGroup, true), ...laterGroups.map((g) => trie(g, false))];
  const known = new Set(texts);
  return (text) => {
    if (!known.has(text)) return toTraditional(text, variant);
    const normal = normalize(text);
    const segments = segmentation ? segmentation.segment(normal) : [normal];
    return groups.reduce((parts, t) => parts.map((part) => t.convert(part)), segments).join('');
  };
}
