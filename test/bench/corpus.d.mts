// Types for corpus.mjs, which the reliability tests import to make a large input.
export function seedFiles(seedsDir: string): string[];
export function makeCorpus(seedsDir: string, dir: string, targetBytes: number): { files: number; bytes: number };
