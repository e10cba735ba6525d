// Cold start of `extract` as a whole process against bare Node, measured side by side in one run (issue 8,
// item 2: goal under 4× `node -e 0`). A script, not a timed unit test. Run after `npm run build`:
//   node test/perf/cold-start.mjs [--runs 15] [--seed <file>] [--json out.json] [-- extra extract flags]
// The two commands alternate so that machine load affects both alike; the first run of each is a warm-up
// (file cache) and is not counted.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const dashDash = args.indexOf('--');
const extra = dashDash >= 0 ? args.slice(dashDash + 1) : [];
const own = dashDash >= 0 ? args.slice(0, dashDash) : args;
const option = (name, fallback) => {
  const at = own.indexOf(name);
  return at >= 0 && own[at + 1] !== undefined ? own[at + 1] : fallback;
};
const runs = Number(option('--runs', '15'));
const seedsDir = join(root, '..', 'shared', 'seeds');
const seed = option('--seed', undefined) ?? join(seedsDir, readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()[0]);
const jsonOut = option('--json', undefined);

const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  [`chengyu-deck extract <seed> --format json ${extra.join(' ')}`.trim()]: [
    process.execPath,
    [join(root, 'bin', 'chengyu-deck.js'), 'extract', seed, '--format', 'json', ...extra],
  ],
};

function once([file, argv]) {
  const t0 = process.hrtime.bigint();
  const result = spawnSync(file, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (result.status !== 0) throw new Error(`${file} ${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let i = 0; i <= runs; i++) {
  for (const [name, command] of Object.entries(commands)) {
    const ms = once(command);
    if (i > 0) times[name].push(ms);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const rows = Object.entries(times).map(([name, xs]) => ({ name, median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }));
const base = rows[0].median;
console.log(`cold start, ${runs} runs each (after one warm-up), seed ${seed.split('/').pop()}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(60)} median ${r.median.toFixed(0).padStart(5)} ms   min–max ${r.min.toFixed(0)}–${r.max.toFixed(0)} ms   ${(r.median / base).toFixed(2)}×`);
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ runs, seed, rows, ratio: rows[1].median / base }, null, 2) + '\n');
