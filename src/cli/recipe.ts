// Deck recipes: a JSON file per deck (in decks/) naming its inputs and options, so
// `chengyu-deck build decks/NAME.json` rebuilds the same deck anywhere. Paths in a recipe are relative to the
// recipe file; the deck is written next to it unless `output` says otherwise. Every problem is reported
// with the recipe's path and the key at fault.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve, sep } from 'node:path';
import type { Kind } from '../types.js';
import { readSideFile } from '../input/read.js';
import { InputError, UserError } from './errors.js';
import type { CardType, Script, Variant } from './options.js';
import type { CommonFlags } from './run.js';
import { parseCardTypes, parseDeckName, parseKinds, parsePositiveInt, parseScript, parseVariant } from './options.js';

export interface RecipeOptions {
  deck?: string;
  kinds?: Kind[];
  top?: number;
  minCount?: number;
  cards?: CardType[];
  script?: Script;
  variant?: Variant;
  toneSandhi?: boolean;
  subdecks?: boolean;
  /** Absolute path of a known-phrase list or deck (`--exclude`). */
  exclude?: string;
  /** Absolute path of a folder with the user's own card templates (`--templates`). */
  templates?: string;
}

export interface Recipe {
  /** Absolute path of the recipe file. */
  file: string;
  /** The recipe's file name without `.json`; names the default output. */
  name: string;
  /** Absolute paths of the inputs (files or folders), in the recipe's order. */
  inputs: string[];
  /** Absolute path of the deck to write. */
  output: string;
  options: RecipeOptions;
  /** The same options as the CLI's flags (strings as typed on the command line), for merging with them. */
  flags: CommonFlags;
}

const KNOWN_KEYS = new Set([
  '$schema',
  '$comment',
  'description',
  'inputs',
  'output',
  'deck',
  'kinds',
  'top',
  'minCount',
  'cards',
  'script',
  'variant',
  'toneSandhi',
  'subdecks',
  'exclude',
  'templates',
]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class RecipeReader {
  constructor(
    readonly file: string,
    readonly displayName: string,
  ) {}

  fail(problem: string): never {
    throw new InputError(this.displayName, problem);
  }

  /** Runs one of the CLI's option parsers and reports its complaint against the recipe key instead. */
  parse<T>(key: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof UserError) this.fail(`"${key}": ${error.message.replace(/^--[\w-]+: /, '')}`);
      throw error;
    }
  }

  string(key: string, value: Json): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(`"${key}" must be a non-empty string`);
    return value;
  }

  boolean(key: string, value: Json): boolean {
    if (typeof value !== 'boolean') this.fail(`"${key}" must be true or false`);
    return value;
  }

  /** A list given as a JSON array of strings or as one comma-separated string, as on the command line. */
  list(key: string, value: Json): string {
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return value.join(',');
    this.fail(`"${key}" must be a list of strings (e.g. ["chengyu", "quotation"]) or a comma-separated string`);
  }

  paths(key: string, value: Json): string[] {
    const items = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(items) || items.length === 0) this.fail(`"${key}" must be a non-empty list of paths`);
    return items.map((item, i) => {
      if (typeof item !== 'string' || item.trim() === '') this.fail(`"${key}"[${i}] must be a path string`);
      return this.resolvePath(item);
    });
  }

  /**
   * A path of the recipe, relative to the recipe's folder. A recipe written on Windows (`texts\\a.txt`) works
   * here too: where the path as written is not there and the one with forward slashes (or its folder, for
   * an output) is, that one is meant. A name with a real backslash in it is kept when it exists.
   */
  resolvePath(path: string): string {
    const asWritten = isAbsolute(path) ? path : resolve(dirname(this.file), path);
    if (sep !== '/' || !path.includes('\\') || existsSync(asWritten)) return asWritten;
    const slashed = path.replace(/\\/g, '/');
    const withSlashes = isAbsolute(slashed) ? slashed : resolve(dirname(this.file), slashed);
    return existsSync(withSlashes) || existsSync(dirname(withSlashes)) ? withSlashes : asWritten;
  }

  async mustExist(key: string, written: string, path: string, what: 'file or folder' | 'folder'): Promise<void> {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) this.fail(`"${key}": ${written} not found (looked for ${path})`);
    if (what === 'folder' && !info.isDirectory()) this.fail(`"${key}": ${written} is not a folder`);
  }
}

