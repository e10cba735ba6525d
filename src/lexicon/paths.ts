import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

// Modules live two folders below the package root both as sources (src/lexicon) and when built
// (dist/lexicon), so the same relative step finds the root from either.
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DATA_DIR = join(PACKAGE_ROOT, 'dist', 'data');
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

const NOT_HAN = /[^\p{Script=Han}]/gu;

/** A phrase's identity: its Han characters only (clause punctuation, spaces and anything else removed). */
export function hanOnly(text: string): string {
  return text.replace(NOT_HAN, '');
}
