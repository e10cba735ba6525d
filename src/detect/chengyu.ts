// 成语: fixed four-character idioms. Dictionary evidence (CC-CEDICT's "(idiom)", jieba's `i`/`l` tags,
// a literal/figurative definition, the project's list) weighed against the sign of an ordinary compound:
// four characters that split into two common words (国际+社会) read literally unless a dictionary says
// otherwise.
import type { Evidence } from '../types.js';
import { classicalScore, has, scoreOf, type DictionaryMatch, type Proposal, variantEvidence, matchProposal, nameOrTechnical } from './proposal.js';

export const CHENGYU_THRESHOLD = 2;

/** Shapes that ordinary compounds rarely have: ABAC (自言自语), ABCB (人云亦云). */
function patterned(key: string): boolean {
  const [a, b, c, d] = [...key];
  return (a === c || b === d) && !(a === b && c === d);
}

/** AABB: mostly reduplicated adjectives and adverbs (扎扎实实, 方方面面), idioms only when marked. */
function reduplicated(key: string): boolean {
  const [a, b, c, d] = [...key];
  return a === b && c === d;
}

export function chengyuEvidence(match: DictionaryMatch): Evidence[] {
  const { entry } = match;
  const f = entry.flags;
  const length = [...entry.key].length;
  const ev: Evidence[] = [];
  if (has(f, 'x')) ev.push({ code: 'non-idiom-list', weight: -10, note: 'on the project list of ordinary compounds' });
  if (has(f, 'h')) ev.push({ code: 'idiom-list', weight: 3, note: 'on the project list of idioms missing from CC-CEDICT' });
  if (has(f, 'I')) ev.push({ code: 'cedict-idiom', weight: 3, note: 'CC-CEDICT marks it (idiom)' });
  if (has(f, 'i')) {
    const rare = entry.freq <= 3;
    ev.push({ code: 'jieba-i', weight: rare ? 1 : 2, note: `jieba tags it i (成语)${rare ? ', rare' : ''}` });
  }
  if (has(f, 'l')) {
    // jieba's floor frequency (3) on a string no dictionary lists is its weakest tag.
    // Without CC-CEDICT behind it the tag is right about half the time (春暖花开 but also 更进一步,
    // 不复存在): it then needs another sign, such as an idiom's shape or a classical word.
    const weight = !has(f, 'C') ? (entry.freq > 3 ? 1 : 0.5) : entry.freq > 3 ? 1.25 : 1;
    ev.push({ code: 'jieba-l', weight, note: 'jieba tags it l (习用语)' });
  }
  if (has(f, 'C') && !has(f, 'I')) ev.push({ code: 'cedict-entry', weight: 0.5, note: 'CC-CEDICT lists it as a unit' });
  if (has(f, 'F')) ev.push({ code: 'cedict-figurative', weight: 0.75, note: 'CC-CEDICT gives a literal and a figurative sense' });
  if (has(f, 'L') || has(f, 'O')) ev.push({ code: 'classical-source', weight: 0.5, note: 'literary, or from a named classical source' });
  if (has(f, 'j') && entry.freq > 3 && !has(f, 'i') && !has(f, 'l')) {
    ev.push({ code: 'jieba-word', weight: 0.5, note: 'jieba knows it as one word' });
  }
  if (length === 4) {
    // Two common words side by side usually read literally (国际+社会); an idiom a dictionary marks can
    // still be built that way (深入+人心), so the marks soften the penalty.
    const marked = has(f, 'I') || has(f, 'h') || (has(f, 'i') && entry.freq > 3);
    if (has(f, 'W')) ev.push({ code: 'two-common-words', weight: marked ? -0.5 : -2.5, note: 'splits into two very common words' });
    else if (has(f, 'w')) ev.push({ code: 'two-words', weight: marked ? 0 : -1, note: 'splits into two common words' });
    else ev.push({ code: 'not-two-words', weight: 0.75, note: 'does not split into two common words' });
    // In a frame (有X有Y, 从X到Y) the halves are never words: the frame, not the halves, says how fixed it is.
    if (has(f, 'b') && !patterned(entry.key)) ev.push({ code: 'bound-halves', weight: 0.75, note: 'neither half is a free modern word' });
    // The model learnt from jieba's tags: on a word jieba tags it would count the same evidence twice.
    if (has(f, 'k') && !has(f, 'i') && !has(f, 'l')) ev.push({ code: 'idiom-characters', weight: 0.5, note: 'its characters and their pairs are typical of idioms' });
    if (patterned(entry.key)) ev.push({ code: 'idiom-shape', weight: 0.5, note: 'ABAC/ABCB shape' });
    if (classicalScore(entry.key) >= 1) ev.push({ code: 'classical-words', weight: 0.5, note: 'classical function word' });
  }
  if (nameOrTechnical(f)) ev.push({ code: 'name-or-technical', weight: -3, note: 'CC-CEDICT: a name or technical term' });
  const idiomMark = /[Iih]/.test(f);
  if (length === 4 && reduplicated(entry.key) && !idiomMark) ev.push({ code: 'reduplication', weight: -1.25, note: 'AABB reduplication' });
  if (has(f, 'D') && !has(f, 'I') && !has(f, 'h')) ev.push({ code: 'colloquial', weight: -1, note: 'CC-CEDICT: colloquial, dialect or slang' });
  if (has(f, 'z') && !idiomMark) ev.push({ code: 'state-word', weight: -1, note: 'jieba tags it z (a descriptive state word: 傻里傻气)' });
  if (has(f, 'M') && !idiomMark) ev.push({ code: 'countable-noun', weight: -1.5, note: 'CC-CEDICT gives it a measure word: a noun' });
  if (has(f, 'e') && !idiomMark && !has(f, 'F')) ev.push({ code: 'noun-compound', weight: -1.25, note: 'ends in a common noun' });
  ev.push(...variantEvidence(match));
  return ev;
}

export function judgeChengyu(match: DictionaryMatch): Proposal | null {
  const evidence = chengyuVerdict(match);
  return evidence ? chengyuProposal(match, evidence) : null;
}

/** The evidence that a dictionary match is an idiom, or null when it is not one. */
export function chengyuVerdict(match: DictionaryMatch): Evidence[] | null {
  const { entry } = match;
  const length = [...entry.key].length;
  // Four characters, the project's own list, or a longer single clause CC-CEDICT calls an idiom and that
  // is built like classical Chinese (不可同日而语, 万变不离其宗). Longer "idioms" in plain modern words
  // (千里送鹅毛, 先下手为强) are 俗语: the saying detector's.
  const longIdiom =
    length >= 5 && length <= 7 && has(entry.flags, 'I') && !/[PSQ]/.test(entry.flags) && classicalScore(entry.key) >= 1;
  if (length !== 4 && !has(entry.flags, 'h') && !longIdiom) return null;
  if (entry.breaks.length > 0) return null;
  const evidence = chengyuEvidence(match);
  if (scoreOf(evidence) < CHENGYU_THRESHOLD) return null;
  return evidence;
}

export function chengyuProposal(match: DictionaryMatch, evidence: Evidence[]): Proposal {
  return matchProposal('chengyu', match, evidence);
}
