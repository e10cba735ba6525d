// The three commands, each a straight line: options → pipeline → one writer → one atomic write. Heavy
// modules (the .apkg writer, AnkiConnect, the page formatters) are imported only by the command that
// needs them, so `extract` starts quickly.
import { realpathSync, statSync } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { extractFrom, listInputs } from '../pipeline.js';
import { threadsForRequest } from '../parallel/pool.js';
import type { ExtractResult, ProgressHooks } from '../pipeline.js';
import { isRedirectedInto, type InputRef } from '../input/index.js';
import type { DiskPath, PipelineOptions, SourceInfo } from '../types.js';
import { atomicWrites } from './atomic-writes.js';
import { MAX_NAME_BYTES } from '../write/names.js';
import { inScript } from '../enrich/context.js';
import { InputError, OutputError, UsageError, writeProblem } from './errors.js';
import {
  buildTime,
  packageNameProblem,
  parseCardTypes,
  parseFormat,
  parseKinds,
  parsePositiveInt,
  parseScript,
  parseVariant,
} from './options.js';
import type { CardType, Format, Script } from './options.js';
import { createProgress } from './progress.js';

/** `-o -`: standard output, as for inputs. */
const STDOUT = '-';

/** The flags commander hands over; undefined means "not given" (defaults are applied here, once). */
export interface CommonFlags {
  kinds?: string;
  top?: string;
  minCount?: string;
  jobs?: string;
  exclude?: string;
  toneSandhi?: boolean;
  variant?: string;
  quiet?: boolean;
  debug?: boolean;
  format?: string;
  output?: string;
  deck?: string;
  cards?: string;
  script?: string;
  templates?: string;
  subdecks?: boolean;
  url?: string;
  key?: string;
}

async function pipelineOptions(flags: CommonFlags): Promise<PipelineOptions> {
  const options: PipelineOptions = {
    kinds: parseKinds(flags.kinds),
    top: parsePositiveInt('--top', flags.top),
    minCount: parsePositiveInt('--min-count', flags.minCount) ?? 1,
    toneSandhi: flags.toneSandhi ?? false,
    variant: parseVariant(flags.variant),
  };
  if (flags.exclude !== undefined) {
    if (flags.exclude.trim() === '') throw new UsageError('--exclude: no file name given');
    if (isRedirectedInto(flags.exclude)) {
      throw new OutputError(flags.exclude, 'is where this command\'s output is redirected: the shell emptied it before the run; restore the list and redirect elsewhere');
    }
    const { loadExcludeKeys } = await import('../select/exclude.js');
    options.exclude = await loadExcludeKeys(flags.exclude);
  }
  return options;
}

function isDeviceOrPipe(path: string): boolean {
  try {
    const info = statSync(path);
    return !info.isFile() && !info.isDirectory();
  } catch {
    return false;
  }
}

function samePath(a: DiskPath, b: string): boolean {
  try {
    // The native call: one system call, where the JavaScript one reads every folder along the path (it
    // ran for each of a corpus's files).
    return realpathSync.native(a, { encoding: 'buffer' }).equals(realpathSync.native(b, { encoding: 'buffer' }));
  } catch {
    return typeof a === 'string' && resolve(a) === resolve(b);
  }
}

/** A file a command reads besides its texts: the deck recipe, the --exclude list. */
interface OtherInput {
  role: string;
  path: string | undefined;
}

/** Fails before any work is done when the output could not be written or would overwrite an input. */
async function checkOutputTarget(output: string, inputs: readonly InputRef[], otherInputs: readonly OtherInput[] = []): Promise<void> {
  for (const input of inputs) {
    if (input.path !== null && samePath(input.path, output)) {
      throw new OutputError(output, 'is also an input; refusing to overwrite an input');
    }
  }
  for (const other of otherInputs) {
    if (other.path !== undefined && samePath(other.path, output)) {
      throw new OutputError(output, `is also an input (${other.role}); refusing to overwrite an input`);
    }
  }
  // Found before the work is done: most file systems take names of up to 255 bytes (85 Chinese characters).
  const nameBytes = Buffer.byteLength(basename(output));
  if (nameBytes > MAX_NAME_BYTES) {
    throw new OutputError(output, `cannot write: its name is ${nameBytes} bytes, more than the ${MAX_NAME_BYTES} a file name may have`);
  }
  const existing = await stat(output).catch(() => undefined);
  if (existing?.isDirectory()) throw new OutputError(output, 'is a directory');
  // A device or pipe (/dev/stdout, a FIFO) is written into, not replaced: its folder is not written.
  if (existing && !existing.isFile()) return;
  // A link to a file: the file it points to is replaced, in its own folder.
  const folder = dirname(existing ? await realpath(output).catch(() => resolve(output)) : resolve(output));
  const folderStat = await stat(folder).catch(() => undefined);
  if (folderStat !== undefined && !folderStat.isDirectory()) throw new OutputError(output, `${dirname(output)} is a file, not a folder`);
  if (folderStat === undefined) throw new OutputError(output, `folder ${dirname(output)} does not exist`);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new OutputError(output, `folder ${dirname(output)} is not writable`);
  }
}

