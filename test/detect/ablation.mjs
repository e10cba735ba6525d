// Ablation: precision and recall (core) per kind on the annotated seeds with each part of the detector
// switched off in turn, to show what each contributes. Run after `npm run build`:
//   node test/detect/ablation.mjs
// Uses the eval's scorer (test/eval) and the input stage; no enrichment, so it is quick.
import { createDetector, DETECTOR_PARTS } from '../../dist/detect/index.js';
import { decode, normalise, readInput, resolveInputs, splitSentences } from '../../dist/input/index.js';
import { PhraseAccumulator } from '../../dist/select/accumulate.js';
import { evaluate } from '../eval/evaluate.mjs';

function extractorWithout(disabled) {
  const detector = createDetector({ disable: new Set(disabled) });
  return async (seedPath) => {
    const accumulator = new PhraseAccumulator();
    for (const ref of await resolveInputs([seedPath])) {
      for (const sentence of splitSentences(normalise(decode(await readInput(ref))))) {
        for (const d of detector.detect(sentence)) accumulator.add(d);
      }
    }
    return accumulator.finish().map((c) => ({ key: c.key, text: c.text, kind: c.kind, dictionaryForm: c.dictionaryForm }));
  };
}

const systems = { all: extractorWithout([]) };
for (const part of DETECTOR_PARTS) systems[`-${part}`] = extractorWithout([part]);
// What the quotation index adds where the hand lists are silent: both off, against the lists alone off.
systems['-lists-poetry-index'] = extractorWithout(['lists', 'poetry-index']);
const { results } = await evaluate(systems);
const kinds = ['chengyu', 'quotation', 'saying', 'term', 'default'];
const cell = (s) => (typeof s !== 'number' || Number.isNaN(s) ? '  —  ' : s.toFixed(3));
console.log(['system'.padEnd(22), ...kinds.map((k) => `${k} P/R`.padEnd(16))].join(''));
for (const [name, r] of Object.entries(results)) {
  const row = kinds.map((k) => {
    const s = k === 'default' ? r.summary.defaultKinds : r.summary.perKind[k];
    return `${cell(s?.precision)}/${cell(s?.recallCore)}`.padEnd(16);
  });
  console.log([name.padEnd(22), ...row].join(''));
}
