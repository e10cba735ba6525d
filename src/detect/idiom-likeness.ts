// How much a four-character string is built like an idiom, from its characters alone: a naive Bayes
// model over character positions and character pairs, trained at build time on the dictionaries' own
// labels (CC-CEDICT "(idiom)" and jieba `i` against jieba's nouns, verbs, names and CC-CEDICT's other
// four-character entries). Classical characters in idiom slots (铸剑为犁: …为…) score high; modern
// compounds (国际社会, 乡村振兴) score low. The score of a string the model was trained on leaves that
// string out (leave-one-out), so a word's own label never vouches for it.

export type IdiomLabel = 'idiom' | 'other';

function features(key: string): string[] {
  const [a = '', b = '', c = '', d = ''] = [...key];
  return [`1${a}`, `2${b}`, `3${c}`, `4${d}`, `ab${a}${b}`, `cd${c}${d}`, `bc${b}${c}`, `ac${a}${c}`, `bd${b}${d}`];
}

export class IdiomLikeness {
  private readonly idiomCounts = new Map<string, number>();
  private readonly otherCounts = new Map<string, number>();
  private readonly labels = new Map<string, IdiomLabel>();
  private idioms = 0;
  private others = 0;

  /** Four-character Han strings with their label; an idiom label wins over another for the same string. */
  constructor(examples: Iterable<readonly [string, IdiomLabel]>) {
    for (const [key, label] of examples) {
      if ([...key].length !== 4) continue;
      const known = this.labels.get(key);
      if (known === label || known === 'idiom') continue;
      if (known === 'other') this.count(key, 'other', -1);
      this.labels.set(key, label);
      this.count(key, label, 1);
    }
  }

  private count(key: string, label: IdiomLabel, delta: number): void {
    const table = label === 'idiom' ? this.idiomCounts : this.otherCounts;
    for (const f of features(key)) table.set(f, (table.get(f) ?? 0) + delta);
    if (label === 'idiom') this.idioms += delta;
    else this.others += delta;
  }

  /** Log-odds that the characters belong to an idiom rather than to another four-character word. */
  score(key: string): number {
    if ([...key].length !== 4) return 0;
    const own = this.labels.get(key);
    const ownIdiom = own === 'idiom' ? 1 : 0;
    const ownOther = own === 'other' ? 1 : 0;
    const idioms = this.idioms - ownIdiom;
    const others = this.others - ownOther;
    let total = 0;
    for (const f of features(key)) {
      const p = (this.idiomCounts.get(f) ?? 0) - ownIdiom;
      const n = (this.otherCounts.get(f) ?? 0) - ownOther;
      total += Math.log((p + 0.5) / (idioms + 1)) - Math.log((n + 0.5) / (others + 1));
    }
    return total;
  }
}

/** Above this score the characters are those of an idiom (about two thirds of such strings are, on general data). */
export const IDIOM_CHARACTERS = 5;
