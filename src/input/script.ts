// Traditional-script input: decide from the characters whether a text is mostly Traditional, and convert
// it to Simplified for detection. opencc-js is loaded on first use only (synchronously, through its
// CommonJS build), so Simplified input never pays its load time.
import { createRequire } from 'node:module';
import { characterFlags, simplifiedOnly, SIMPLIFIED_FLAG, TRADITIONAL_FLAG, traditionalOnly } from './hanzi-data.js';

export interface ScriptCounts {
  /** Characters that exist only in Traditional script (among the common ones we know). */
  traditional: number;
  /** Characters that exist only in Simplified script (among the common ones we know). */
  simplified: number;
}

/** A prefix is enough to tell the script, and keeps huge inputs cheap. */
export const SCRIPT_PREFIX = 200_000;

export function countScriptMarkers(text: string): ScriptCounts {
  const { bmp, hasAstral } = characterFlags();
  if (hasAstral) return countByCodePoint(text);
  // Every listed character is one code unit, so a surrogate (flag 0) can never be counted by mistake.
  const end = Math.min(text.length, SCRIPT_PREFIX);
  let t = 0;
  let s = 0;
  for (let i = 0; i < end; i++) {
    const flag = bmp[text.charCodeAt(i)] as number;
    if (flag & TRADITIONAL_FLAG) t++;
    else if (flag & SIMPLIFIED_FLAG) s++;
  }
  return { traditional: t, simplified: s };
}

function countByCodePoint(text: string): ScriptCounts {
  const traditional = traditionalOnly();
  const simplified = simplifiedOnly();
  let t = 0;
  let s = 0;
  for (const ch of text.slice(0, SCRIPT_PREFIX)) {
    if (traditional.has(ch)) t++;
    else if (simplified.has(ch)) s++;
  }
  return { traditional: t, simplified: s };
}

/**
 * Mostly Traditional: Traditional-only characters clearly outnumber Simplified-only ones. A Simplified text
 * quoting a Traditional title, or a Traditional text with a few stray Simplified characters, keeps the
 * majority's script. A text with no Simplified-only character at all is Traditional from its first
 * Traditional one: a short one (實事求是, a pasted line) may hold only one, and reading it as Simplified
 * found nothing in it, while converting a text with nothing Simplified-only cannot spoil Simplified writing.
 */
export function isMostlyTraditional(text: string): boolean {
  return mostlyTraditional(countScriptMarkers(text));
}

/** `isMostlyTraditional` from counts already taken. */
export function mostlyTraditional({ traditional, simplified }: ScriptCounts): boolean {
  return (traditional >= 2 && traditional > 2 * simplified) || (traditional >= 1 && simplified === 0);
}

type Convert = (text: string) => string;
interface OpenCCModule {
  Converter(options: { from: string; to: string }): Convert;
}

let converter: Convert | undefined;

/** Traditional (any regional standard) → Simplified (mainland). Loads opencc-js on first call. */
export function toSimplified(text: string): string {
  if (!converter) {
    const require = createRequire(import.meta.url);
    const opencc = require('opencc-js/t2cn') as OpenCCModule;
    converter = opencc.Converter({ from: 'tw', to: 'cn' });
  }
  return converter(text);
}