function totalBytes(refs: readonly InputRef[]): number {
  // Synchronous: an awaited stat per file is a round trip through the thread pool, and a folder of 30,000
  // files left the main thread idle over a second.
  let total = 0;
  for (const ref of refs) {
    if (ref.path === null) continue;
    try {
      total += statSync(ref.path).size;
    } catch {
      // Reported when its turn to be read comes.
    }
  }
  return total;
}

async function runPipeline(refs: readonly InputRef[], flags: CommonFlags): Promise<ExtractResult> {
  const options = await pipelineOptions(flags);
  // `-` at a terminal waits for typed or pasted text; without a word the command would look hung.
  if (refs.some((ref) => ref.path === null) && process.stdin.isTTY === true && !(flags.quiet ?? false)) {
    process.stderr.write('chengyu-deck: reading the text from the terminal: paste or type it, then press Ctrl-D\n');
  }
  const progress = createProgress({
    stream: process.stderr,
    quiet: flags.quiet ?? false,
    totalFiles: refs.length,
    totalBytes: totalBytes(refs),
  });
  const hooks: ProgressHooks = {
    fileStarted: (name) => progress.fileStarted(name),
    fileProgress: (name, chars, fileChars, phrases) => progress.fileProgress(name, chars, fileChars, phrases),
    fileDone: (name, chars, phrases) => progress.fileDone(name, chars, phrases),
  };
  try {
    const requested = parsePositiveInt('--jobs', flags.jobs);
    const jobs = requested === undefined ? undefined : threadsForRequest(requested);
    return await extractFrom(refs, { ...options, stdin: process.stdin, progress: hooks, ...(jobs === undefined ? {} : { jobs }) });
  } finally {
    progress.finish();
  }
}

function defaultDeckName(sources: readonly SourceInfo[]): string {
  const first = sources[0];
  if (first?.title) return first.title;
  if (first && first.name !== 'stdin') return basename(first.name, extname(first.name));
  return 'chengyu-deck';
}

interface DeckSettings {
  deckName: string;
  cards: CardType[];
  script: Script;
  templatesDir?: string;
  subdecks: boolean;
}

function deckSettings(flags: CommonFlags, sources: readonly SourceInfo[]): DeckSettings {
  return {
    deckName: flags.deck?.trim() || defaultDeckName(sources),
    cards: parseCardTypes(flags.cards),
    script: parseScript(flags.script),
    templatesDir: flags.templates,
    subdecks: flags.subdecks ?? false,
  };
}

async function render(format: Format, result: ExtractResult, flags: CommonFlags): Promise<string> {
  const { sources } = result;
  const script = parseScript(flags.script);
  // Lists and text files show each context in the script asked for; JSON carries both forms anyway.
  const cards = format === 'json' ? result.cards : result.cards.map((card) => inScript(card, script));
  switch (format) {
    case 'table':
      return (await import('../write/table.js')).formatTable(cards);
    case 'json':
      return (await import('../write/json.js')).formatJson(cards);
    case 'html':
    case 'md': {
      const meta = { title: flags.deck?.trim() || defaultDeckName(sources), sources };
      return format === 'html'
        ? (await import('../write/html.js')).formatHtml(cards, meta)
        : (await import('../write/markdown.js')).formatMarkdown(cards, meta);
    }
    case 'tsv':
    case 'csv': {
      const deck = deckSettings(flags, sources);
      return (await import('../write/anki-text.js')).formatAnkiText(cards, {
        separator: format === 'tsv' ? 'tab' : 'comma',
        deckName: deck.deckName,
        sources,
        subdecks: deck.subdecks,
        script: deck.script,
      });
    }
    case 'pleco':
      return (await import('../write/pleco.js')).formatPleco(cards, { category: deckSettings(flags, sources).deckName });
  }
}

/**
 * A reader that stops early (`chengyu-deck extract … | head`) closes the pipe: the rest of the output has
 * nowhere to go, and the command ends quietly as Unix tools do instead of crashing on EPIPE.
 */
function printToStdout(text: string | Uint8Array): Promise<void> {
  return new Promise((resolvePrint, rejectPrint) => {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') resolvePrint();
      else rejectPrint(new OutputError('standard output', writeProblem(error)));
    });
    process.stdout.write(text, (error) => {
      if (!error) resolvePrint();
    });
  });
}

/** `-o ''` (an unset shell variable, say) names no file: a usage error, as for --exclude. */
function checkOutputGiven(command: string, output: string | undefined): void {
  if (output !== undefined && output.trim() === '') throw new UsageError(`${command}: -o: no file name given`);
}

