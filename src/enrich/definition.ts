// Turns CC-CEDICT definition strings into card text: markers dropped, the literal and figurative senses
// told apart, cross-references recognised. Pure string work; looking the references up is meaning.ts's job.

export interface CleanDefinition {
  /** The figurative or main senses, in dictionary order. */
  senses: string[];
  /** The literal senses ("lit. …"). */
  literal: string[];
  /** Cross-references when the entry has nothing else (`see X`, `variant of X`, `erhua variant of X`). */
  references: Reference[];
}

export interface Reference {
  /** The target's simplified form. */
  simplified: string;
  /** The target's numbered reading when the reference gives one. */
  pinyin?: string;
  /** How the entry refers to it, e.g. `see`, `variant of`. */
  relation: string;
}

const REF = String.raw`([^\s\[\]|/;,]+)(?:\|([^\s\[\]/;,]+))?(?:\[([^\]]+)\])?`;
const REFERENCE_SENSE = new RegExp(
  String.raw`^(see also|see|(?:old |archaic |erhua |unofficial |Japanese )?variant of|same as|also written|also called|abbr\. for|erhua form of)\s+${REF}\s*(.*)$`,
  'i',
);
/** References that only add information when the entry has senses of its own. */
const INFORMATIONAL = /^(see also|also written|also called)$/i;

const INLINE_REF = /([^\s\[\]|/;,()"]+)\|([^\s\[\]/;,()"]+)(?:\[[^\]]+\])?|([^\s\[\]|/;,()"]+)\[[a-zA-Z:0-9 ,·]+\]/g;

const MARKERS =
  /\s*\((?:idiom|proverb|saying|set phrase|common saying|modern saying|Chinese proverb|lit\. (?:and|or) fig\.|fig\.|lit\.)\)/gi;
const MARKER_WITH_ORIGIN = /\((?:idiom|proverb|saying|set phrase), (from [^)]+)\)/gi;
const CLASSIFIER = /\s*\(?\bCL:[^)/]*\)?/g;
const PRONUNCIATION_NOTE = /^(Taiwan pr\.|also pr\.|pr\.|Taiwan also pr\.)/i;

/** `勢不可當|势不可当[shi4 bu4 ke3 dang1]` → `势不可当`; `亩[mu3]` → `亩`. */
export function plainReferences(text: string): string {
  return text.replace(INLINE_REF, (_all, _traditional: string | undefined, simplified: string | undefined, single: string | undefined) => simplified ?? single ?? '');
}

function tidy(text: string): string {
  return plainReferences(
    text
      .replace(MARKER_WITH_ORIGIN, '($1)')
      .replace(MARKERS, '')
      .replace(CLASSIFIER, ''),
  )
    .replace(/\s+/g, ' ')
    .replace(/\s+([,;.:)])/g, '$1')
    .replace(/\(\s*\)/g, '')
    .replace(/^[\s;,]+|[\s;,]+$/g, '')
    .trim();
}

type Role = 'literal' | 'figurative' | 'plain';

const SET_PHRASE_MARKER = /\((?:idiom|proverb|saying|set phrase)[^)]*\)/i;
const BOUNDARY_AFTER_MARKER = /^\s*[;,]\s+/;
const BOUNDARY_BEFORE_LABEL = /^[;,]\s+(?=\(?(?:lit|fig)\.\)?\s)/;

/**
 * Splits one sense at inner `lit.`/`fig.` boundaries (`X (idiom); fig. Y` → [X, figurative Y]) and after a
 * literal picture's marker (`lit. one day, a thousand miles (idiom); rapid progress`), but never inside
 * parentheses (`to cram (from Taiwanese …, lit. to gnaw a book)` stays whole).
 */
function splitSense(sense: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < sense.length; i++) {
    const char = sense[i];
    if (char === '(') depth++;
    else if (char === ')') {
      depth = Math.max(0, depth - 1);
      if (depth === 0 && SET_PHRASE_MARKER.test(sense.slice(sense.lastIndexOf('(', i), i + 1))) {
        const boundary = BOUNDARY_AFTER_MARKER.exec(sense.slice(i + 1));
        if (boundary) {
          parts.push(sense.slice(from, i + 1));
          from = i + 1 + boundary[0].length;
          i = from - 1;
        }
      }
    } else if (depth === 0 && (char === ';' || char === ',')) {
      const boundary = BOUNDARY_BEFORE_LABEL.exec(sense.slice(i));
      if (boundary) {
        parts.push(sense.slice(from, i));
        from = i + boundary[0].length;
        i = from - 1;
      }
    }
  }
  parts.push(sense.slice(from));
  return parts;
}

