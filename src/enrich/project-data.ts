// The project's own English renderings (src/lexicon/data/quotations.tsv, sayings.tsv, terms.tsv, written
// by us with their sources), used for phrases CC-CEDICT lacks. The build folds those lists into
// dist/data/phrases.tsv (gloss and attribution columns), which detection loads anyway, so reading them
// through the phrase lexicon costs nothing extra in a pipeline run.
import { phraseLexicon } from '../lexicon/phrases.js';

export interface ProjectMeaning {
  meaning: string;
  attribution?: string;
}

let override: Map<string, ProjectMeaning> | undefined;

/** The project's rendering of a phrase by its key (Han characters only), if the project data has one. */
export function projectMeaning(key: string): ProjectMeaning | undefined {
  if (override) return override.get(key);
  const entry = phraseLexicon().get(key);
  if (!entry?.gloss) return undefined;
  return entry.attribution ? { meaning: entry.gloss, attribution: entry.attribution } : { meaning: entry.gloss };
}

/** Whether tests replaced the project data (then nothing computed with the built data applies). */
export function projectMeaningsReplaced(): boolean {
  return override !== undefined;
}

/** Replaces the project data (tests); undefined goes back to the phrase lexicon. */
export function setProjectMeanings(meanings: ReadonlyMap<string, ProjectMeaning> | undefined): void {
  override = meanings ? new Map(meanings) : undefined;
}
