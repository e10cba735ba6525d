// E-books (.epub): the chapters in reading order (the package's spine), each read as an HTML page. A
// collection of speeches or essays is often bought or shared as an e-book.
import { createRequire } from 'node:module';
import { posix } from 'node:path';
import { InputError } from '../cli/errors.js';
import { withinLimit } from './read.js';
import { htmlToText } from './html.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CONTAINER = 'META-INF/container.xml';

/** Whether the bytes are an EPUB: a zip that names its container file. */
export function isEpub(bytes: Uint8Array): boolean {
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(CONTAINER, 0, 'latin1');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return match ? (match[2] ?? match[3]) : undefined;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_all, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');
}

/** The package document's path, from the container file. */
function packagePath(container: string): string | undefined {
  const rootfile = /<(?:\w+:)?rootfile\b[^>]*>/.exec(container)?.[0];
  return rootfile ? attribute(rootfile, 'full-path') : undefined;
}

/** The chapters' paths inside the zip, in reading order. */
export function spinePaths(opf: string, opfPath: string): string[] {
  const base = posix.dirname(opfPath);
  const hrefs = new Map<string, string>();
  for (const match of opf.matchAll(/<(?:\w+:)?item\b[^>]*>/g)) {
    const id = attribute(match[0], 'id');
    const href = attribute(match[0], 'href');
    const type = attribute(match[0], 'media-type') ?? '';
    if (id !== undefined && href !== undefined && /html/.test(type)) hrefs.set(id, href);
  }
  const paths: string[] = [];
  for (const match of opf.matchAll(/<(?:\w+:)?itemref\b[^>]*>/g)) {
    const href = hrefs.get(attribute(match[0], 'idref') ?? '');
    if (href === undefined) continue;
    let decoded = unescapeXml(href);
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      // A malformed escape: the name as written.
    }
    paths.push(posix.normalize(posix.join(base === '.' ? '' : base, decoded.replace(/#.*$/, ''))));
  }
  return paths;
}

/** The text of an e-book: its chapters in reading order, a blank line between them. */
export function epubText(name: string, bytes: Uint8Array): string {
  const { unzipSync } = createRequire(import.meta.url)('fflate') as typeof import('fflate');
  const utf8 = new TextDecoder('utf-8');
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => (file.name === CONTAINER || /\.(opf|x?html?)$/i.test(file.name)) && withinLimit(name, file.originalSize),
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(name, `not a readable e-book (${(error as Error).message})`);
  }
  const container = files[CONTAINER];
  const opfPath = container ? packagePath(utf8.decode(container)) : undefined;
  const opf = opfPath !== undefined ? files[opfPath] : undefined;
  if (opfPath === undefined || opf === undefined) throw new InputError(name, 'not a readable e-book (no package document)');
  const chapters: string[] = [];
  for (const path of spinePaths(utf8.decode(opf), opfPath)) {
    const chapter = files[path];
    if (chapter) chapters.push(htmlToText(utf8.decode(chapter)).text);
  }
  if (chapters.length === 0) throw new InputError(name, 'not a readable e-book (no chapters in its reading order)');
  // The book's title, as the text's first heading, is the title its cards name.
  const title = /<(?:\w+:)?title\b[^>]*>([^<]{1,200})</.exec(utf8.decode(opf))?.[1]?.trim();
  return [...(title ? [`# ${unescapeXml(title)}`] : []), ...chapters].join('\n\n');
}
