// `npm run eval`: precision and recall per kind of our extractor and of the jieba + CC-CEDICT "(idiom)"
// baseline against the hand annotation of the seed speeches; the full result goes to test-output/eval.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, baselineExtractor, evaluate, ourExtractor } from './evaluate.mjs';
import { formatReport } from './report.mjs';

/** @type {Record<string, import('./evaluate.mjs').Extractor>} */
const systems = {};
let pipelineError = '';
try {
  systems.ours = await ourExtractor();
} catch (error) {
  pipelineError = error instanceof Error ? error.message : String(error);
}
systems.baseline = baselineExtractor();

let evaluation;
try {
  evaluation = await evaluate(systems);
} catch (error) {
  // The pipeline can load and still fail on a seed; the baseline figures are worth printing regardless.
  pipelineError = error instanceof Error ? (error.stack ?? error.message) : String(error);
  delete systems.ours;
  evaluation = await evaluate(systems);
}
const { seeds, results } = evaluation;
console.log(formatReport(evaluation, pipelineError));

const outputDir = join(REPO_ROOT, 'test-output');
mkdirSync(outputDir, { recursive: true });
writeFileSync(
  join(outputDir, 'eval.json'),
  JSON.stringify({ seeds, results, pipelineError: pipelineError || undefined }, null, 2) + '\n',
);
console.log(`\nFull result: ${join('test-output', 'eval.json')}`);
if (!results.ours) process.exitCode = 1;
