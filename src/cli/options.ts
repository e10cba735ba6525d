// Turning the CLI's option strings into typed values. Every rejection is a UsageError naming the option.
import { extname } from 'node:path';
import { DEFAULT_KINDS, KINDS } from '../types.js';
import type { Kind } from '../types.js';
import { UsageError } from './errors.js';

export const FORMATS = ['table', 'json', 'tsv', 'csv', 'html', 'md', 'pleco'] as const;
export type Format = (typeof FORMATS)[number];

export const CARD_TYPES = ['recognition', 'recall', 'listening'] as const;
export type CardType = (typeof CARD_TYPES)[number];
export const DEFAULT_CARD_TYPES: readonly CardType[] = ['recognition', 'recall'];

export const SCRIPTS = ['simplified', 'traditional', 'both'] as const;
export type Script = (typeof SCRIPTS)[number];

export const VARIANTS = ['tw', 'hk', 'cn-t'] as const;
export type Variant = (typeof VARIANTS)[number];

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option}: unknown value '${value}' (expected one of: ${allowed.join(', ')})`);
}

function listOf<T extends string>(option: string, value: string, allowed: readonly T[]): T[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new UsageError(`${option}: empty list`);
  const parsed = items.map((item) => oneOf(option, item, allowed));
  return allowed.filter((a) => parsed.includes(a));
}

export function parseKinds(value: string | undefined): Kind[] {
  if (value === undefined) return [...DEFAULT_KINDS];
  if (value.trim() === 'all') return [...KINDS];
  return listOf('--kinds', value, KINDS);
}

/** The list format an output file's extension names, for `extract -o` without `--format`. */
const FORMAT_OF_EXTENSION: Readonly<Record<string, Format>> = {
  '.json': 'json', '.tsv': 'tsv', '.csv': 'csv', '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md',
};

/**
 * `--format`, or without it the format `output`'s extension names (`-o list.csv` is a CSV, not a table in a
 * file called .csv), else the terminal table.
 */
export function parseFormat(value: string | undefined, output?: string): Format {
  if (value === undefined && output !== undefined) {
    const extension = extname(output).toLowerCase();
    if (extension === '.apkg') throw new UsageError(`extract writes lists, not decks: for ${output} use build … -o ${output}`);
    const implied = FORMAT_OF_EXTENSION[extension];
    if (implied !== undefined) return implied;
  }
  return oneOf('--format', value ?? 'table', FORMATS);
}

export function parseCardTypes(value: string | undefined): CardType[] {
  if (value === undefined) return [...DEFAULT_CARD_TYPES];
  return listOf('--cards', value, CARD_TYPES);
}

export function parseScript(value: string | undefined): Script {
  return oneOf('--script', value ?? 'simplified', SCRIPTS);
}

export function parseVariant(value: string | undefined): Variant {
  return oneOf('--variant', value ?? 'tw', VARIANTS);
}

/** A whole number of at least `min`; `--top 0`, `-3` or `5x` are usage errors. */
/** The list an output name suggests when it is given to `build`: a `.txt` is most likely a tab-separated table. */
const LIST_FORMATS: Readonly<Record<string, Format>> = { ...FORMAT_OF_EXTENSION, '.txt': 'tsv' };

/**
 * Why `output` is no name for a deck, or undefined: a package is found by Anki's import (and the phone
 * apps' file pickers) by its `.apkg` extension, so a deck written under another name is lost to them.
 */
export function packageNameProblem(output: string): string | undefined {
  if (/[\\/]$/.test(output)) return `${output} names a folder: give the deck's file name, as in ${output}deck.apkg`;
  const extension = extname(output);
  if (extension.toLowerCase() === '.apkg') return undefined;
  const stem = extension === '' ? output : output.slice(0, -extension.length);
  const format = LIST_FORMATS[extension.toLowerCase()];
  const list = format === undefined ? '' : `; for a list, use extract --format ${format} -o ${output}`;
  return `${output} is not an .apkg name, and Anki imports a deck by that extension: name it ${stem}.apkg${list}`;
}

export function parsePositiveInt(option: string, value: string | number | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${option}: '${text}' is not a whole number`);
  const n = Number(text);
  if (n < min) throw new UsageError(`${option}: must be at least ${min}, got ${text}`);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${option}: ${text} is too large`);
  return n;
}

/** Seconds since the epoch for every timestamp in a deck: SOURCE_DATE_EPOCH when set, else now. */
export function buildTime(env: NodeJS.ProcessEnv = process.env, now: number = Date.now()): number {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined || epoch === '') return Math.floor(now / 1000);
  if (!/^\d+$/.test(epoch.trim())) throw new UsageError(`SOURCE_DATE_EPOCH: '${epoch}' is not a whole number of seconds`);
  const seconds = Number(epoch.trim());
  // Anki's IDs are milliseconds: past the year 9999 they would no longer be exact in JavaScript numbers.
  if (seconds > LAST_SECOND_OF_9999) throw new UsageError(`SOURCE_DATE_EPOCH: '${epoch}' is after the year 9999`);
  return seconds;
}

const LAST_SECOND_OF_9999 = 253_402_300_799;

/** A deck name Anki accepts: no empty name and no empty part between `::`. */
export function parseDeckName(value: string): string {
  if (value.split('::').some((part) => part.trim() === '')) {
    throw new UsageError(`--deck: '${value}' is not a deck name (empty name or empty part between '::')`);
  }
  return value;
}
