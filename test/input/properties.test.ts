// Properties over generated inputs: the input stage either refuses bytes with an InputError or returns text
// that lost no Han character and contains no replacement character, and splitting never loses text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/input/index.js';
import { InputError } from '../../src/cli/errors.js';
import { hanOnly } from '../../src/lexicon/paths.js';

// Pieces that exercise the normaliser: Chinese, Latin, digits, both punctuation widths, quotes, markup,
// page markers, radicals, blank lines.
const piece = fc.constantFrom(
  '学习', '成语', '人民', '大会堂', '守株待兔', 'ABC', 'word', '2021', '3.5', ' ', '  ', '\n', '\n\n', '，', ',',
  '。', '.', '！', '!', '？', '?', '：', ':', '；', ';', '"', '“', '”', '《', '》', '(', ')', '（', '）', '# ', '## ',
  '**', '*', '- ', '■ ', '·', '(上接1版)', '（下转3版）', '\u2f08\u2ea0', 'Ｗ１', '\u3000', '……', '...', '<p>', '&amp;',
  '扫一扫', '供图', '摄', '记者：', '王毅：',
);
const text = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(''));

describe('input stage properties', () => {
  it('never loses or invents Han characters apart from markup, captions and duplicates', () => {
    fc.assert(
      fc.property(text, (t) => {
        let result;
        try {
          result = ingest({ name: 'p.txt', path: null, bytes: new TextEncoder().encode(t) });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          return;
        }
        const { document, sentences } = result;
        const blocks = document.blocks.map((b) => b.text).join('');
        expect(blocks).not.toContain('\ufffd');
        // Sentences cover their blocks exactly (Han characters).
        expect(hanOnly(sentences.map((s) => s.text).join(''))).toBe(hanOnly(blocks));
        // What is kept never exceeds what came in, after radicals are mapped.
        expect(hanOnly(blocks).length).toBeLessThanOrEqual(hanOnly(t.replace(/\u2f08\u2ea0/g, '人民')).length);
        for (const s of sentences) expect(s.text.trim()).toBe(s.text);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses arbitrary bytes with an InputError or decodes them without replacement characters', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (bytes) => {
        try {
          const { document } = ingest({ name: 'b.bin', path: null, bytes });
          for (const b of document.blocks) expect(b.text).not.toContain('\ufffd');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect((error as Error).message.startsWith('b.bin: ')).toBe(true);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: 300 },
    );
  });
});
