// HTML input → plain text with one block per line. A linear scanner, not a parser: enough for saved web
// pages and exported articles. Headings become markdown headings so the normaliser gives them their role.

export interface HtmlText {
  text: string;
  /** The page's `<title>`, entities decoded, when it has one. */
  title?: string;
  /** Characters of tags, comments, scripts and entity spellings removed. */
  markupChars: number;
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'td', 'th', 'table', 'section', 'article', 'header', 'footer',
  'blockquote', 'pre', 'hr', 'figure', 'figcaption', 'dd', 'dt', 'dl', 'main', 'aside', 'nav', 'title', 'body',
  'html', 'head', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);
// Figure captions are image captions, which the normaliser drops as markup; the head holds no text.
// Ruby annotations (`<rt>` pinyin over a character, `<rp>` its fallback brackets) would split the words
// they annotate.
const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'figcaption', 'rt', 'rp']);

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  mdash: '—', ndash: '–', hellip: '…', middot: '·', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’',
  laquo: '«', raquo: '»', times: '×', divide: '÷', copy: '©', reg: '®', deg: '°', yen: '¥', bull: '•',
};

/** The character an entity's body (`amp`, `#12290`, `#x3002`) names, or undefined. */
export function decodeEntity(body: string): string | undefined {
  if (body.startsWith('#')) {
    const cp = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    // Not a character (past U+10FFFF, or half of a surrogate pair): no decoding.
    return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : undefined;
  }
  return NAMED[body.toLowerCase()];
}

function tagName(tag: string): string {
  let i = tag.startsWith('</') ? 2 : 1;
  let name = '';
  for (; i < tag.length; i++) {
    const c = tag[i] as string;
    if (/[A-Za-z0-9]/.test(c)) name += c;
    else break;
  }
  return name.toLowerCase();
}

export function htmlToText(html: string): HtmlText {
  const out: string[] = [];
  let lower: string | undefined;
  let removed = 0;
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    const amp = html.indexOf('&', i);
    const next = lt < 0 ? amp : amp < 0 ? lt : Math.min(lt, amp);
    if (next < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, next));
    if (next === amp) {
      const semi = html.indexOf(';', next);
      const decoded = semi > next && semi - next <= 10 ? decodeEntity(html.slice(next + 1, semi)) : undefined;
      if (decoded === undefined) {
        out.push('&');
        i = next + 1;
      } else {
        out.push(decoded);
        removed += semi + 1 - next - decoded.length;
        i = semi + 1;
      }
      continue;
    }
    if (html.startsWith('<!--', next)) {
      const end = html.indexOf('-->', next + 4);
      const stop = end < 0 ? n : end + 3;
      removed += stop - next;
      i = stop;
      continue;
    }
    const gt = html.indexOf('>', next);
    if (gt < 0) {
      out.push(html.slice(next));
      break;
    }
    const tag = html.slice(next, gt + 1);
    const name = tagName(tag);
    if (name === '' && !tag.startsWith('<!') && !tag.startsWith('<?') && !tag.startsWith('</')) {
      // A lone `<` in text (`a < b`), not a tag.
      out.push('<');
      i = next + 1;
      continue;
    }
    removed += tag.length;
    i = gt + 1;
    const closing = tag.startsWith('</');
    if (!closing && SKIP_CONTENT.has(name) && !tag.endsWith('/>')) {
      lower ??= html.toLowerCase();
      const end = lower.indexOf(`</${name}`, i);
      const endGt = end < 0 ? -1 : html.indexOf('>', end);
      const stop = endGt < 0 ? n : endGt + 1;
      removed += stop - i;
      i = stop;
      continue;
    }
    if (/^h[1-6]$/.test(name)) {
      out.push(closing ? '\n\n' : '\n\n# ');
      continue;
    }
    if (BLOCK_TAGS.has(name)) out.push(name === 'br' ? '\n' : '\n\n');
  }
  const title = pageTitle(html);
  return { text: out.join(''), markupChars: removed, ...(title ? { title } : {}) };
}

