import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FIELD_NAMES,
  escapeField,
  loadNoteType,
  noteFields,
  noteGuid,
  noteTags,
  pinyinHtml,
  renderTemplate,
  requirement,
  stripHtml,
  toneOf,
} from '../../src/anki/index.js';
import { HOSTILE_CARD, SAMPLE_CARDS, makeCard } from './cards.js';

const field = (values: string[], name: (typeof FIELD_NAMES)[number]) => values[FIELD_NAMES.indexOf(name)]!;

describe('field HTML', () => {
  it('escapes markup characters and neutralises template braces, keeping line breaks', () => {
    expect(escapeField('a < b & c > "d" {{Phrase}}\nnext')).toBe(
      'a &lt; b &amp; c &gt; &quot;d&quot; &#123;&#123;Phrase&#125;&#125;<br>next',
    );
    expect(stripHtml(escapeField('{{c1::x}} & <i>'))).toBe('{{c1::x}} & <i>');
  });

  it('drops control characters, then writes what is still a lone surrogate as U+FFFD', () => {
    expect(escapeField('a\u001fb\u0000c')).toBe('abc');
    expect(escapeField('x\ud83dy')).toBe('x\ufffdy');
    // Two halves only a control kept apart are one character once the control is gone.
    expect(escapeField('\ud83d\u001f\udc00')).toBe('\u{1f400}');
  });

  it('marks one tone class per syllable, punctuation outside the spans', () => {
    expect(pinyinHtml('shān chuān yì yù, fēng yuè')).toBe(
      '<span class="tone1">shān</span> <span class="tone1">chuān</span> <span class="tone4">yì</span> ' +
        '<span class="tone4">yù</span>, <span class="tone1">fēng</span> <span class="tone4">yuè</span>',
    );
    expect([toneOf('mā'), toneOf('má'), toneOf('mǎ'), toneOf('mà'), toneOf('ma'), toneOf('lǚ'), toneOf('lü')]).toEqual([
      1, 2, 3, 4, 5, 3, 5,
    ]);
    expect(toneOf('，')).toBe(0);
  });

  it('highlights the phrase in its context with our own markup only', () => {
    const values = noteFields(SAMPLE_CARDS[0]!);
    expect(field(values, 'Context')).toBe('报告已经写得很清楚，再加一段总结就是<b class="hl">画蛇添足</b>了。');
    const unmarked = { ...SAMPLE_CARDS[0]!, contextStart: -1, contextEnd: -1 };
    expect(field(noteFields(unmarked), 'Context')).not.toContain('<b');
  });

  it('shows the context as a Traditional source wrote it in a Traditional or two-script deck, escaped and marked', () => {
    const card = { ...SAMPLE_CARDS[0]!, contextOriginal: '報告已經寫得很清楚，再加一段<總結>就是畫蛇添足了。' };
    card.context = '报告已经写得很清楚，再加一段<总结>就是画蛇添足了。';
    card.contextStart = card.context.indexOf('画蛇添足');
    card.contextEnd = card.contextStart + 4;
    expect(field(noteFields(card), 'Context')).toBe('报告已经写得很清楚，再加一段&lt;总结&gt;就是<b class="hl">画蛇添足</b>了。');
    expect(field(noteFields(card, { script: 'simplified' }), 'Context')).toBe(field(noteFields(card), 'Context'));
    for (const script of ['traditional', 'both'] as const) {
      expect(field(noteFields(card, { script }), 'Context')).toBe('報告已經寫得很清楚，再加一段&lt;總結&gt;就是<b class="hl">畫蛇添足</b>了。');
    }
    // A Simplified source has no original of its own: every script shows its sentence.
    expect(field(noteFields(SAMPLE_CARDS[0]!, { script: 'traditional' }), 'Context')).toBe(field(noteFields(SAMPLE_CARDS[0]!), 'Context'));
  });

  it('marks Chinese in the meaning that gives the phrase away, and only that', () => {
    const adapted = { ...SAMPLE_CARDS[0]!, meaning: '(adapted from 画蛇添脚) to overdo & spoil (source: 《战国策》)' };
    expect(field(noteFields(adapted), 'Meaning')).toBe(
      '(adapted from <span class="spoiler">画蛇添脚</span>) to overdo &amp; spoil (source: 《战国策》)',
    );
    const parts = { ...SAMPLE_CARDS[1]!, meaning: '守 (to guard) + 株 (stump) + 的 (particle)' };
    expect(field(noteFields(parts), 'Meaning')).toBe(
      '<span class="spoiler">守</span> (to guard) + <span class="spoiler">株</span> (stump) + 的 (particle)',
    );
  });

  it('fills the ten fields in order, Key last', () => {
    const values = noteFields(SAMPLE_CARDS[3]!, { sources: [{ name: 'essay-one.txt', title: 'T', date: '2020' }] });
    expect(values).toHaveLength(10);
    expect(field(values, 'Phrase')).toBe('山川异域，风月同天');
    expect(field(values, 'Key')).toBe('山川异域风月同天');
    expect(field(values, 'Kind')).toBe('quotation');
    expect(field(values, 'Source')).toBe('<span class="attribution">长屋王</span><br><span class="origin">T · 2020</span>');
  });

  it('never lets a hostile card produce a template tag or a tag of its own', () => {
    for (const value of noteFields(HOSTILE_CARD)) {
      expect(value).not.toMatch(/\{\{|\}\}|<script|<\/div/);
    }
  });
});

