// Traditional characters with OpenCC, converted phrase-wise so that OpenCC's phrase tables apply
// (着眼 → 著眼 in Taiwan usage, 着 stays 着 in Hong Kong's). opencc-js's `cn2t` entry (only the
// Simplified→Traditional tables) is required on first use and each region's converter is built once:
// building one costs 50–150 ms, which commands without cards should not pay.
import { createRequire } from 'node:module';

export type Variant = 'tw' | 'hk' | 'cn-t';

type OpenCC = typeof import('opencc-js');
type Convert = (text: string) => string;

const require = createRequire(import.meta.url);
let opencc: OpenCC | undefined;
const converters = new Map<Variant, Convert>();

/** OpenCC's target locale per variant: Taiwan standard, Hong Kong standard, OpenCC's generic Traditional. */
const TARGET: Record<Variant, string> = { tw: 'tw', hk: 'hk', 'cn-t': 't' };

function converter(variant: Variant): Convert {
  const known = converters.get(variant);
  if (known) return known;
  opencc ??= require('opencc-js/cn2t') as OpenCC;
  const built: Convert = opencc.Converter({ from: 'cn', to: TARGET[variant] });
  converters.set(variant, built);
  return built;
}

/** The phrase in Traditional characters for the region's standard. */
export function toTraditional(text: string, variant: Variant): string {
  return converter(variant)(text);
}