/** Reads and checks a recipe. Throws InputError naming the recipe for anything wrong in it. */
export async function loadRecipe(path: string): Promise<Recipe> {
  const file = resolve(path);
  const reader: RecipeReader = new RecipeReader(file, path);
  let bytes: Uint8Array;
  try {
    bytes = await readSideFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    reader.fail(code === 'ENOENT' ? 'recipe not found' : code === 'EISDIR' ? 'is a folder, not a recipe file' : `cannot read recipe (${code ?? String(error)})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // JSON is UTF-8; read loosely, a recipe saved as GBK named its deck ����.
    reader.fail('not UTF-8 text (saved as GBK or Big5?); save it as UTF-8, as JSON must be');
  }
  let data: Json;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
  } catch (error) {
    reader.fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    reader.fail('a recipe must be a JSON object with at least "inputs"');
  }
  for (const key of Object.keys(data)) {
    if (!KNOWN_KEYS.has(key)) {
      reader.fail(`unknown key "${key}" (known keys: ${[...KNOWN_KEYS].filter((k) => !k.startsWith('$')).join(', ')})`);
    }
  }
  if (data['inputs'] === undefined) reader.fail('"inputs" is missing: list the texts the deck is made from');

  const writtenInputs = typeof data['inputs'] === 'string' ? [data['inputs']] : data['inputs'];
  const inputs = reader.paths('inputs', data['inputs']);
  for (const [i, input] of inputs.entries()) {
    await reader.mustExist('inputs', `input ${JSON.stringify((writtenInputs as Json[])[i])}`, input, 'file or folder');
  }

  const name = basename(file, extname(file));
  const output =
    data['output'] === undefined ? join(dirname(file), `${name}.apkg`) : reader.resolvePath(reader.string('output', data['output']));
  if (inputs.includes(output)) reader.fail(`"output" would overwrite the input ${output}`);

  const options: RecipeOptions = {};
  const get = (key: string): Json | undefined => data[key];
  const deck = get('deck');
  if (deck !== undefined) options.deck = reader.parse('deck', () => parseDeckName(reader.string('deck', deck).trim()));
  const kinds = get('kinds');
  if (kinds !== undefined) options.kinds = reader.parse('kinds', () => parseKinds(reader.list('kinds', kinds)));
  const top = get('top');
  if (top !== undefined) options.top = reader.parse('top', () => parsePositiveInt('--top', numberLike(reader, 'top', top)));
  const minCount = get('minCount');
  if (minCount !== undefined) {
    options.minCount = reader.parse('minCount', () => parsePositiveInt('--min-count', numberLike(reader, 'minCount', minCount)));
  }
  const cards = get('cards');
  if (cards !== undefined) options.cards = reader.parse('cards', () => parseCardTypes(reader.list('cards', cards)));
  const script = get('script');
  if (script !== undefined) options.script = reader.parse('script', () => parseScript(reader.string('script', script)));
  const variant = get('variant');
  if (variant !== undefined) options.variant = reader.parse('variant', () => parseVariant(reader.string('variant', variant)));
  const toneSandhi = get('toneSandhi');
  if (toneSandhi !== undefined) options.toneSandhi = reader.boolean('toneSandhi', toneSandhi);
  const subdecks = get('subdecks');
  if (subdecks !== undefined) options.subdecks = reader.boolean('subdecks', subdecks);
  const exclude = get('exclude');
  if (exclude !== undefined) {
    const written = reader.string('exclude', exclude);
    options.exclude = reader.resolvePath(written);
    await reader.mustExist('exclude', `known-phrase list ${JSON.stringify(written)}`, options.exclude, 'file or folder');
  }
  const templates = get('templates');
  if (templates !== undefined) {
    const written = reader.string('templates', templates);
    options.templates = reader.resolvePath(written);
    await reader.mustExist('templates', `folder ${JSON.stringify(written)}`, options.templates, 'folder');
  }
  return { file, name, inputs, output, options, flags: toFlags(options) };
}

/** The options as the CLI's flags would carry them; each was already checked by the same parsers. */
export function toFlags(options: RecipeOptions): CommonFlags {
  const flags: CommonFlags = {};
  if (options.deck !== undefined) flags.deck = options.deck;
  if (options.kinds !== undefined) flags.kinds = options.kinds.join(',');
  if (options.top !== undefined) flags.top = String(options.top);
  if (options.minCount !== undefined) flags.minCount = String(options.minCount);
  if (options.cards !== undefined) flags.cards = options.cards.join(',');
  if (options.script !== undefined) flags.script = options.script;
  if (options.variant !== undefined) flags.variant = options.variant;
  if (options.toneSandhi !== undefined) flags.toneSandhi = options.toneSandhi;
  if (options.subdecks !== undefined) flags.subdecks = options.subdecks;
  if (options.exclude !== undefined) flags.exclude = options.exclude;
  if (options.templates !== undefined) flags.templates = options.templates;
  return flags;
}

function numberLike(reader: RecipeReader, key: string, value: Json): number {
  if (typeof value !== 'number') reader.fail(`"${key}" must be a whole number`);
  return value;
}
