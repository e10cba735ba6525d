#!/usr/bin/env node
// Screenshots of every card type, front and back, day and night, at phone and desktop widths, rendered in
// headless Chromium from a package's own templates and CSS (read back out of the .apkg).
//
//   npm run build && node test/anki/render-cards.mjs [deck.apkg] [--key <phrase key>] [--script simplified|traditional|both]
//
// Without a deck it builds one from test/anki/sample-cards.json with all three card types. Output:
// test-output/cards/<template>-<front|back>-<day|night>-<phone|desktop>.png (git-ignored).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'test-output', 'cards');
const require = createRequire(import.meta.url);

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const VIEWPORTS = {
  phone: { width: 390, height: 700, deviceScaleFactor: 2 },
  desktop: { width: 1000, height: 700, deviceScaleFactor: 1 },
};
// Desktop Anki marks night mode with `.nightMode`, AnkiDroid with `.night_mode`: each width uses the
// class its usual client sets, so both selectors are exercised.
const NIGHT_CLASS = { phone: 'night_mode', desktop: 'nightMode' };

// Stand-in for the play button Anki draws for `[anki:tts]`; its style comes from Anki, not from our CSS.
const PLAY_BUTTON =
  '<a class="replay-button soundLink" href="#" style="display:inline-block;vertical-align:middle;margin:3px">' +
  '<svg width="40" height="40" viewBox="0 0 64 64"><circle cx="32" cy="32" r="29" fill="#fff" stroke="#414141" stroke-width="3"/>' +
  '<path d="M56.5,32.3l-37.5,20.1l0.3,-40.8l37.2,20.7Z" fill="#414141"/></svg></a>';

function parseArgs(argv) {
  const args = { deck: undefined, script: 'simplified', key: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--script') args.script = argv[++i];
    else if (argv[i] === '--key') args.key = argv[++i];
    else args.deck = argv[i];
  }
  return args;
}

function sampleCards() {
  const { cards } = JSON.parse(readFileSync(new URL('./sample-cards.json', import.meta.url), 'utf8'));
  return cards.map((seed) => {
    const start = seed.context.indexOf(seed.text);
    const source = seed.source ?? 'essay-one.txt';
    return {
      key: seed.text.replace(/[^\p{Script=Han}]/gu, ''),
      text: seed.text,
      kind: seed.kind ?? 'chengyu',
      pinyin: seed.pinyin,
      pinyinNumbered: '',
      traditional: seed.traditional,
      meaning: seed.meaning,
      literal: seed.literal ?? '',
      meaningSource: 'project',
      count: 1,
      context: seed.context,
      contextStart: start,
      contextEnd: start < 0 ? -1 : start + seed.text.length,
      contextPinyin: seed.contextPinyin ?? '',
      source,
      sources: seed.sources ?? [source],
      sourceTitle: seed.sourceTitle,
      score: 1,
      evidence: [],
      attribution: seed.attribution,
    };
  });
}

async function readPackage(bytes) {
  const { default: initSqlJs } = await import('sql.js');
  const SQL = await initSqlJs({ locateFile: () => require.resolve('sql.js/dist/sql-wasm.wasm') });
  const files = unzipSync(bytes);
  const db = new SQL.Database(files['collection.anki2']);
  const [[modelsJson]] = db.exec('select models from col')[0].values;
  const model = Object.values(JSON.parse(modelsJson))[0];
  const notes = db.exec('select flds from notes order by id')[0].values.map(([flds]) => flds.split('\x1f'));
  db.close();
  return { model, notes };
}

function page(css, body, classes) {
  return `<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>html,body{margin:0;min-height:100%}</style><style>${css}</style></head>
<body class="${classes}"><div id="qa">${body}</div></body></html>`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const anki = await import(new URL('../../dist/anki/index.js', import.meta.url).href);
  let bytes;
  if (args.deck) {
    bytes = readFileSync(args.deck);
  } else {
    bytes = await anki.buildPackage(sampleCards(), {
      deckName: 'Screenshots',
      cards: ['recognition', 'recall', 'listening'],
      script: args.script,
      subdecks: false,
      sources: [{ name: 'essay-one.txt', title: '写作课讲稿', date: '2024-05-01' }],
      now: 1_700_000_000,
    });
  }
  const { model, notes } = await readPackage(bytes);
  const fieldNames = model.flds.map((f) => f.name);
  // The note with the most non-empty fields (then the longest) shows every part of a template.
  const filled = (n) => n.filter((v) => v !== '').length * 10_000 + n.join('').length;
  const keyIndex = fieldNames.indexOf('Key');
  const note = args.key
    ? notes.find((n) => n[keyIndex] === args.key)
    : [...notes].sort((a, b) => filled(b) - filled(a))[0];
  if (!note) throw new Error(`no note with Key ${args.key}`);
  const values = Object.fromEntries(fieldNames.map((name, i) => [name, note[i] ?? '']));
  const tts = (html) => html.replace(/\[anki:tts[^\]]*\][\s\S]*?\[\/anki:tts\]/g, PLAY_BUTTON);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  mkdirSync(OUT, { recursive: true });
  const written = [];
  try {
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: viewport.deviceScaleFactor });
      const tab = await context.newPage();
      for (const template of model.tmpls) {
        const front = anki.renderTemplate(template.qfmt, values);
        const back = anki.renderTemplate(template.afmt, values, { frontSide: front });
        for (const [side, html] of [['front', front], ['back', back]]) {
          for (const mode of ['day', 'night']) {
            const classes = `card card${template.ord + 1}${mode === 'night' ? ' ' + NIGHT_CLASS[width] : ''}`;
            await tab.setContent(page(model.css, tts(html), classes), { waitUntil: 'load' });
            const file = join(OUT, `${template.name.toLowerCase()}-${side}-${mode}-${width}${args.script === 'simplified' ? '' : '-' + args.script}.png`);
            await tab.screenshot({ path: file, fullPage: true });
            written.push(file);
          }
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`${written.length} screenshots of “${values.Key}” in ${OUT}\n`);
}

await main();
