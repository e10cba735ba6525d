// The input stage: arguments → inputs → bytes → text → clean blocks → sentences.
import type { Document, InputFile, Sentence } from '../types.js';
import { InputError } from '../cli/errors.js';
import { decode } from './decode.js';
import { normalise } from './normalise.js';
import { splitSentences } from './sentences.js';

export { isRedirectedInto, resolveInputs, TEXT_EXTENSIONS, type InputRef } from './resolve.js';
export { readInput } from './read.js';
export { decode } from './decode.js';
export { normalise } from './normalise.js';
export { splitSentences } from './sentences.js';

export function ingest(file: InputFile): { document: Document; sentences: Sentence[] } {
  const document = normalise(decode(file));
  if (document.blocks.length === 0) throw new InputError(file.name, 'no text left after removing markup');
  return { document, sentences: splitSentences(document) };
}