interface Piece {
  role: Role;
  text: string;
  /** The piece carried an (idiom)/(proverb)/(saying) marker: a set phrase's picture. */
  marked: boolean;
}

function segments(sense: string): Piece[] {
  return splitSense(sense).map((part) => {
    const trimmed = part.trim();
    const marked = SET_PHRASE_MARKER.test(trimmed);
    if (/^\(lit\. (?:and|or) fig\.\)/i.test(trimmed)) return { role: 'plain', text: trimmed, marked };
    if (/^\(?lit\.\)?\s/i.test(trimmed)) return { role: 'literal', text: trimmed.replace(/^\(?lit\.\)?\s+/i, ''), marked };
    if (/^\(?fig\.\)?\s/i.test(trimmed)) return { role: 'figurative', text: trimmed.replace(/^\(?fig\.\)?\s+/i, ''), marked };
    return { role: 'plain', text: trimmed, marked };
  });
}

export interface CleanOptions {
  /**
   * The entry's headword. For phrases of three or more characters the plain senses before the first
   * "fig." sense are its literal picture (及时雨: "timely rain / (fig.) timely help"); for shorter words
   * they are main senses (学问: "learning; knowledge / … (fig.) any activity that demands expertise").
   */
  headword?: string;
}

/** Cleans the senses of one CC-CEDICT entry. */
export function cleanDefinitions(definitions: readonly string[], options: CleanOptions = {}): CleanDefinition {
  const references: Reference[] = [];
  const pieces: Piece[] = [];
  for (const raw of definitions) {
    const sense = raw.trim();
    if (!sense || PRONUNCIATION_NOTE.test(sense) || /^CL:/.test(sense)) continue;
    const ref = REFERENCE_SENSE.exec(sense);
    if (ref) {
      const [, relation = '', first = '', second, pinyin, rest = ''] = ref;
      const reference: Reference = { relation: relation.toLowerCase(), simplified: second ?? first };
      if (pinyin) reference.pinyin = pinyin;
      // "variant of X, meaning Y" style tails keep their own sense.
      const tail = tidy(rest.replace(/^[,;]\s*/, ''));
      if (INFORMATIONAL.test(relation)) {
        references.push(reference);
        continue;
      }
      references.push(reference);
      if (tail) pieces.push({ role: 'plain', text: tail, marked: false });
      continue;
    }
    pieces.push(...segments(sense));
  }
  const cleaned = pieces.map((p) => ({ ...p, text: tidy(p.text) })).filter((p) => p.text.length > 0);

  // Without an explicit "lit.", the plain senses before the first "fig." one are the literal picture of
  // a set phrase (一丘之貉: "jackals of the same tribe (idiom); fig. They are all just as bad as each
  // other."), not of an ordinary word.
  const hasLiteral = cleaned.some((p) => p.role === 'literal');
  const firstFigurative = cleaned.findIndex((p) => p.role === 'figurative');
  const phraseLike = [...(options.headword ?? '').replace(/[^\p{Script=Han}]/gu, '')].length >= 3;
  const pictured = phraseLike || cleaned.slice(0, Math.max(0, firstFigurative)).some((p) => p.marked);
  if (!hasLiteral && firstFigurative > 0 && pictured) {
    for (let i = 0; i < firstFigurative; i++) {
      const piece = cleaned[i];
      if (piece) piece.role = 'literal';
    }
  }
  const literal = unique(cleaned.filter((p) => p.role === 'literal').map((p) => p.text));
  const senses = unique(cleaned.filter((p) => p.role !== 'literal').map((p) => p.text));
  const ownSense = senses.length > 0 || literal.length > 0;
  return {
    senses,
    literal,
    references: ownSense ? [] : references.filter((r) => !INFORMATIONAL.test(r.relation) || references.length === 1),
  };
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