describe('identity and tags', () => {
  it('derives the GUID from the key alone', () => {
    const card = SAMPLE_CARDS[0]!;
    const edited = { ...card, meaning: 'something else', context: 'other', pinyin: 'x' };
    expect(noteGuid(card.key)).toBe(noteGuid(edited.key));
    expect(noteGuid('画蛇添足')).not.toBe(noteGuid('守株待兔'));
    expect(noteGuid('画蛇添足')).toMatch(/^[0-9A-Za-z]{11}$/);
  });

  it('sanitises source names into single tags', () => {
    const card = makeCard({
      text: '画蛇添足',
      pinyin: 'huà shé tiān zú',
      traditional: '畫蛇添足',
      meaning: 'm',
      context: '画蛇添足',
      sources: ['My Speech: 2024 final.md', 'notes\u3000two.txt'],
    });
    expect(noteTags(card)).toEqual([
      'chengyu-deck::kind::chengyu',
      'chengyu-deck::source::My_Speech__2024_final',
      'chengyu-deck::source::notes_two',
    ]);
  });

  it('tags each source once, in the order the sources came, however many there are', () => {
    const sources = ['b.txt', 'a.md', 'b.md', ...Array.from({ length: 5000 }, (_, i) => `speech ${i % 2500}.txt`), 'a.txt'];
    const card = makeCard({ text: '画蛇添足', pinyin: 'huà shé tiān zú', traditional: '畫蛇添足', meaning: 'm', context: '画蛇添足', sources });
    const tags = noteTags(card);
    expect(tags.slice(0, 4)).toEqual(['chengyu-deck::kind::chengyu', 'chengyu-deck::source::b', 'chengyu-deck::source::a', 'chengyu-deck::source::speech_0']);
    expect(tags).toHaveLength(1 + 2 + 2500);
    expect(new Set(tags).size).toBe(tags.length);
    expect(tags.at(-1)).toBe('chengyu-deck::source::speech_2499');
  });
});

