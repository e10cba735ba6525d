// E-books as input, on a small book written for these tests in the shape EPUB 3 has.
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { decode } from '../../src/input/decode.js';
import { normalise } from '../../src/input/normalise.js';
import { isEpub, spinePaths } from '../../src/input/epub.js';

const OPF =
  '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata>' +
  '<dc:title xmlns:dc="http://purl.org/dc/elements/1.1/">讲话选编</dc:title></metadata><manifest>' +
  '<item id="c2" href="Text/ch%202.xhtml" media-type="application/xhtml+xml"/>' +
  '<item id="c1" href="Text/ch1.xhtml" media-type="application/xhtml+xml"/>' +
  '<item id="css" href="s.css" media-type="text/css"/></manifest>' +
  '<spine><itemref idref="c1"/><itemref idref="css"/><itemref idref="c2"/></spine></package>';

function book(withPackage = true): Uint8Array {
  const files: Record<string, Uint8Array> = {
    mimetype: strToU8('application/epub+zip'),
    'META-INF/container.xml': strToU8(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>' +
        '<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OEBPS/Text/ch1.xhtml': strToU8('<html><head><title>一</title></head><body><h1>第一篇 教育</h1><p>教学要循序渐进，不能拔苗助长。</p></body></html>'),
    'OEBPS/Text/ch 2.xhtml': strToU8('<html><head><title>二</title></head><body><h1>第二篇 团结</h1><p>大家要同舟共济，守望相助。</p></body></html>'),
  };
  if (withPackage) files['OEBPS/content.opf'] = strToU8(OPF);
  return zipSync(files);
}

describe('e-books', () => {
  it('lists the chapters in reading order, relative to the package document, escapes undone', () => {
    expect(spinePaths(OPF, 'OEBPS/content.opf')).toEqual(['OEBPS/Text/ch1.xhtml', 'OEBPS/Text/ch 2.xhtml']);
  });

  it('reads the chapters as text, in that order, the book title first', () => {
    const bytes = book();
    expect(isEpub(bytes)).toBe(true);
    const d = normalise(decode({ name: 'book.epub', path: null, bytes }));
    expect(d.source.title).toBe('讲话选编');
    expect(d.blocks.map((b) => `${b.role}:${b.text}`)).toEqual([
      'heading:讲话选编',
      'heading:第一篇 教育',
      'body:教学要循序渐进，不能拔苗助长。',
      'heading:第二篇 团结',
      'body:大家要同舟共济，守望相助。',
    ]);
  });

  it('refuses a book without its package document, naming the file', () => {
    expect(() => decode({ name: 'broken.epub', path: null, bytes: book(false) })).toThrow(/^broken\.epub: not a readable e-book/);
  });
});
