// Renders the teacher's list in headless Chromium (Debian's chromium; .ci/run installs it): the DOM is
// queried for structure and escaping, and page PDF and PNG files are written under test-output/list/ for a
// person to look at.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatHtml, toneSpans } from '../../src/write/html.js';
import { KINDS } from '../../src/types.js';
import type { Card } from '../../src/types.js';
import { SOURCES, makeCard, sampleCards } from './cards.js';

// A browser on a shared, busy machine: seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

const OUT = new URL('../../test-output/list/', import.meta.url);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Enough entries to fill several printed pages, so page breaks have to fall somewhere. */
function manyCards(): Card[] {
  const cards = sampleCards();
  const idioms = ['循序渐进', '持之以恒', '水滴石穿', '耳濡目染', '众志成城', '井井有条', '雪中送炭', '锦上添花', '因地制宜', '津津有味'];
  for (let round = 0; round < 3; round++) {
    for (const idiom of idioms) {
      const text = round === 0 ? idiom : `${idiom}${'甲乙丙'[round - 1]}`;
      cards.push(
        makeCard({
          text,
          kind: 'chengyu',
          pinyin: 'xún xù jiàn jìn',
          pinyinNumbered: 'xun2 xu4 jian4 jin4',
          traditional: text,
          meaning: 'a test meaning long enough to wrap onto a second line in the printed list, so that entries have different heights',
          literal: round === 1 ? 'a literal sense that also takes some room' : '',
          context: `镇上的人说，做事要${text}，不能急于求成，这句话大家都记在心里，也常常拿来提醒刚来图书馆帮忙的年轻志愿者。`,
        }),
      );
    }
  }
  return cards;
}

let browser: Browser;
let page: Page;
const cards = manyCards();
const html = formatHtml(cards, { title: '小镇图书馆 — vocabulary', sources: SOURCES });
const htmlFile = new URL('list.html', OUT);

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  await writeFile(htmlFile, html);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  // Anything the page tried to fetch would show up here; the page must stand alone.
  const requests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await page.goto(htmlFile.href);
  expect(requests).toEqual([]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('teacher list in Chromium', () => {
  it('groups entries by kind in kind order, numbered by rank', async () => {
    const sections = await page.$$eval('section.kind', (els) =>
      els.map((el) => ({ kind: el.getAttribute('data-kind'), entries: el.querySelectorAll('li.entry').length })),
    );
    const expected = KINDS.map((kind) => ({ kind, entries: cards.filter((c) => c.kind === kind).length })).filter(
      (s) => s.entries > 0,
    );
    expect(sections).toEqual(expected);
    const ranks = await page.$$eval('#kind-chengyu .rank', (els) => els.map((el) => el.textContent));
    expect(ranks).toEqual(cards.filter((c) => c.kind === 'chengyu').map((_, i) => String(i + 1)));
  });

  it('shows phrase, Traditional, pinyin, meaning, literal sense, context and source for an entry', async () => {
    const entry = await page.$eval('li.entry[data-key="一丝不苟"]', (el) => ({
      phrase: el.querySelector('.phrase')?.textContent,
      trad: el.querySelector('.trad')?.textContent,
      pinyin: el.querySelector('.pinyin')?.textContent,
      meaning: el.querySelector('.meaning')?.textContent,
      literal: el.querySelector('.literal')?.textContent,
      mark: el.querySelector('.context mark')?.textContent,
      source: el.querySelector('.source')?.textContent,
    }));
    expect(entry).toEqual({
      phrase: '一丝不苟',
      trad: '一絲不苟',
      pinyin: 'yī sī bù gǒu',
      meaning: 'not one thread loose; strictly according to the rules; meticulous',
      literal: 'lit. not one thread loose',
      mark: '一丝不苟',
      source: '小镇图书馆 · 2026-03-12',
    });
  });

  it('shows hostile text as text: no script ran, no element was injected', async () => {
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.$$eval('script', (els) => els.length)).toBe(0);
    const context = await page.$eval('li.entry[data-key="削足适履"] .context', (el) => ({
      text: el.textContent,
      children: [...el.children].map((c) => c.tagName),
    }));
    expect(context.text).toContain('<script>window.pwned=1</script>&amp; {{Phrase}}');
    expect(context.children).toEqual(['MARK']);
    const meaning = await page.$eval('li.entry[data-key="削足适履"] .meaning', (el) => el.innerHTML);
    expect(meaning).toContain('&lt;b&gt;&amp;&lt;/b&gt;');
  });

  it('colours pinyin by tone on screen and prints it in black', async () => {
    const colour = (cls: string): Promise<string> =>
      page.$eval(`li.entry[data-key="一丝不苟"] .${cls}`, (el) => getComputedStyle(el).color);
    const screen = await Promise.all(['tone1', 'tone3', 'tone4'].map(colour));
    expect(new Set(screen).size).toBe(3);
    await page.emulateMedia({ media: 'print' });
    const printed = await Promise.all(['tone1', 'tone3', 'tone4'].map(colour));
    const body = await page.$eval('.phrase', (el) => getComputedStyle(el).color);
    expect(printed).toEqual([body, body, body]);
    const breakInside = await page.$eval('li.entry', (el) => getComputedStyle(el).breakInside);
    expect(breakInside).toBe('avoid');
    await page.emulateMedia({ media: 'screen' });
  });

  it('stays readable in a dark colour scheme on screen', async () => {
    await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
    const [background, ink, tones] = await page.evaluate(() => [
      getComputedStyle(document.documentElement).backgroundColor,
      getComputedStyle(document.querySelector('.phrase')!).color,
      ['tone1', 'tone2', 'tone3', 'tone4'].map((c) => getComputedStyle(document.querySelector(`.${c}`)!).color),
    ]);
    await page.screenshot({ path: join(OUT.pathname, 'list-dark.png') });
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
    const brightness = (rgb: string): number => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0);
    };
    expect(brightness(background as string)).toBeLessThan(60);
    expect(brightness(ink as string)).toBeGreaterThan(180);
    expect(new Set(tones as string[]).size).toBe(4);
    for (const tone of tones as string[]) expect(brightness(tone)).toBeGreaterThan(100);
  });

  it('renders to a multi-page A4 PDF (print styles) and page PNGs', async () => {
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ path: join(OUT.pathname, 'list.pdf'), format: 'A4', printBackground: true });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(1);
    await page.screenshot({ path: join(OUT.pathname, 'list-print.png') });
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: join(OUT.pathname, 'list-page1.png') });
  });

  // Chromium does not expose its print pagination to the DOM, but a fixed-height multi-column box fragments
  // content under the same rules (break-inside, break-after), with one column per printed page. An entry
  // split across a break has one client rect per fragment.
  async function splitEntriesWhenPaged(entryBreakInside?: string): Promise<number> {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(htmlFile.href);
      await fresh.emulateMedia({ media: 'print' });
      return await fresh.evaluate((override) => {
        // A4 minus the @page margins of the print styles: 184 mm × 267 mm.
        const pager = document.createElement('div');
        pager.style.cssText = 'column-width: 184mm; column-gap: 0; column-fill: auto; height: 267mm; width: 184mm;';
        pager.append(...document.body.childNodes);
        document.body.append(pager);
        if (override) {
          for (const el of document.querySelectorAll<HTMLElement>('li.entry')) el.style.breakInside = override;
        }
        const columnsUsed = Math.round(pager.scrollWidth / pager.clientWidth);
        if (columnsUsed < 3) throw new Error(`expected several pages of content, got ${columnsUsed}`);
        return [...document.querySelectorAll('li.entry')].filter((el) => el.getClientRects().length > 1).length;
      }, entryBreakInside);
    } finally {
      await fresh.close();
    }
  }

  it('never splits an entry across printed pages', async () => {
    expect(await splitEntriesWhenPaged()).toBe(0);
    // The same check sees splits when entries are allowed to break, so it can tell.
    expect(await splitEntriesWhenPaged('auto')).toBeGreaterThan(0);
  });

  it('keeps a kind heading with its first entry', async () => {
    await page.emulateMedia({ media: 'print' });
    const heading = await page.$eval('h2', (el) => getComputedStyle(el).breakAfter);
    await page.emulateMedia({ media: 'screen' });
    expect(heading).toBe('avoid');
  });
});

