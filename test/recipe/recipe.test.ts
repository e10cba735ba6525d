import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, InputError } from '../../src/cli/errors.js';
import { loadRecipe } from '../../src/cli/recipe.js';

const DECKS = fileURLToPath(new URL('../../decks/', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recipe-'));
  await mkdir(join(dir, 'texts'));
  await writeFile(join(dir, 'texts', 'a.txt'), '一段测试文字，集思广益。\n');
  await writeFile(join(dir, 'known.txt'), '集思广益\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function recipe(name: string, content: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

async function failure(file: string): Promise<InputError> {
  const error = await loadRecipe(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).exitCode).toBe(EXIT.input);
  expect((error as InputError).message.startsWith(`${file}: `)).toBe(true);
  return error as InputError;
}

describe('deck recipes', () => {
  it('loads the shipped example: inputs beside it, deck written next to it', async () => {
    const example = await loadRecipe(join(DECKS, 'example.json'));
    expect(example.name).toBe('example');
    expect(example.inputs).toEqual([resolve(DECKS, 'texts', 'example.txt')]);
    expect(example.output).toBe(resolve(DECKS, 'example.apkg'));
    expect(example.options.kinds).toEqual(['chengyu', 'quotation', 'saying']);
    expect(example.flags.kinds).toBe('chengyu,quotation,saying');
    expect(example.options.deck).toMatch(/小镇图书馆/);
  });

  it('resolves every path against the recipe folder, whatever the working directory', async () => {
    const file = await recipe('full.json', {
      inputs: ['texts/a.txt', 'texts'],
      output: 'out/deck.apkg',
      deck: '  Speeches::2026 ',
      kinds: 'all',
      top: 30,
      minCount: 2,
      cards: ['recall', 'recognition'],
      script: 'both',
      variant: 'hk',
      toneSandhi: true,
      subdecks: true,
      exclude: 'known.txt',
    });
    const loaded = await loadRecipe(file);
    expect(loaded.inputs).toEqual([join(dir, 'texts', 'a.txt'), join(dir, 'texts')]);
    expect(loaded.output).toBe(join(dir, 'out', 'deck.apkg'));
    expect(loaded.options).toEqual({
      deck: 'Speeches::2026',
      kinds: ['chengyu', 'quotation', 'saying', 'term'],
      top: 30,
      minCount: 2,
      cards: ['recognition', 'recall'],
      script: 'both',
      variant: 'hk',
      toneSandhi: true,
      subdecks: true,
      exclude: join(dir, 'known.txt'),
    });
    expect(loaded.flags).toEqual({
      deck: 'Speeches::2026',
      kinds: 'chengyu,quotation,saying,term',
      top: '30',
      minCount: '2',
      cards: 'recognition,recall',
      script: 'both',
      variant: 'hk',
      toneSandhi: true,
      subdecks: true,
      exclude: join(dir, 'known.txt'),
    });
  });

  it.each([
    ['not JSON', '{ "inputs": [', /not valid JSON/],
    ['not an object', '[1, 2]', /must be a JSON object/],
    ['no inputs', { deck: 'x' }, /"inputs" is missing/],
    ['empty inputs', { inputs: [] }, /"inputs" must be a non-empty list/],
    ['a missing input', { inputs: ['texts/nope.txt'] }, /"inputs": input "texts\/nope.txt" not found/],
    ['an unknown key', { inputs: ['texts/a.txt'], min_count: 2 }, /unknown key "min_count"/],
    ['an unknown kind', { inputs: ['texts/a.txt'], kinds: ['idioms'] }, /"kinds": unknown value 'idioms'/],
    ['a zero top', { inputs: ['texts/a.txt'], top: 0 }, /"top": must be at least 1/],
    ['a string top', { inputs: ['texts/a.txt'], top: '20' }, /"top" must be a whole number/],
    ['a fractional minCount', { inputs: ['texts/a.txt'], minCount: 1.5 }, /"minCount": '1.5' is not a whole number/],
    ['an unknown card type', { inputs: ['texts/a.txt'], cards: 'recognition,cloze' }, /"cards": unknown value 'cloze'/],
    ['a wrong script', { inputs: ['texts/a.txt'], script: 'pinyin' }, /"script": unknown value 'pinyin'/],
    ['a non-boolean flag', { inputs: ['texts/a.txt'], subdecks: 'yes' }, /"subdecks" must be true or false/],
    ['an empty deck level', { inputs: ['texts/a.txt'], deck: 'Chinese:: ::Speeches' }, /"deck": 'Chinese:: ::Speeches' is not a deck name/],
    ['a missing exclude list', { inputs: ['texts/a.txt'], exclude: 'gone.txt' }, /"exclude": known-phrase list "gone.txt" not found/],
    ['a templates file, not folder', { inputs: ['texts/a.txt'], templates: 'known.txt' }, /"templates": .* is not a folder/],
    ['an output over an input', { inputs: ['texts/a.txt'], output: 'texts/a.txt' }, /would overwrite the input/],
  ])('rejects %s with a message naming the recipe', async (_, content, message) => {
    const error = await failure(await recipe('bad.json', content));
    expect(error.message).toMatch(message);
  });

  it('reads the paths of a recipe written on Windows, and keeps a name that has a real backslash', async () => {
    await mkdir(join(dir, 'out'), { recursive: true });
    const file = await recipe('windows.json', { inputs: ['texts\\a.txt'], output: 'out\\deck.apkg', exclude: '.\\known.txt' });
    const loaded = await loadRecipe(file);
    expect(loaded.inputs).toEqual([join(dir, 'texts', 'a.txt')]);
    expect(loaded.output).toBe(join(dir, 'out', 'deck.apkg'));
    expect(loaded.options.exclude).toBe(join(dir, 'known.txt'));
    await writeFile(join(dir, 'odd\\name.txt'), '一段测试文字，集思广益。\n');
    const odd = await loadRecipe(await recipe('odd.json', { inputs: ['odd\\name.txt'] }));
    expect(odd.inputs).toEqual([join(dir, 'odd\\name.txt')]);
  });

  it('refuses a recipe that is not UTF-8 rather than garble its deck name', async () => {
    // {"inputs":["texts"],"deck":"成语"} as a Chinese Windows editor saves it (GBK).
    const gbk = Buffer.concat([Buffer.from('{"inputs":["texts"],"deck":"'), Buffer.from([0xb3, 0xc9, 0xd3, 0xef]), Buffer.from('"}')]);
    const file = join(dir, 'gbk.json');
    await writeFile(file, gbk);
    expect((await failure(file)).message).toMatch(/gbk\.json: not UTF-8 text .*save it as UTF-8/);
  });

  it('names a recipe that does not exist', async () => {
    const error = await failure(join(dir, 'missing.json'));
    expect(error.message).toMatch(/recipe not found/);
  });
});
