// The note type: fields, card templates read from `templates/` (or the user's folder), CSS, and the
// legacy `req` list. Its ID comes from the field list alone.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../lexicon/paths.js';
import { UsageError } from '../cli/errors.js';
import { noteTypeId } from './ids.js';
import { FIELD_NAMES } from './note.js';
import { referencedFields, requirement, templateSyntaxProblem } from './render.js';
import type { Requirement } from './render.js';

export const CARD_TEMPLATE_NAMES = ['recognition', 'recall', 'listening'] as const;
export type CardTemplateName = (typeof CARD_TEMPLATE_NAMES)[number];
export type Script = 'simplified' | 'traditional' | 'both';

export const NOTE_TYPE_NAME = 'chengyu-deck';
export const NOTE_TYPE_ID = noteTypeId(FIELD_NAMES);

export interface CardTemplate {
  name: CardTemplateName;
  /** The name Anki shows (card type names in the browser). */
  title: string;
  front: string;
  back: string;
}

export interface NoteType {
  id: number;
  name: string;
  fields: readonly string[];
  /** Index of the sort field (Phrase). */
  sortField: number;
  css: string;
  templates: CardTemplate[];
  req: Requirement[];
}

export interface NoteTypeOptions {
  cards: readonly CardTemplateName[];
  script: Script;
  /** A folder with files named like the built-in ones; a file missing there falls back to the built-in one. */
  templatesDir?: string;
}

const TITLES: Readonly<Record<CardTemplateName, string>> = {
  recognition: 'Recognition',
  recall: 'Recall',
  listening: 'Listening',
};

// Templates say what the headword is with a placeholder, so one set of files serves every `--script`
// choice and the Anki templates hold nothing but plain field references. Many phrases are written the
// same in both scripts; a one-line script hides the second spelling then (without JavaScript it shows).
const SAME_SPELLING_HIDER =
  '<script>(function(){var same=function(a,b){return a&&b&&a.textContent.trim()===b.textContent.trim();};' +
  'document.querySelectorAll(".headword.both").forEach(function(h){var t=h.querySelector(".trad");if(same(h.querySelector(".simp"),t))t.style.display="none";});' +
  'document.querySelectorAll(".other-script").forEach(function(o){if(same(document.querySelector(".headword"),o.querySelector(".variant")))o.style.display="none";});})();</script>';

function expandPlaceholders(template: string, script: Script): string {
  const headword: Record<Script, string> = {
    simplified: '<span class="headword simplified" lang="zh-Hans">{{Phrase}}</span>',
    traditional: '<span class="headword traditional" lang="zh-Hant">{{Traditional}}</span>',
    both: `<span class="headword both"><span class="simp" lang="zh-Hans">{{Phrase}}</span><span class="trad" lang="zh-Hant">{{Traditional}}</span></span>${SAME_SPELLING_HIDER}`,
  };
  const otherScript: Record<Script, string> = {
    simplified: `{{#Traditional}}<div class="other-script" lang="zh-Hant"><span class="label">繁</span> <span class="variant">{{Traditional}}</span></div>${SAME_SPELLING_HIDER}{{/Traditional}}`,
    traditional: `{{#Phrase}}<div class="other-script" lang="zh-Hans"><span class="label">简</span> <span class="variant">{{Phrase}}</span></div>${SAME_SPELLING_HIDER}{{/Phrase}}`,
    both: '',
  };
  return template.replaceAll('[[headword]]', headword[script]).replaceAll('[[other-script]]', otherScript[script]);
}

/**
 * A user's template or style sheet: UTF-8, its byte-order mark dropped. Anything else is refused, not
 * guessed at: read as UTF-8, a file saved as GBK by a Chinese Windows editor put `���` on every card.
 */
function readUserFile(path: string, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path)).replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof TypeError) {
      throw new UsageError(`--templates: ${file} is not UTF-8 text (saved as GBK or Big5?); save it as UTF-8`);
    }
    throw error;
  }
}

function readTemplateFile(file: string, userDir: string | undefined): string {
  if (userDir !== undefined) {
    const userFile = join(userDir, file);
    if (existsSync(userFile)) return readUserFile(userFile, file);
  }
  return readFileSync(join(TEMPLATES_DIR, file), 'utf8');
}

function checkFields(template: string, where: string): void {
  const syntax = templateSyntaxProblem(template);
  if (syntax !== undefined) throw new UsageError(`${where}: ${syntax}`);
  const known = new Set<string>(FIELD_NAMES);
  for (const name of referencedFields(template)) {
    if (!known.has(name)) {
      throw new UsageError(`${where}: unknown field {{${name}}} (fields: ${FIELD_NAMES.join(', ')})`);
    }
  }
}

/** The files a `--templates` folder may hold; each one it lacks comes from the bundled `templates/`. */
const TEMPLATE_FILES: readonly string[] = [...CARD_TEMPLATE_NAMES.flatMap((name) => [`${name}.front.html`, `${name}.back.html`]), 'style.css'];

/**
 * A `--templates` folder must be one and hold at least one of the files: a file named instead, or a folder
 * of other names, used to give the bundled templates without a word, as if the option had worked.
 */
function checkTemplatesFolder(dir: string): void {
  if (!existsSync(dir)) throw new UsageError(`--templates: folder ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`--templates: ${dir} is a file; name the folder that holds the templates`);
  if (!TEMPLATE_FILES.some((file) => existsSync(join(dir, file)))) {
    throw new UsageError(`--templates: folder ${dir} holds none of ${TEMPLATE_FILES.join(', ')}`);
  }
}

/** Loads the note type for the chosen card types, in the fixed order recognition, recall, listening. */
export function loadNoteType(options: NoteTypeOptions): NoteType {
  if (options.templatesDir !== undefined) checkTemplatesFolder(options.templatesDir);
  const chosen = CARD_TEMPLATE_NAMES.filter((name) => options.cards.includes(name));
  if (chosen.length === 0) throw new UsageError('--cards: choose at least one card type');
  const templates = chosen.map((name): CardTemplate => {
    const front = expandPlaceholders(readTemplateFile(`${name}.front.html`, options.templatesDir), options.script);
    const back = expandPlaceholders(readTemplateFile(`${name}.back.html`, options.templatesDir), options.script);
    checkFields(front, `${name}.front.html`);
    checkFields(back, `${name}.back.html`);
    return { name, title: TITLES[name], front, back };
  });
  const req = templates.map((template, ord) => requirement(ord, template.front, FIELD_NAMES));
  for (const [ord, kind] of req) {
    if (kind === 'none') {
      throw new UsageError(`${chosen[ord]}.front.html: the front shows no field, so Anki would never make this card`);
    }
  }
  return {
    id: NOTE_TYPE_ID,
    name: NOTE_TYPE_NAME,
    fields: FIELD_NAMES,
    sortField: FIELD_NAMES.indexOf('Phrase'),
    css: readTemplateFile('style.css', options.templatesDir),
    templates,
    req,
  };
}