describe('teacher list of the example text, end to end', () => {
  it('renders every selected phrase and writes example.html, .pdf and page-1 .png', async () => {
    const { extract } = await import('../../src/pipeline.js');
    const example = relative(process.cwd(), new URL('../../decks/texts/example.txt', import.meta.url).pathname);
    const result = await extract([example], { kinds: KINDS, minCount: 1, toneSandhi: false, variant: 'tw' });
    expect(result.cards.length).toBeGreaterThan(10);
    const page2 = await browser.newPage({ viewport: { width: 900, height: 1270 } });
    try {
      const file = new URL('example.html', OUT);
      await writeFile(file, formatHtml(result.cards, { title: '小镇图书馆的新生 — 词语表', sources: result.sources }));
      await page2.goto(file.href);
      expect(await page2.$$eval('li.entry', (els) => els.length)).toBe(result.cards.length);
      const marked = await page2.$$eval('li.entry', (els) => els.filter((el) => el.querySelector('.context mark')).length);
      expect(marked).toBe(result.cards.filter((c) => c.contextStart >= 0).length);
      // One source: the header names it, so entries do not repeat it.
      expect(await page2.$$eval('li.entry .source', (els) => els.map((el) => el.textContent).filter((t) => !/^used \d+×$/.test(t ?? '')))).toEqual([]);
      await page2.screenshot({ path: join(OUT.pathname, 'example-page1.png') });
      await page2.emulateMedia({ media: 'print' });
      await page2.pdf({ path: join(OUT.pathname, 'example.pdf'), format: 'A4', printBackground: true });
    } finally {
      await page2.close();
    }
  }, 60_000);
});

describe('toneSpans', () => {
  it('wraps each syllable in its tone class and leaves punctuation plain', () => {
    expect(toneSpans('shān chuān, ma')).toBe(
      '<span class="tone1">shān</span> <span class="tone1">chuān</span>, <span class="tone5">ma</span>',
    );
    expect(toneSpans('lǚ nǚ lüè')).toBe('<span class="tone3">lǚ</span> <span class="tone3">nǚ</span> <span class="tone4">lüè</span>');
  });
});

describe('formatHtml without a browser', () => {
  it('is the same page for the same input and carries no date unless asked', () => {
    expect(formatHtml(cards, { title: '小镇图书馆 — vocabulary', sources: SOURCES })).toBe(html);
    expect(html).not.toMatch(/20\d\d-\d\d-\d\dT/);
    expect(formatHtml([], { title: 't', sources: [], generated: '2026-11-21' })).toContain('on 2026-11-21');
  });
  it('credits CC-CEDICT and its licence', () => {
    expect(html).toContain('CC-CEDICT');
    expect(html).toContain('CC BY-SA 4.0');
  });
});
