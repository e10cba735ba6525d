import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput, resolveInputs } from '../../src/input/index.js';
import { InputError } from '../../src/cli/errors.js';
import { runCli } from '../support/cli.js';

let root: string;
const at = (...parts: string[]): string => join(root, ...parts);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'input-resolve-'));
  const corpus = join(root, 'corpus');
  mkdirSync(join(corpus, 'b', 'deep'), { recursive: true });
  mkdirSync(join(corpus, '.hidden'));
  mkdirSync(join(root, 'empty'));
  writeFileSync(join(root, 'empty', 'notes.pdf'), 'x');
  writeFileSync(join(corpus, 'z.txt'), '最后一篇。');
  writeFileSync(join(corpus, 'a.md'), '# 标题');
  writeFileSync(join(corpus, 'b', 'page.HTML'), '<p>网页</p>');
  writeFileSync(join(corpus, 'b', 'deep', 'x.htm'), '<p>深处</p>');
  writeFileSync(join(corpus, 'b', 'image.png'), 'not text');
  writeFileSync(join(corpus, '.secret.txt'), '隐藏');
  writeFileSync(join(corpus, '.hidden', 'in.txt'), '隐藏');
  symlinkSync(corpus, join(corpus, 'b', 'loop')); // a cycle back to the top
  symlinkSync(join(root, 'missing.txt'), join(corpus, 'dangling.txt'));
  writeFileSync(join(root, 'single.txt'), '单独的文件。');
  writeFileSync(join(corpus, 'README.md'), '# 这个文件夹里的讲话');
  mkdirSync(join(root, 'other'));
  writeFileSync(join(root, 'other', 'single.txt'), '同名的另一个文件。');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('resolveInputs', () => {
  it('walks a directory: text files only, hidden skipped, sorted by relative path, symlink loops visited once', async () => {
    const refs = await resolveInputs([at('corpus')]);
    expect(refs.map((r) => r.name)).toEqual(['a.md', 'b/deep/x.htm', 'b/page.HTML', 'z.txt']);
    expect(refs.every((r) => r.path !== null && r.path.startsWith(root))).toBe(true);
  });

  it('skips a folder\'s README but reads one named explicitly', async () => {
    expect((await resolveInputs([at('corpus')])).map((r) => r.name)).not.toContain('README.md');
    expect((await resolveInputs([at('corpus', 'README.md')])).map((r) => r.name)).toEqual(['README.md']);
  });

  it('names a file argument by its file name, by its path only when two inputs share that name', async () => {
    expect((await resolveInputs([at('single.txt')])).map((r) => r.name)).toEqual(['single.txt']);
    expect((await resolveInputs([at('single.txt'), at('other', 'single.txt')])).map((r) => r.name)).toEqual([
      at('single.txt'),
      at('other', 'single.txt'),
    ]);
  });

  it('keeps stdin as `stdin` and resolves duplicates once', async () => {
    const refs = await resolveInputs([at('single.txt'), '-', `${root}/./single.txt`, at('corpus'), at('corpus', 'z.txt'), '-']);
    expect(refs.map((r) => [r.name, r.path === null])).toEqual([
      ['single.txt', false],
      ['stdin', true],
      ['a.md', false],
      ['b/deep/x.htm', false],
      ['b/page.HTML', false],
      ['z.txt', false],
    ]);
  });

  it('skips empty files in a folder (a placeholder, a list `| tee` has just made) but not a named one', async () => {
    const folder = at('with-empty');
    mkdirSync(folder);
    writeFileSync(join(folder, 'speech.txt'), '学习不能半途而废。');
    writeFileSync(join(folder, 'placeholder.txt'), '');
    writeFileSync(join(folder, 'blank.md'), '\uFEFF \n\n\t\n');
    expect((await resolveInputs([folder])).map((r) => r.name)).toEqual(['speech.txt']);
    expect((await resolveInputs([join(folder, 'placeholder.txt')])).map((r) => r.name)).toEqual(['placeholder.txt']);
    const onlyEmpty = at('only-empty');
    mkdirSync(onlyEmpty);
    writeFileSync(join(onlyEmpty, 'a.txt'), '');
    writeFileSync(join(onlyEmpty, 'b.md'), '');
    await expect(resolveInputs([onlyEmpty])).rejects.toThrow(`${onlyEmpty}: no texts in this directory, only 2 empty files`);
  });

  it('names the documents it cannot read in a folder that holds no text', async () => {
    const docs = at('documents');
    mkdirSync(join(docs, 'older'), { recursive: true });
    writeFileSync(join(docs, 'report.pdf'), '%PDF-1.4');
    writeFileSync(join(docs, 'speech.PDF'), '%PDF-1.4');
    writeFileSync(join(docs, 'older', 'notice.doc'), 'x');
    writeFileSync(join(docs, 'photo.png'), 'x');
    await expect(resolveInputs([docs])).rejects.toThrow(/no text files .* in this directory, only 2 \.pdf and 1 \.doc files, which this tool cannot read: save them as text or \.docx first$/);
    const one = at('one-document');
    mkdirSync(one);
    writeFileSync(join(one, 'notice.wps'), 'x');
    await expect(resolveInputs([one])).rejects.toThrow(/only 1 \.wps file, which this tool cannot read: save it as text/);
  });

  it('reports a missing path and a directory without text files', async () => {
    await expect(resolveInputs([at('nope.txt')])).rejects.toThrow(new InputError(at('nope.txt'), 'no such file or directory'));
    await expect(resolveInputs([at('empty')])).rejects.toThrow(`${at('empty')}: no text files`);
    await expect(resolveInputs([at('empty')])).rejects.toBeInstanceOf(InputError);
  });
});

