// Shared helpers for the input-stage tests: the seed folder (read in place, never copied) and an encoder
// for legacy encodings, which Node cannot produce itself (glibc's iconv does).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputFile } from '../../src/types.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const SEEDS_DIR = resolve(REPO_ROOT, '..', 'shared', 'seeds');
export const SEED_FILES = [
  '000_56f6268ff4eb576a.txt',
  '001_5500e23857cf1517.txt',
  '002_f60eb563907c18a7.txt',
  '003_189bc06400c19299.txt',
  '004_d9d0ae3ca28eebeb.txt',
] as const;

export function seedFile(name: string): InputFile {
  const path = join(SEEDS_DIR, name);
  return { name, path, bytes: readFileSync(path) };
}

/** Encode with iconv (`GB18030`, `BIG5`, `UTF-16LE`…). */
export function encode(text: string, charset: string): Uint8Array {
  return new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', charset], { input: Buffer.from(text, 'utf8') }));
}

export function file(name: string, bytes: Uint8Array | string): InputFile {
  return { name, path: null, bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes };
}

export const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** Two Han characters with only whitespace between them. */
export const SPACE_BETWEEN_HAN = /[\u4e00-\u9fff][ \t\u3000]+[\u4e00-\u9fff]/;
/** A half-width comma, colon, semicolon, question/exclamation mark or straight quote touching Chinese. */
export const HALF_WIDTH_IN_CHINESE = /[\u4e00-\u9fff][,:;?!"]|[,:;?!"][\u4e00-\u9fff]/;
