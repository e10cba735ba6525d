// Measures what the enrich stage costs to load and to start: importing the module (should be cheap: the
// heavy libraries are required on first use), then the first use of each part. Run after `npm run build`:
//   node test/enrich/load-time.mjs
import { execFileSync } from 'node:child_process';

const steps = {
  'import dist/enrich/index.js': `await import('./dist/enrich/index.js')`,
  'import pinyin-pro (ESM)': `await import('pinyin-pro')`,
  'require pinyin-pro + first call': `const { createRequire } = await import('node:module'); const r = createRequire(process.cwd() + '/'); r('pinyin-pro').pinyin('中')`,
  'import opencc-js (full)': `await import('opencc-js')`,
  'import opencc-js/cn2t': `await import('opencc-js/cn2t')`,
  'first phrasePinyin (CC-CEDICT table + pinyin-pro)': `const m = await import('./dist/enrich/index.js'); m.phrasePinyin('削足适履', { toneSandhi: false })`,
  'first toTraditional tw (opencc cn2t + converter)': `const m = await import('./dist/enrich/index.js'); m.toTraditional('山川异域', 'tw')`,
  'first toTraditional hk': `const m = await import('./dist/enrich/index.js'); m.toTraditional('山川异域', 'hk')`,
  'first toTraditional cn-t': `const m = await import('./dist/enrich/index.js'); m.toTraditional('山川异域', 'cn-t')`,
  'batch Traditional converter for 10 phrases (tw)': `const m = await import('./dist/enrich/index.js'); const texts = ['山川异域，风月同天', '着眼长远', '令人发指', '一衣带水', '后来居上', '千里之行，始于足下', '量体裁衣', '削足适履', '自力更生', '长治久安']; const c = m.traditionalConverter('tw', texts); texts.forEach(c)`,
  'first meaningFor': `const m = await import('./dist/enrich/index.js'); m.meaningFor('削足适履')`,
  'enrich 1 card (all parts, tw)': `const m = await import('./dist/enrich/index.js'); const s = { text: '两国一衣带水，往来频繁。', originalText: '', role: 'body', source: 'x', paragraph: 0, index: 0 }; m.enrich([{ key: '一衣带水', text: '一衣带水', kind: 'chengyu', count: 1, sources: ['x'], evidence: [], occurrences: [{ sentence: s, start: 2, end: 6 }], standsAlone: true }], new Map(), { toneSandhi: false, variant: 'tw' })`,
};

// Each figure is measured inside a fresh process, from the first line of the script to the end of the
// step, so Node's own start-up is excluded; the median of three runs is shown.
for (const [name, code] of Object.entries(steps)) {
  const runs = [1, 2, 3].map(() => time(code)).sort((a, b) => a - b);
  console.log(`${name}: ${runs[1].toFixed(0)} ms`);
}

function time(code) {
  const script = `const t0 = performance.now(); ${code}; process.stdout.write(String(performance.now() - t0));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('../../', import.meta.url) });
  return Number(out.toString());
}
