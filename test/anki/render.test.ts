// The card templates and CSS in a real browser engine (headless Chromium): the recall front hides the
// phrase, every tone colour has WCAG AA contrast (4.5:1) on the day and both night backgrounds, and the
// phone layout does not overflow. Skipped when /usr/bin/chromium is missing.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FIELD_NAMES, loadNoteType, noteFields, renderTemplate } from '../../src/anki/index.js';
import { SAMPLE_CARDS } from './cards.js';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

function values(index: number): Record<string, string> {
  const fields = noteFields(SAMPLE_CARDS[index]!);
  return Object.fromEntries(FIELD_NAMES.map((name, i) => [name, fields[i]!]));
}

function page(css: string, body: string, classes: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><style>${css}</style></head><body class="${classes}">${body}</body></html>`;
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.skipIf(!existsSync(CHROMIUM))('templates in Chromium', () => {
  let browser: Browser;
  let tab: Page;
  const type = loadNoteType({ cards: ['recognition', 'recall', 'listening'], script: 'simplified' });

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    tab = await browser.newPage({ viewport: { width: 390, height: 800 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('hides the phrase inside the recall front context and shows a blank instead', async () => {
    const recall = type.templates.find((t) => t.name === 'recall')!;
    await tab.setContent(page(type.css, renderTemplate(recall.front, values(0)), 'card card2'));
    const hl = await tab.$eval('.blanked .hl', (el) => {
      const box = document.createRange();
      box.selectNodeContents(el.firstChild!);
      return {
        textWidth: box.getBoundingClientRect().width,
        blank: getComputedStyle(el, '::before').content,
      };
    });
    expect(hl.textWidth).toBe(0);
    expect(hl.blank).toContain('＿');
  });

  it('masks a meaning that spells the phrase out on the recall front, not on its back', async () => {
    const recall = type.templates.find((t) => t.name === 'recall')!;
    const card = { ...SAMPLE_CARDS[1]!, meaning: '守株 (to guard a stump) + 待兔 (to wait for rabbits)' };
    const fields = noteFields(card);
    const fieldValues = Object.fromEntries(FIELD_NAMES.map((name, i) => [name, fields[i]!]));
    const front = renderTemplate(recall.front, fieldValues);
    const colour = async (html: string) => {
      await tab.setContent(page(type.css, html, 'card card2'));
      return tab.$$eval('.meaning .spoiler', (els) => els.map((el) => getComputedStyle(el).color));
    };
    expect(await colour(front)).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
    const onBack = await colour(renderTemplate(recall.back, fieldValues, { frontSide: front }));
    expect(onBack).toHaveLength(2);
    expect(onBack.every((c) => c !== 'rgba(0, 0, 0, 0)')).toBe(true);
  });

  it('keeps every tone colour readable on the day and both night backgrounds', async () => {
    const recognition = type.templates.find((t) => t.name === 'recognition')!;
    const front = renderTemplate(recognition.front, values(3));
    const back = renderTemplate(recognition.back, values(3), { frontSide: front });
    for (const mode of ['', 'nightMode', 'night_mode']) {
      await tab.setContent(page(type.css, back, `card card1 ${mode}`));
      const colours = await tab.evaluate(() => {
        const background = getComputedStyle(document.body).backgroundColor;
        const tones = [1, 2, 3, 4, 5].map((n) => {
          const probe = document.createElement('span');
          probe.className = `tone${n}`;
          probe.textContent = 'a';
          document.querySelector('.pinyin')!.append(probe);
          return getComputedStyle(probe).color;
        });
        return { background, tones, ink: getComputedStyle(document.querySelector('.meaning')!).color };
      });
      for (const tone of colours.tones) expect(contrast(tone, colours.background), `${mode} ${tone}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours.ink, colours.background)).toBeGreaterThanOrEqual(7);
    }
  });

  it('fits a phone screen without horizontal scrolling', async () => {
    for (const template of type.templates) {
      const front = renderTemplate(template.front, values(3));
      const back = renderTemplate(template.back, values(3), { frontSide: front });
      await tab.setContent(page(type.css, back, 'card card1'));
      const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, template.name).toBeLessThanOrEqual(0);
    }
  });
});
