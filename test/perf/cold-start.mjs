// Cold start of `extract` as a whole process against bare Node, measured side by side in one run (issue 8,
// item 2: goal under 4× `node -e 0`). A script, not a timed unit test. Run after `npm run build`:
//   node test/perf/cold-start.mjs [--runs 15] [--seed <file>] [--json out.json] [--threads]
//                                 [--baseline <package dir>] [-- extra flags]
// The commands alternate so that machine load affects all alike; the first round is a warm-up (file
// cache) and is not counted. --threads adds the command with the pinyin-pro helper thread forced on and
// off (CHENGYU_DECK_WORKER=always|never); by default the CLI starts it only when a core is spare.
// --baseline adds the same command run from another built copy of the package (e.g. a worktree of the
// previous commit), for before/after figures from one run.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
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

const extract = [join(root, 'bin', 'chengyu-deck.js'), 'extract', seed, '--format', 'json', ...extra];
const label = `chengyu-deck extract <seed> --format json ${extra.join(' ')}`.trim();
const commands = [
  { name: 'node -e 0', argv: ['-e', '0'], env: {} },
  { name: label, argv: extract, env: {} },
];
const baseline = option('--baseline', undefined);
if (baseline) {
  commands.push({ name: `${label} (baseline)`, argv: [join(baseline, 'bin', 'chengyu-deck.js'), ...extract.slice(1)], env: {} });
}
if (own.includes('--threads')) {
  commands.push({ name: `${label} (helper thread always)`, argv: extract, env: { CHENGYU_DECK_WORKER: 'always' } });
  commands.push({ name: `${label} (helper thread never)`, argv: extract, env: { CHENGYU_DECK_WORKER: 'never' } });
}

function once({ argv, env }) {
  const t0 = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const loadBefore = loadavg()[0];
const times = commands.map(() => []);
for (let i = 0; i <= runs; i++) {
  commands.forEach((command, k) => {
    const ms = once(command);
    if (i > 0) times[k].push(ms);
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const rows = commands.map((c, k) => ({ name: c.name, median: median(times[k]), min: Math.min(...times[k]), max: Math.max(...times[k]) }));
const base = rows[0].median;
console.log(
  `cold start, ${runs} runs each (after one warm-up), seed ${seed.split('/').pop()}; ` +
    `${availableParallelism()} cores, load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`,
);
for (const r of rows) {
  console.log(`${r.name.padEnd(72)} median ${r.median.toFixed(0).padStart(5)} ms   min–max ${r.min.toFixed(0)}–${r.max.toFixed(0)} ms   ${(r.median / base).toFixed(2)}×`);
}
if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ runs, seed, loadBefore, cores: availableParallelism(), rows: rows.map((r) => ({ ...r, ratio: r.median / base })) }, null, 2) + '\n');
}