function pageTitle(html: string): string | undefined {
  const head = html.slice(0, 20_000);
  const m = /<title[^>]{0,200}>([^<]{1,300})<\/title>/i.exec(head);
  if (!m) return undefined;
  const text = (m[1] as string).replace(/&(#x?[0-9a-f]{1,6}|[a-z]{2,8});/gi, (all, body: string) => decodeEntity(body) ?? all).trim();
  return text.length > 0 ? text : undefined;
}

export function looksLikeHtml(name: string, text: string): boolean {
  if (/\.html?$/i.test(name)) return true;
  const head = text.slice(0, 512).trimStart();
  // Only a head that opens with `<` can pass (lower-casing never makes a `<`); lower-casing Chinese text
  // is a slow call into ICU, so every other head is ruled out first.
  if (head.charCodeAt(0) !== 0x3c) return false;
  const lower = head.toLowerCase();
  return lower.startsWith('<!doctype html') || lower.startsWith('<html');
}

/**
 * Tags of HTML kept in text copied from web pages or markdown written by editors (`<span style=…>`,
 * `<br>`, `&nbsp;`). Only these names count as tags outside an HTML file: a `<` in plain text may be a
 * comparison, and `a<b 且 c>d` must stay as written.
 */
const FRAGMENT_TAGS = new Set([
  ...BLOCK_TAGS, 'span', 'font', 'a', 'img', 'b', 'i', 'u', 's', 'em', 'strong', 'small', 'big', 'sup', 'sub',
  'mark', 'del', 'ins', 'code', 'center', 'ruby', 'rt', 'rp', 'abbr', 'cite', 'q', 'tbody', 'thead', 'caption',
]);

/**
 * A comment, a script or style element with its content, a tag (its attributes as HTML writes them:
 * `<b 并且 c>` is no tag), or an entity. Every repetition is bounded, so no text makes it backtrack for long.
 */
const FRAGMENT = /<!--[^]{0,2000}?-->|<(script|style|rt|rp)\b[^<>]{0,500}>[^]{0,20000}?<\/\1\s*>|<(\/?)([a-z][a-z0-9]{0,9})(?:\s+[a-z_:][a-z0-9_:.-]{0,40}(?:\s*=\s*(?:"[^"<>\n]{0,500}"|'[^'<>\n]{0,500}'|[^\s"'<>=`]{1,200}))?){0,30}\s*\/?>|&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi;
/**
 * The same without scripts and styles, for a text that closes none: there, each unclosed `<script>` would
 * search thousands of characters ahead for its end. The groups keep their numbers (the first never matches).
 */
const FRAGMENT_NO_ELEMENTS = /<!--[^]{0,2000}?-->|(?!)()|<(\/?)([a-z][a-z0-9]{0,9})(?:\s+[a-z_:][a-z0-9_:.-]{0,40}(?:\s*=\s*(?:"[^"<>\n]{0,500}"|'[^'<>\n]{0,500}'|[^\s"'<>=`]{1,200}))?){0,30}\s*\/?>|&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi;

/** Whether `text` (not an HTML file) holds any HTML tag of a known name or entity, or a comment. */
export function hasHtmlFragments(text: string): boolean {
  if (text.indexOf('<') < 0 && text.indexOf('&') < 0) return false;
  const fragment = fragmentPattern(text);
  fragment.lastIndex = 0;
  for (let m = fragment.exec(text); m !== null; m = fragment.exec(text)) {
    if (fragmentReplacement(m[0], m[1], m[3], m[4]) !== m[0]) return true;
  }
  return false;
}

function fragmentPattern(text: string): RegExp {
  return /<\/(?:script|style|rt|rp)/i.test(text) ? FRAGMENT : FRAGMENT_NO_ELEMENTS;
}

function fragmentReplacement(all: string, skipped: string | undefined, name: string | undefined, entity: string | undefined): string {
  if (all.startsWith('<!--') || skipped !== undefined) return '';
  if (entity !== undefined) return decodeEntity(entity) ?? all;
  const tag = (name ?? '').toLowerCase();
  if (!FRAGMENT_TAGS.has(tag)) return all;
  if (tag === 'br') return '\n';
  return BLOCK_TAGS.has(tag) ? '\n\n' : '';
}

/**
 * Text with HTML fragments in it → the same text without them: known tags removed (block tags become
 * line breaks, as in an HTML file), entities decoded, comments, scripts and styles dropped. Anything else
 * that looks like a tag stays.
 */
export function stripHtmlFragments(text: string): { text: string; removed: number } {
  const stripped = text.replace(fragmentPattern(text), (all: string, skipped?: string, _slash?: string, name?: string, entity?: string) =>
    fragmentReplacement(all, skipped, name, entity),
  );
  return { text: stripped, removed: Math.max(0, text.length - stripped.length) };
}
