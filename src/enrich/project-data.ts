// Hook for the project's own English renderings of famous quotations (written by us, with their sources),
// used when CC-CEDICT lacks the phrase. The file is optional: without it, such phrases get a gloss from
// their parts.
//
// Format (UTF-8, one per line, `#` starts a comment line):  key <TAB> English meaning [<TAB> attribution]
// where key is the phrase's Han characters (Simplified). Looked for, first found wins:
//   dist/data/quotation-meanings.tsv  (copied there by the build, when it is)
//   src/lexicon/data/quotation-meanings.tsv
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, PACKAGE_ROOT } from '../lexicon/paths.js';

export interface ProjectMeaning {
  meaning: string;
  attribution?: string;
}

export const PROJECT_MEANING_FILES = [
  join(DATA_DIR, 'quotation-meanings.tsv'),
  join(PACKAGE_ROOT, 'src', 'lexicon', 'data', 'quotation-meanings.tsv'),
];

let table: Map<string, ProjectMeaning> | undefined;

export function parseProjectMeanings(text: string): Map<string, ProjectMeaning> {
  const map = new Map<string, ProjectMeaning>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [key = '', meaning = '', attribution = ''] = line.split('\t').map((s) => s.trim());
    if (!key || !meaning) continue;
    map.set(key, attribution ? { meaning, attribution } : { meaning });
  }
  return map;
}

function load(): Map<string, ProjectMeaning> {
  for (const file of PROJECT_MEANING_FILES) {
    if (existsSync(file)) return parseProjectMeanings(readFileSync(file, 'utf8'));
  }
  return new Map();
}

/** The project's rendering of a quotation by its key, if the project data has one. */
export function projectMeaning(key: string): ProjectMeaning | undefined {
  table ??= load();
  return table.get(key);
}

/** Replaces the table (tests, or a pipeline that loads the data itself); undefined reloads from disk. */
export function setProjectMeanings(meanings: ReadonlyMap<string, ProjectMeaning> | undefined): void {
  table = meanings ? new Map(meanings) : undefined;
}
