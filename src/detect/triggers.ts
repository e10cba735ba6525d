// Which detectors a sentence can concern at all. Most detectors look for a word or a mark that most
// sentences lack (a quotation mark, 就是, 主义, a cue verb): each asks here for a bit standing for its
// trigger characters, and skips any sentence whose bits (`sentenceTriggers`, from the one pass over the
// sentence that text.ts makes) say none of them occurs, instead of searching the sentence itself.

/** Per UTF-16 unit, the trigger bits it sets (read by the sentence scan, `sentenceTriggers` in text.ts). */
export const UNIT_TRIGGERS = new Int32Array(0x10000);
/** The bit given to each set of characters, so that detectors asking for the same set share one. */
const BIT_OF = new Map<string, number>();
const MAX_BITS = 32;

/**
 * The bit `sentenceTriggers` sets for a sentence holding any of `chars` (UTF-16 units of the BMP). Asked
 * for once, when a detector's module loads; the same set of characters always gets the same bit.
 */
export function triggerFor(chars: string): number {
  const known = BIT_OF.get(chars);
  if (known !== undefined) return known;
  if (BIT_OF.size >= MAX_BITS) throw new Error(`more than ${MAX_BITS} sets of trigger characters`);
  const bit = 1 << BIT_OF.size;
  BIT_OF.set(chars, bit);
  for (let i = 0; i < chars.length; i++) {
    const unit = chars.charCodeAt(i);
    UNIT_TRIGGERS[unit] = (UNIT_TRIGGERS[unit] ?? 0) | bit;
  }
  return bit;
}

/** Whether `triggers` (from `sentenceTriggers`) has every bit of `needed` (an OR of `triggerFor` bits). */
export function hasTriggers(triggers: number, needed: number): boolean {
  return (triggers & needed) === needed;
}
