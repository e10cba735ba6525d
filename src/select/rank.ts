// The score that orders a deck: what a learner most needs first. It adds to the detectors' evidence
// (how sure we are that this is a real idiom, line or saying, capped so certainty alone does not decide)
// the phrase's general frequency (common idioms before rare ones), its count in the inputs, how many
// inputs use it, and a small preference by kind. Every part is returned as evidence, so
// `extract --format table` can show why a phrase ranks where it does.
import type { Candidate, Evidence, Kind } from '../types.js';
import { phraseLexicon } from '../lexicon/phrases.js';
import { hanOnly } from '../lexicon/paths.js';

// Past this, more dictionary evidence says nothing more about what a learner needs: a certain idiom and a
// famous line with its source are equally certain, and the other parts decide between them.
const DETECTION_CAP = 5.5;

const KIND_PRIOR: Record<Kind, { weight: number; note: string }> = {
  chengyu: { weight: 1, note: 'idioms are the core of the deck' },
  quotation: { weight: 1.5, note: 'a quoted line: learners meet these as often as idioms, and dictionaries rarely list them' },
  saying: { weight: 0.5, note: 'a saying' },
  term: { weight: 0, note: 'a political term' },
};

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function scoreCandidate(c: Candidate): { score: number; evidence: Evidence[] } {
  const detection = c.evidence.reduce((sum, e) => sum + e.weight, 0);
  const parts: Evidence[] = [];
  const capped = Math.max(-5, Math.min(DETECTION_CAP, detection));
  parts.push({ code: 'detection', weight: round(capped), note: `detector evidence ${round(detection)}${detection > DETECTION_CAP ? ` (capped at ${DETECTION_CAP})` : ''}` });

  const prior = KIND_PRIOR[c.kind];
  if (prior.weight !== 0) parts.push({ code: `kind-${c.kind}`, weight: prior.weight, note: prior.note });
  if (c.kind === 'quotation' && c.attribution) parts.push({ code: 'attributed', weight: 1, note: `a famous line, source known: ${c.attribution}` });

  const lexicon = phraseLexicon();
  const freq = Math.max(lexicon.get(c.key)?.freq ?? 0, c.dictionaryForm ? (lexicon.get(hanOnly(c.dictionaryForm))?.freq ?? 0) : 0);
  // jieba's floor is 3; above it, each tenfold step of general use adds half a point, up to 1.5.
  if (freq > 3) {
    const w = round(Math.min(1.5, 0.5 * Math.log10(freq / 3)));
    if (w > 0) parts.push({ code: 'general-frequency', weight: w, note: `in general use (jieba frequency ${freq})` });
  }
  if (c.count > 1) {
    parts.push({ code: 'count', weight: round(Math.min(1.5, 0.5 * Math.log2(c.count))), note: `used ${c.count} times in the inputs` });
  }
  if (c.sources.length > 1) {
    parts.push({ code: 'sources', weight: round(Math.min(1, 0.25 * (c.sources.length - 1))), note: `in ${c.sources.length} inputs` });
  }
  const score = round(parts.reduce((sum, e) => sum + e.weight, 0));
  return { score, evidence: [...parts, ...c.evidence] };
}
