// Lists, tables and card files this tool (or Anki) wrote, recognised by their first bytes. A folder of
// speeches often also holds last run's vocabulary list (`extract speeches/ --format md -o speeches/list.md`):
// read as a speech, its phrases would count again on every run, and the list could not be written anew
// because it had become an input. Found in a folder, such a file is skipped; named explicitly, it is read.
import { closeSync, openSync, readSync } from 'node:fs';
import type { DiskPath } from '../types.js';

/** The first line of a markdown list: a comment markdown viewers do not show. */
export const MARKDOWN_MARK = '<!-- chengyu-deck -->';
/** In the head of a printable list. */
export const HTML_GENERATOR = '<meta name="generator" content="chengyu-deck">';

const HEAD_BYTES = 1024;
const TABLE_HEADER = /^#[ \t]+score[ \t]+kind[ \t]/;
const PLECO_ENTRY = /^[^\t\n]+\t[^\t\n]*\t/m;

/** Whether a text starting with `head` is a list, table or card file rather than a text to read. */
export function isGeneratedList(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '');
  if (text.startsWith(MARKDOWN_MARK) || text.includes(HTML_GENERATOR)) return true;
  // Anki's text files, ours or Anki's own exports, open with `#separator:` or `#html:` headers.
  if (/^#(separator|html|notetype|deck|tags column|guid column):/.test(text)) return true;
  if (TABLE_HEADER.test(text)) return true;
  // A Pleco flashcard file: a `//` category line, then entries of tab-separated headword, pinyin, meaning.
  if (text.startsWith('//')) {
    const rest = text.slice(text.indexOf('\n') + 1);
    return PLECO_ENTRY.test(rest);
  }
  return false;
}

/** The first bytes of a file, as UTF-8 (enough to see a signature); empty when it cannot be read. */
export function fileHead(path: DiskPath): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, read).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