describe('templates', () => {
  it('computes req as Anki does: all-mode for a single-field front, any-mode otherwise', () => {
    expect(requirement(0, '<div>{{Phrase}}</div>', FIELD_NAMES)).toEqual([0, 'all', [0]]);
    expect(requirement(1, '{{Meaning}}<br>{{Context}}', FIELD_NAMES)).toEqual([1, 'any', [3, 6]]);
    expect(requirement(2, '{{#Literal}}{{Phrase}}{{/Literal}}', FIELD_NAMES)).toEqual([2, 'all', [0, 4]]);
    expect(requirement(0, 'no fields', FIELD_NAMES)).toEqual([0, 'none', []]);
  });

  it('shows the chosen script on the front', () => {
    const values = Object.fromEntries(FIELD_NAMES.map((name, i) => [name, noteFields(SAMPLE_CARDS[0]!)[i]!]));
    const front = (script: 'simplified' | 'traditional' | 'both') =>
      renderTemplate(loadNoteType({ cards: ['recognition'], script }).templates[0]!.front, values);
    expect(stripHtml(front('simplified'))).toContain('画蛇添足');
    expect(stripHtml(front('simplified'))).not.toContain('畫蛇添足');
    expect(stripHtml(front('traditional'))).toContain('畫蛇添足');
    expect(stripHtml(front('traditional'))).not.toContain('画蛇添足');
    expect(stripHtml(front('both'))).toContain('画蛇添足');
    expect(stripHtml(front('both'))).toContain('畫蛇添足');
  });

  it('keeps the phrase out of the recall front text and in its back', () => {
    const type = loadNoteType({ cards: ['recall'], script: 'simplified' });
    const values = Object.fromEntries(FIELD_NAMES.map((name, i) => [name, noteFields(SAMPLE_CARDS[1]!)[i]!]));
    const front = renderTemplate(type.templates[0]!.front, values);
    // The blank is drawn by CSS over the highlight; the front must wrap the phrase in it.
    expect(front).toContain('class="context blanked"');
    expect(front).toContain('<b class="hl">守株待兔</b>');
    expect(stripHtml(renderTemplate(type.templates[0]!.back, values, { frontSide: front }))).toContain('守株待兔');
    expect(type.css).toMatch(/\.blanked \.hl\s*\{[^}]*font-size:\s*0/);
  });

  it('speaks the phrase on the listening front without showing it', () => {
    const type = loadNoteType({ cards: ['listening'], script: 'simplified' });
    expect(type.templates[0]!.front).toContain('{{tts zh_CN:Phrase}}');
    expect(type.req).toEqual([[0, 'all', [0]]]);
  });

  it('rejects user templates that name unknown fields or show no field on the front', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chengyu-bad-'));
    writeFileSync(join(dir, 'recognition.front.html'), '{{Hanzi}}');
    expect(() => loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: dir })).toThrow(/Hanzi/);
    writeFileSync(join(dir, 'recognition.front.html'), '<p>static</p>');
    expect(() => loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: dir })).toThrow(/no field/);
  });

  it('rejects user templates Anki could not parse: unclosed braces or sections, stray or crossed closing tags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chengyu-syntax-'));
    const cases: [string, RegExp][] = [
      ['{{#Phrase}}<b>{{Phrase}}</b>', /recognition\.front\.html: \{\{#Phrase\}\} is never closed/],
      ['{{Phrase}}{{/Phrase}}', /\{\{\/Phrase\}\} closes no section/],
      ['{{#Phrase}}{{^Meaning}}{{Phrase}}{{/Phrase}}{{/Meaning}}', /\{\{\/Phrase\}\} found where \{\{#Meaning\}\} needs closing/],
      ['{{Phrase}} {{Meaning', /"\{\{" is never closed/],
    ];
    for (const [template, problem] of cases) {
      writeFileSync(join(dir, 'recognition.front.html'), template);
      expect(() => loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: dir }), template).toThrow(problem);
    }
    // Nested, inverted and filtered sections that close properly are accepted.
    writeFileSync(join(dir, 'recognition.front.html'), '{{#Phrase}}{{^Literal}}{{text:Phrase}}{{/Literal}}{{#Pinyin}}{{Pinyin}}{{/Pinyin}}{{/Phrase}}');
    expect(loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: dir }).templates[0]?.front).toContain('{{text:Phrase}}');
  });

  it('refuses a --templates that is a file, or a folder without any template, instead of using the bundled ones unasked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chengyu-folder-'));
    expect(() => loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: dir })).toThrow(/--templates: folder .* holds none of recognition\.front\.html/);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(() => loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: join(dir, 'notes.txt') })).toThrow(/notes\.txt is a file; name the folder/);
    // One file of the set is enough: the others come from the bundled templates.
    writeFileSync(join(dir, 'style.css'), '.card { color: navy; }');
    expect(loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: dir }).css).toContain('navy');
  });

  it('reads user templates as UTF-8 without their byte-order mark, and refuses GBK rather than garble it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chengyu-encoding-'));
    writeFileSync(join(dir, 'recognition.front.html'), '\uFEFF<div>成语：{{Phrase}}</div>\r\n');
    writeFileSync(join(dir, 'style.css'), '\uFEFF.card { color: black; }');
    const type = loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: dir });
    expect(type.templates[0]?.front.startsWith('<div>成语：{{Phrase}}</div>')).toBe(true);
    expect(type.css.startsWith('.card')).toBe(true);
    // 成语：{{Phrase}} as a Chinese Windows editor saves it (GBK).
    writeFileSync(join(dir, 'recognition.front.html'), Buffer.concat([Buffer.from([0xb3, 0xc9, 0xd3, 0xef, 0xa3, 0xba]), Buffer.from('{{Phrase}}')]));
    expect(() => loadNoteType({ cards: ['recognition'], script: 'simplified', templatesDir: dir })).toThrow(/--templates: recognition\.front\.html is not UTF-8 text .*save it as UTF-8/);
  });
});
