// Word documents as input, on a document part written for these tests in the shape Word writes.
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { decode } from '../../src/input/decode.js';
import { normalise } from '../../src/input/normalise.js';
import { documentText, isDocx } from '../../src/input/docx.js';
import { InputError } from '../../src/cli/errors.js';

const BODY = [
  '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>在全校教学工作会议上的讲话</w:t></w:r></w:p>',
  '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:t xml:space="preserve">老师们：</w:t></w:r></w:p>',
  '<w:p><w:r><w:t>教学要</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:i/></w:rPr><w:t>循序渐进</w:t></w:r><w:proofErr w:type="spellEnd"/>',
  '<w:r><w:t>，不能</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>急功近利</w:delText></w:r></w:del>',
  '<w:ins w:id="2" w:author="x"><w:r><w:t>拔苗助长</w:t></w:r></w:ins><w:r><w:t>。大家要&quot;同舟共济&quot;&amp;守望相助&#12290;</w:t></w:r></w:p>',
  '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
  '<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>乙</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>丙</w:t></w:r></w:p>',
].join('');
const XML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${BODY}<w:sectPr/></w:body></w:document>`;

function docx(xml: string): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(xml) });
}

describe('Word documents', () => {
  it('reads the body: runs joined, insertions kept, deletions and field codes left out, tabs and breaks kept', () => {
    expect(documentText(XML)).toBe(
      ['在全校教学工作会议上的讲话', '老师们：', '教学要循序渐进，不能拔苗助长。大家要"同舟共济"&守望相助。', '', '甲\t乙\n丙'].join('\n\n'),
    );
  });

  it('goes through the pipeline as text: title, paragraphs and phrases', () => {
    const bytes = docx(XML);
    expect(isDocx(bytes)).toBe(true);
    const d = normalise(decode({ name: 'speech.docx', path: null, bytes }));
    expect(d.source.title).toBe('在全校教学工作会议上的讲话');
    expect(d.blocks.map((b) => b.text)).toContain('教学要循序渐进，不能拔苗助长。大家要“同舟共济”&守望相助。');
  });

  it('refuses a document whose text would unpack past the size limit, before unpacking it', () => {
    const bytes = Buffer.from(docx(XML));
    // Claim 800 MB of text in the local header (offset 22) and the central directory entry (offset 24).
    const claimed = 800 * 1024 * 1024;
    for (let at = bytes.indexOf(Buffer.from('PK\u0003\u0004', 'latin1')); at >= 0; at = bytes.indexOf(Buffer.from('PK\u0003\u0004', 'latin1'), at + 4)) {
      if (bytes.toString('latin1', at + 30, at + 30 + bytes.readUInt16LE(at + 26)) === 'word/document.xml') bytes.writeUInt32LE(claimed, at + 22);
    }
    for (let at = bytes.indexOf(Buffer.from('PK\u0001\u0002', 'latin1')); at >= 0; at = bytes.indexOf(Buffer.from('PK\u0001\u0002', 'latin1'), at + 4)) {
      if (bytes.toString('latin1', at + 46, at + 46 + bytes.readUInt16LE(at + 28)) === 'word/document.xml') bytes.writeUInt32LE(claimed, at + 24);
    }
    expect(() => decode({ name: 'huge.docx', path: null, bytes })).toThrow(/^huge\.docx: holds a part of 800 MB, larger than 512 MB/);
  });

  it('refuses other packages and broken documents with one line naming the file', () => {
    const epub = zipSync({ mimetype: strToU8('application/epub+zip'), 'OEBPS/a.xhtml': strToU8('<p>文字</p>') });
    expect(() => decode({ name: 'book.epub', path: null, bytes: epub })).toThrow(/book\.epub: not a text file \(ZIP archive/);
    const broken = docx(XML).slice(0, 60);
    const error = (() => {
      try {
        decode({ name: 'cut.docx', path: null, bytes: broken });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^cut\.docx: /);
  });

  it('tells a password-protected .docx from an old Word document: both are compound files', () => {
    // The compound-file signature and an empty header: what Word writes around an encrypted package, and
    // what a Word 97–2003 document starts with.
    const compound = new Uint8Array(512);
    compound.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(() => decode({ name: 'report.docx', path: null, bytes: compound })).toThrow(/report\.docx: not a text file \(a password-protected Office document; save a copy without the password\)$/);
    expect(() => decode({ name: 'report.doc', path: null, bytes: compound })).toThrow(/report\.doc: not a text file \(a Word 97–2003, WPS or other old Office document; save it as \.docx or text first\)$/);
  });
});
