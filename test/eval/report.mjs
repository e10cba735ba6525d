// Formats an evaluation as the side-by-side table and the per-kind error lists that `npm run eval` prints.
import { KINDS, fmt, targetFailures } from './score.mjs';

/**
 * @param {Awaited<ReturnType<typeof import('./evaluate.mjs').evaluate>>} evaluation
 * @param {string} pipelineError why our extractor did not run, if it did not
 */
/** @param {string} s */
const width = (s) => [...s].reduce((n, c) => n + (/[\u2E80-\uFFEF]/u.test(c) ? 2 : 1), 0);

export function formatReport({ seeds, results }, pipelineError = '') {
  const pad = (/** @type {string} */ s, /** @type {number} */ n) => s + ' '.repeat(Math.max(0, n - width(s)));
  /** @param {ReturnType<typeof import('./score.mjs').summarise>['defaultKinds'] | undefined} f */
  const cells = (f) =>
    f
      ? [
          fmt(f.precision),
          fmt(f.recallCore),
          fmt(f.recallAll),
          `${f.correct}/${f.detected}`,
          `${f.coreFound}/${f.coreTotal}`,
          `${f.allFound}/${f.allTotal}`,
          fmt(f.kindAgreement),
        ]
      : ['', '', '', '', '', '', ''];

  const out = [];
  out.push(`Seeds: ${seeds.join(', ')}`);
  out.push('P = detections labelled K that are annotated / detections labelled K; R(core), R(all) = annotated');
  out.push('items of kind K found by a detection of any kind; agree = found items detected with the same kind.');
  out.push('');
  const header = ['kind', 'system', 'P', 'R(core)', 'R(all)', 'P counts', 'core', 'all', 'agree'];
  const widths = [10, 9, 7, 8, 7, 9, 8, 8, 6];
  out.push(header.map((h, i) => pad(h, widths[i] ?? 8)).join(' '));
  const rows = [
    ...KINDS.map((k) => /** @type {const} */ ([k, (/** @type {any} */ s) => s.perKind[k]])),
    /** @type {const} */ (['default', (/** @type {any} */ s) => s.defaultKinds]),
    /** @type {const} */ (['all', (/** @type {any} */ s) => s.allKinds]),
  ];
  for (const [label, pick] of rows) {
    for (const system of ['ours', 'baseline']) {
      const r = results[system];
      const values = r ? cells(pick(r.summary)) : ['not run', '', '', '', '', '', ''];
      out.push([label, system, ...values].map((v, i) => pad(v, widths[i] ?? 8)).join(' '));
    }
  }

  out.push('');
  out.push('Per file, R(core) per kind and P of the default kinds (ours | baseline):');
  out.push(['file', ...KINDS, 'P default'].map((h, i) => pad(h, i === 0 ? 6 : 16)).join(' '));
  for (const file of seeds) {
    /** @param {(s: any) => number | null} pick */
    const both = (pick) =>
      ['ours', 'baseline'].map((system) => (results[system] ? fmt(pick(results[system].perFile[file])) : '—')).join(' | ');
    const row = [file.slice(0, 3), ...KINDS.map((k) => both((s) => s.perKind[k].recallCore)), both((s) => s.defaultKinds.precision)];
    out.push(row.map((v, i) => pad(v, i === 0 ? 6 : 16)).join(' '));
  }

  if (results.ours) {
    const failures = results.baseline ? targetFailures(results.ours.summary, results.baseline.summary) : [];
    out.push('');
    out.push(failures.length === 0 ? 'All issue-4 targets met.' : `Targets not met:\n  ${failures.join('\n  ')}`);
    for (const kind of KINDS) {
      const e = results.ours.errors[kind];
      if (!e) continue;
      out.push('');
      out.push(`── ${kind}: ${e.misses.length} missed, ${e.falsePositives.length} false positives, ${e.otherKind.length} found as another kind`);
      const list = (/** @type {string} */ title, /** @type {any[]} */ xs, /** @type {(x: any) => string} */ show) => {
        if (xs.length === 0) return;
        // Wrapped by display width (a Han character is two columns) so long lists stay readable.
        let line = `  ${title} (${xs.length}):`;
        for (const item of xs.map(show)) {
          if (width(line) + width(item) + 2 > 110) {
            out.push(line);
            line = '     ';
          }
          line += `  ${item}`;
        }
        out.push(line);
      };
      list('missed core', e.misses.filter((m) => m.level === 'core'), (m) => `${m.phrase} (${m.file.slice(0, 3)})`);
      list('missed marginal', e.misses.filter((m) => m.level === 'marginal'), (m) => `${m.phrase} (${m.file.slice(0, 3)})`);
      list('false positives', e.falsePositives, (m) => `${m.phrase} (${m.file.slice(0, 3)})`);
      list('found as another kind', e.otherKind, (m) => `${m.phrase}→${m.detectedAs} (${m.file.slice(0, 3)})`);
    }
  } else {
    out.push('');
    out.push(`Our extractor did not run: ${pipelineError}`);
  }
  return out.join('\n');
}