export async function runExtract(inputs: string[], flags: CommonFlags): Promise<void> {
  checkOutputGiven('extract', flags.output);
  const output = flags.output === STDOUT ? undefined : flags.output;
  const format = parseFormat(flags.format, output);
  const refs = await listInputs(inputs);
  if (output !== undefined) await checkOutputTarget(output, refs, [{ role: '--exclude', path: flags.exclude }]);
  const result = await runPipeline(refs, flags);
  const text = await render(format, result, flags);
  if (output !== undefined) await (await atomicWrites()).writeFileAtomic(output, text);
  else await printToStdout(text);
}

/** A single `.json` argument to build/push is a deck recipe: its inputs and options, overridable by flags. */
async function withRecipe(
  inputs: string[],
  flags: CommonFlags,
): Promise<{ inputs: string[]; flags: CommonFlags; recipeOutput?: string; recipePath?: string }> {
  const only = inputs[0];
  if (inputs.length !== 1 || only === undefined || extname(only).toLowerCase() !== '.json') return { inputs, flags };
  const { loadRecipe } = await import('./recipe.js');
  const recipe = await loadRecipe(only);
  const merged: CommonFlags = { ...recipe.flags };
  for (const [name, value] of Object.entries(flags) as [keyof CommonFlags, CommonFlags[keyof CommonFlags]][]) {
    if (value !== undefined) (merged as Record<string, unknown>)[name] = value;
  }
  return { inputs: recipe.inputs, flags: merged, recipeOutput: recipe.output, recipePath: only };
}

function noPhrases(refs: readonly InputRef[]): InputError {
  const what = refs.length === 1 ? (refs[0]?.name ?? 'input') : `${refs.length} inputs`;
  return new InputError(what, 'no phrases found with these options; nothing written');
}

export async function runBuild(rawInputs: string[], rawFlags: CommonFlags): Promise<void> {
  checkOutputGiven('build', rawFlags.output);
  const { inputs, flags, recipeOutput, recipePath } = await withRecipe(rawInputs, rawFlags);
  const output = flags.output ?? recipeOutput;
  if (output === undefined) throw new UsageError('build: -o, --output <deck.apkg> is required');
  parseCardTypes(flags.cards);
  parseScript(flags.script);
  const now = buildTime();
  // A package is binary: into a pipe or a file, never onto a terminal's screen.
  if (output === STDOUT && process.stdout.isTTY) {
    throw new UsageError('build: -o - writes the package to standard output, which is a terminal here; redirect it or give a file name');
  }
  const refs = await listInputs(inputs);
  if (output !== STDOUT) {
    await checkOutputTarget(output, refs, [
      { role: 'the deck recipe', path: recipePath },
      { role: '--exclude', path: flags.exclude },
    ]);
  }
  // Judged after the inputs, so that an output that would overwrite one is refused as that. A device or
  // pipe (-o /dev/stdout) has no name to judge.
  const problem = output === STDOUT || isDeviceOrPipe(output) ? undefined : packageNameProblem(output);
  if (problem !== undefined) {
    if (flags.output === undefined && recipePath !== undefined) throw new InputError(recipePath, `"output": ${problem}`);
    throw new UsageError(`build: -o ${problem}`);
  }
  const result = await runPipeline(refs, flags);
  if (result.cards.length === 0) throw noPhrases(refs);
  const deck = deckSettings(flags, result.sources);
  const { buildPackage } = await import('../anki/index.js');
  const bytes = await buildPackage(result.cards, { ...deck, sources: result.sources, now });
  if (output === STDOUT) await printToStdout(bytes);
  else await (await atomicWrites()).writeFileAtomic(output, bytes);
  if (!(flags.quiet ?? false)) {
    process.stderr.write(
      `wrote ${output === STDOUT ? 'standard output' : output}: ${result.cards.length} notes, ${result.cards.length * deck.cards.length} cards, deck “${deck.deckName}”\n`,
    );
  }
}

export async function runPush(rawInputs: string[], rawFlags: CommonFlags): Promise<void> {
  const { inputs, flags } = await withRecipe(rawInputs, rawFlags);
  parseCardTypes(flags.cards);
  parseScript(flags.script);
  const refs = await listInputs(inputs);
  const result = await runPipeline(refs, flags);
  if (result.cards.length === 0) throw noPhrases(refs);
  const deck = deckSettings(flags, result.sources);
  const { pushToAnki } = await import('../ankiconnect/index.js');
  const url = flags.url ?? 'http://127.0.0.1:8765';
  // Anki may ask its user to allow access and wait for the click: say so rather than sit silent.
  if (process.stderr.isTTY === true && !(flags.quiet ?? false)) {
    process.stderr.write(`chengyu-deck: sending ${result.cards.length} notes to Anki at ${url}; allow access if Anki asks\n`);
  }
  const report = await pushToAnki(result.cards, {
    ...deck,
    sources: result.sources,
    url,
    key: flags.key,
  });
  process.stdout.write(`added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}\n`);
}
