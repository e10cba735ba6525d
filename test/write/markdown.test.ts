import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/write/escape.js';
import { formatMarkdown } from '../../src/write/markdown.js';
import { SOURCES, sampleCards } from './cards.js';
import fc from 'fast-check';

/** Undoes escapeMarkdown: what a CommonMark renderer shows for an escaped run of text. */
function unescape(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('teacher list as Markdown', () => {
  const cards = sampleCards();
  const md = formatMarkdown(cards, { title: 'Vocabulary *list*', sources: SOURCES });

  it('has the title, sources, a section per kind with its count, and the credit', () => {
    // The comment line marks the list as ours (a later run over its folder skips it); viewers hide it.
    expect(md.startsWith('<!-- chengyu-deck -->\n# Vocabulary \\*list\\*\n')).toBe(true);
    expect(md).toContain('- library.txt · 小镇图书馆 · 2026-03-12');
    const sections = md.split('\n').filter((l) => l.startsWith('## '));
    expect(sections).toEqual(['## 成语 Idioms (3)', '## 名句 Quotations (1)', '## 俗语 Sayings (1)', '## 提法 Terms (1)']);
    expect(md).toContain('CC BY-SA 4.0');
  });

  it('numbers entries by rank within each kind and bolds the phrase in its context', () => {
    const entries = md.split('\n').filter((l) => l.startsWith('### '));
    expect(entries.slice(0, 3)).toEqual(['### 1. 集思广益 · 集思廣益', '### 2. 一丝不苟 · 一絲不苟', '### 3. 削足适履 · 削足適履']);
    expect(md).toContain('> 馆长召开了三次座谈会，**集思广益**，最后定下了方案。');
  });

  it('names each entry\'s source only when the list has several, and says how often a phrase was used', () => {
    expect(md).toContain('<sub>小镇图书馆 · 2026-03-12 · used 2×</sub>');
    const one = formatMarkdown(cards.slice(0, 2), { title: 't', sources: SOURCES });
    expect(one).toContain('<sub>used 2×</sub>');
    expect(one.match(/<sub>/g)).toHaveLength(1);
  });

  it('marks a gloss built from parts once', () => {
    expect(md).toContain('rural revitalization (gloss from its parts, not a dictionary entry)');
    const [term] = sampleCards().filter((c) => c.kind === 'term');
    const already = formatMarkdown([{ ...term!, meaning: '(gloss from parts) 乡村 (village) + 振兴 (revive)' }], { title: 't', sources: [] });
    expect(already.match(/gloss/g)).toHaveLength(1);
  });

  it('escapes everything from the input, so markup and links in a context stay text', () => {
    const quote = md.split('\n').find((l) => l.startsWith('> 他写下'))!;
    expect(quote).toContain('\\<script\\>');
    expect(quote).toContain('\\*粗\\*\\_斜\\_\\[链接\\](x)');
    expect(quote).not.toMatch(/[^\\]\[链接\]/);
  });

  it('escaping loses nothing: every printable string comes back after unescaping', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const oneLine = s.replace(/\s*[\r\n]+\s*/g, ' ');
        expect(unescape(escapeMarkdown(s))).toBe(oneLine);
      }),
    );
  });

  it('is the same text for the same input, with no date unless one is given', () => {
    expect(formatMarkdown(sampleCards(), { title: 'Vocabulary *list*', sources: SOURCES })).toBe(md);
    expect(formatMarkdown([], { title: 'x', sources: [], generated: '2026-11-21' })).toContain('on 2026-11-21');
  });
});
