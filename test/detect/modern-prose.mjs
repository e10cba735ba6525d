// Precision check on general modern prose that no detector was tuned on: the Simplified Chinese manual
// pages of Debian's manpages-zh (~870k Han characters of technical writing, where real idioms are rare and
// quotations and sayings almost absent). Prints what the detector finds there, per kind, so that a new rule's
// false positives show up. The text is read from the system at run time and never enters the project.
//   apt-get install manpages-zh && npm run build && node test/detect/modern-prose.mjs [part-to-disable …]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createDetector } from '../../dist/detect/index.js';

const MAN_DIR = '/usr/share/man/zh_CN';
if (!existsSync(MAN_DIR)) {
  console.error(`${MAN_DIR} is missing: apt-get install manpages-zh`);
  process.exit(2);
}

/** Plain text of one roff page: macro lines dropped, font escapes removed. */
function pageText(file) {
  const roff = execFileSync('zcat', [file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return roff
    .split('\n')
    .filter((line) => !/^\.(\\"|[A-Za-z]{1,2}\b)/.test(line) || /^\.[A-Z]{1,2} /.test(line))
    .map((line) => line.replace(/^\.[A-Z]{1,2} /, '').replace(/\\f[BIRP]/g, '').replace(/\\\(../g, '').replace(/\\-/g, '-'))
    .filter((line) => /\p{Script=Han}/u.test(line))
    .join('\n');
}

const files = readdirSync(MAN_DIR)
  .filter((d) => d.startsWith('man'))
  .flatMap((d) => readdirSync(join(MAN_DIR, d)).map((f) => join(MAN_DIR, d, f)))
  .filter((f) => f.endsWith('.gz'))
  .sort();
const detector = createDetector({ disable: new Set(process.argv.slice(2)) });
const counts = {};
const phrases = new Map();
let han = 0;
let index = 0;
const started = performance.now();
for (const file of files) {
  for (const text of pageText(file).split(/(?<=[。！？；\n])/u)) {
    han += (text.match(/\p{Script=Han}/gu) ?? []).length;
    const all = detector.detect({ text, originalText: text, role: 'body', source: file, paragraph: 0, index: index++ });
    const top = all.filter((d) => !all.some((o) => o !== d && o.start <= d.start && d.end <= o.end && o.end - o.start > d.end - d.start));
    for (const d of top) {
      counts[d.kind] = (counts[d.kind] ?? 0) + 1;
      const key = `${d.kind}\t${d.text}`;
      phrases.set(key, (phrases.get(key) ?? 0) + 1);
    }
  }
}
console.log(`${files.length} pages, ${han} Han characters, ${Math.round(performance.now() - started)} ms`);
console.log('detections per kind:', counts);
for (const kind of ['quotation', 'saying', 'chengyu', 'term']) {
  const list = [...phrases].filter(([k]) => k.startsWith(`${kind}\t`)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  console.log(`\n${kind} (${list.length} distinct): ${list.map(([k, n]) => `${k.split('\t')[1]}${n > 1 ? `×${n}` : ''}`).join('  ')}`);
}