describe('file names that are not UTF-8', () => {
  // What unzip makes of a zip from Chinese Windows: names in GBK, bytes Node cannot spell as a string.
  const GBK = {
    报告: [0xb1, 0xa8, 0xb8, 0xe6],
    讲话: [0xbd, 0xb2, 0xbb, 0xb0],
  };
  const gbk = (text: keyof typeof GBK, extension = ''): Buffer => Buffer.concat([Buffer.from(GBK[text]), Buffer.from(extension)]);
  let folder: string;
  let folderBytes: Buffer;

  beforeAll(() => {
    folder = at('legacy-names');
    folderBytes = Buffer.from(folder);
    const slash = Buffer.from('/');
    mkdirSync(Buffer.concat([folderBytes, slash, gbk('报告')]), { recursive: true });
    writeFileSync(Buffer.concat([folderBytes, slash, gbk('报告'), slash, gbk('讲话', '.txt')]), '我们要同舟共济，共克时艰。');
    writeFileSync(Buffer.concat([folderBytes, slash, Buffer.from([0xe9, 0xff]), Buffer.from('.txt')]), '学习不能半途而废。');
    writeFileSync(join(folder, 'plain.txt'), '改革要实事求是，不能削足适履。');
  });

  it('finds them in a folder, names them in the Chinese encoding they read as, and reads them', async () => {
    const refs = await resolveInputs([folder]);
    expect(refs.map((r) => r.name)).toEqual(['plain.txt', '报告/讲话.txt', '\uFFFD\uFFFD.txt']);
    const texts = await Promise.all(refs.map(async (ref) => new TextDecoder().decode((await readInput(ref)).bytes)));
    expect(texts).toEqual(['改革要实事求是，不能削足适履。', '我们要同舟共济，共克时艰。', '学习不能半途而废。']);
  });

  it('gives their phrases and their names to the cards, on one thread or two', () => {
    const one = runCli(['extract', folder, '-q', '--format', 'json', '--jobs', '1']);
    const two = runCli(['extract', folder, '-q', '--format', 'json', '--jobs', '2']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const cards = JSON.parse(one.stdout) as { key: string; source: string }[];
    expect(cards.find((c) => c.key === '同舟共济')?.source).toBe('报告/讲话.txt');
    expect(cards.find((c) => c.key === '半途而废')?.source).toBe('\uFFFD\uFFFD.txt');
  });

  it('says why such a name given as an argument is not found', () => {
    const result = runCli(['extract', `${folder}/\uFFFD\uFFFD.txt`]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/no such file or directory \(its name is not UTF-8.*name the folder that holds it\)\n$/);
  });
});

describe('readInput', () => {
  it('reads a file and standard input as bytes', async () => {
    const [ref] = await resolveInputs([at('single.txt')]);
    const f = await readInput(ref!);
    expect(new TextDecoder().decode(f.bytes)).toBe('单独的文件。');
    const stdin = Readable.from([Buffer.from('来自'), Buffer.from('标准输入')]);
    const s = await readInput({ name: 'stdin', path: null }, stdin);
    expect(s).toMatchObject({ name: 'stdin', path: null });
    expect(new TextDecoder().decode(s.bytes)).toBe('来自标准输入');
  });

  it('turns a vanished file into an InputError naming it', async () => {
    await expect(readInput({ name: 'gone.txt', path: join(root, 'gone.txt') })).rejects.toThrow(
      new InputError('gone.txt', 'no such file or directory'),
    );
  });
});
