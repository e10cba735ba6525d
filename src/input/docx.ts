// Word documents (.docx): the text of the document part, each paragraph a paragraph of its own. Speeches
// and articles often come as Word files; without this a teacher had to save each one as text first. Only
// the body is read: deleted revisions, field codes, footnotes, headers and footers are not.
import { InputError } from '../cli/errors.js';
import { decodeEntity } from './html.js';
import { unpack, zipNames } from './packages.js';

const DOCUMENT_PART = 'word/document.xml';
/** Whether the bytes are a Word document: a zip whose entries name the document part. */
export function isDocx(bytes: Uint8Array): boolean {
  return zipNames(bytes, DOCUMENT_PART);
}

/** A tag of the WordprocessingML vocabulary, or a run of text between tags. */
const TOKEN = /<(\/?)([A-Za-z][\w.-]*:[A-Za-z][\w.-]*|[A-Za-z][\w.-]*)(?=[\s/>])[^<>]*?(\/?)>|<[!?][^>]*>|([^<]+)/g;

const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;


/** The text of a WordprocessingML document part: paragraphs separated by blank lines. */
export function documentText(xml: string): string {
  const paragraphs: string[] = [];
  let current = '';
  // Inside <w:t>: its text is the document's. Inside <w:delText> or <w:instrText>: it is not.
  let inText = false;
  // Inside <w:tabs>, a <w:tab> defines a tab stop rather than putting a tab in the text.
  let inTabStops = false;
  for (const match of xml.matchAll(TOKEN)) {
    const [, closing, name, selfClosing, text] = match;
    if (text !== undefined) {
      if (inText) current += text.replace(ENTITY, (all: string, body: string) => decodeEntity(body) ?? all);
      continue;
    }
    if (name === undefined) continue;
    const local = name.slice(name.indexOf(':') + 1);
    if (local === 't') inText = closing !== '/' && selfClosing !== '/';
    else if (local === 'tabs') inTabStops = closing !== '/' && selfClosing !== '/';
    else if (local === 'tab' && closing !== '/' && !inTabStops) current += '\t';
    else if ((local === 'br' || local === 'cr') && closing !== '/') current += '\n';
    else if (local === 'p' && (closing === '/' || selfClosing === '/')) {
      paragraphs.push(current);
      current = '';
    }
  }
  if (current !== '') paragraphs.push(current);
  return paragraphs.join('\n\n');
}

/** The text of a Word document's body. */
export function docxText(name: string, bytes: Uint8Array): string {
  const part = unpack(name, bytes, (entry) => entry === DOCUMENT_PART, 'Word document')[DOCUMENT_PART];
  if (part === undefined) throw new InputError(name, 'not a readable Word document (no word/document.xml)');
  return documentText(new TextDecoder('utf-8').decode(part));
}
