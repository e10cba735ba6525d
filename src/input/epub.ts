// E-books (.epub): the chapters in reading order (the package's spine), each read as an HTML page. A
// collection of speeches or essays is often bought or shared as an e-book.
import { posix } from 'node:path';
import { InputError } from '../cli/errors.js';
import { decodeEntity, htmlToText } from './html.js';
import { unpack, zipNames } from './packages.js';

const CONTAINER = 'META-INF/container.xml';

/** Whether the bytes are an EPUB: a zip that names its container file. */
export function isEpub(bytes: Uint8Array): boolean {
  return zipNames(bytes, CONTAINER);
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return match ? (match[2] ?? match[3]) : undefined;
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x?[0-9a-fA-F]{1,6}|[a-z]{2,8});/g, (all: string, body: string) => decodeEntity(body) ?? all);
}

/** The package document's path, from the container file. */
function packagePath(container: string): string | undefined {
  const rootfile = /<(?:\w+:)?rootfile\b[^<>]*>/.exec(container)?.[0];
  return rootfile ? attribute(rootfile, 'full-path') : undefined;
}

/** The chapters' paths inside the zip, in reading order. */
export function spinePaths(opf: string, opfPath: string): string[] {
  const base = posix.dirname(opfPath);
  const hrefs = new Map<string, string>();
  for (const match of opf.matchAll(/<(?:\w+:)?item\b[^<>]*>/g)) {
    const id = attribute(match[0], 'id');
    const href = attribute(match[0], 'href');
    const type = attribute(match[0], 'media-type') ?? '';
    if (id !== undefined && href !== undefined && /html/.test(type)) hrefs.set(id, href);
  }
  const paths: string[] = [];
  for (const match of opf.matchAll(/<(?:\w+:)?itemref\b[^<>]*>/g)) {
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
  const utf8 = new TextDecoder('utf-8');
  const files = unpack(name, bytes, (entry) => entry === CONTAINER || /\.(opf|x?html?)$/i.test(entry), 'e-book');
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
  const title = /<(?:\w+:)?title\b[^<>]*>([^<]{1,200})</.exec(utf8.decode(opf))?.[1]?.trim();
  return [...(title ? [`# ${unescapeXml(title)}`] : []), ...chapters].join('\n\n');
}
