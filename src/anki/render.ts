// The subset of Anki's template language the note type uses, rendered the way Anki renders it: used to
// compute `req` exactly as Anki does, and by the screenshot script to show cards without Anki.
import { stripHtml } from './html.js';

export type FieldValues = Readonly<Record<string, string>>;

export interface RenderContext {
  /** The rendered front, for `{{FrontSide}}` on the back. */
  frontSide?: string;
}

const SECTION = /\{\{([#^])([^}]*)\}\}(.+?)\{\{\/\2\}\}/s;
const TAG = /\{\{(.+?)\}\}/g;

function nonEmpty(html: string | undefined): boolean {
  return html !== undefined && stripHtml(html).trim() !== '';
}

function applyFilter(filter: string, text: string): string {
  if (filter === 'text') return stripHtml(text);
  const tts = /^tts\s+(\S+)(.*)$/.exec(filter);
  if (tts) {
    const options = (tts[2] ?? '').trim();
    return `[anki:tts lang=${tts[1]}${options === '' ? '' : ' ' + options}]${text}[/anki:tts]`;
  }
  return text;
}

function renderTag(name: string, fields: FieldValues, context: RenderContext): string {
  if (name === 'FrontSide') return context.frontSide ?? '';
  const direct = fields[name];
  if (direct !== undefined) return direct;
  const parts = name.split(':');
  const fieldName = parts.pop()?.trim() ?? '';
  const value = fields[fieldName];
  if (parts.length === 0 || value === undefined) return `{unknown field ${name}}`;
  return parts.reverse().reduce((text, filter) => applyFilter(filter.trim(), text), value);
}

/** Renders sections (`{{#F}}`, `{{^F}}`), fields, `{{text:F}}`, `{{tts lang:F}}` and `{{FrontSide}}`. */
export function renderTemplate(template: string, fields: FieldValues, context: RenderContext = {}): string {
  let out = template;
  for (let match = SECTION.exec(out); match; match = SECTION.exec(out)) {
    const [whole, sigil, rawName, inner] = match;
    const shown = nonEmpty(fields[(rawName ?? '').trim()]) === (sigil === '#');
    out = out.split(whole).join(shown ? (inner ?? '') : '');
  }
  return out.replace(TAG, (_whole, name: string) => renderTag(name.trim(), fields, context));
}

/** The field names a template refers to (in sections, tags and filters), in first-use order. */
export function referencedFields(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(/\{\{([#^/]?)(.+?)\}\}/g)) {
    const body = (match[2] ?? '').trim();
    const name = (body.split(':').pop() ?? '').trim();
    if (name !== 'FrontSide' && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * What Anki's template parser would refuse in `template` (every card of the note type would show an error
 * instead of its content), or undefined: `{{` never closed, a conditional section never closed, or a
 * closing tag that matches no open section.
 */
export function templateSyntaxProblem(template: string): string | undefined {
  const open: string[] = [];
  let at = 0;
  for (;;) {
    const start = template.indexOf('{{', at);
    if (start < 0) break;
    const end = template.indexOf('}}', start + 2);
    if (end < 0) return `a "{{" is never closed with "}}"`;
    const body = template.slice(start + 2, end).trim();
    at = end + 2;
    if (body.startsWith('#') || body.startsWith('^')) open.push(body.slice(1).trim());
    else if (body.startsWith('/')) {
      const name = body.slice(1).trim();
      const innermost = open.pop();
      if (innermost === undefined) return `{{/${name}}} closes no section`;
      if (innermost !== name) return `{{/${name}}} found where {{#${innermost}}} needs closing`;
    }
  }
  const unclosed = open.pop();
  return unclosed === undefined ? undefined : `{{#${unclosed}}} is never closed with {{/${unclosed}}}`;
}

export type Requirement = [ord: number, kind: 'all' | 'any' | 'none', fields: number[]];

/**
 * Which fields a card's front needs, computed as Anki computes the legacy `req` entry: fill every field
 * with a sentinel and blank one at a time ("all"); failing that, fill one at a time ("any").
 */
export function requirement(ord: number, front: string, fieldNames: readonly string[]): Requirement {
  const sentinel = 'ankiflag';
  const fill = (value: (index: number) => string): Record<string, string> =>
    Object.fromEntries(fieldNames.map((name, index) => [name, value(index)]));
  const full = renderTemplate(front, fill(() => sentinel));
  const empty = renderTemplate(front, fill(() => ''));
  if (full === empty) return [ord, 'none', []];
  const all = fieldNames
    .map((_, i) => i)
    .filter((i) => !renderTemplate(front, fill((j) => (j === i ? '' : sentinel))).includes(sentinel));
  if (all.length > 0) return [ord, 'all', all];
  const any = fieldNames
    .map((_, i) => i)
    .filter((i) => renderTemplate(front, fill((j) => (j === i ? '1' : ''))) !== empty);
  return [ord, 'any', any];
}
