// The command line: commander definitions that turn options into plain values and hand them to the
// commands. Every failure ends here: a one-line message and the documented exit code, the stack only with
// --debug.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readingWorkerWanted, startReadingWorker } from '../enrich/worker-client.js';
import { PACKAGE_ROOT } from '../lexicon/paths.js';
import { CARD_TYPES, FORMATS, SCRIPTS, VARIANTS } from './options.js';
import { abandonPendingWrites } from './atomic-writes.js';
import { EXIT, UserError, writeProblem } from './errors.js';
import type { CommonFlags } from './run.js';

const require = createRequire(import.meta.url);

type Commander = typeof import('commander');
let commanderModule: Commander | undefined;
/**
 * commander is CommonJS: require() loads it in ~16 ms, an ES import (which first scans the source for its
 * export names) in ~25 ms. Required when the program is defined, not at module load, so that `main` can
 * start the helper thread first.
 */
function commander(): Commander {
  commanderModule ??= require('commander') as Commander;
  return commanderModule;
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function selectionOptions(command: Command): Command {
  const { Option } = commander();
  return command
    .option('--kinds <list>', 'comma list of chengyu,quotation,saying,term, or all (default: chengyu,quotation,saying)')
    .option('--top <n>', 'keep only the n best phrases')
    .option('--min-count <n>', 'keep phrases used at least n times (default: 1)')
    .option('--exclude <file>', 'skip phrases listed in a word list (one per line) or in an existing .apkg')
    .option('--tone-sandhi', 'spoken pinyin (一/不 tone changes) instead of dictionary citation form')
    .addOption(new Option('--variant <region>', 'Traditional characters as written in (default: tw)').choices(VARIANTS))
    .option('-j, --jobs <n>', 'threads that read and detect files at once, at most one per core (default: one per core for large inputs)')
    .option('-q, --quiet', 'no progress display')
    .option('--debug', 'print the stack trace of an error');
}

function deckOptions(command: Command): Command {
  const { Option } = commander();
  return command
    .option('--deck <name>', "deck name (default: the first input's title)")
    .option('--cards <list>', `card types, comma list of ${CARD_TYPES.join(',')} (default: recognition,recall)`)
    .addOption(new Option('--script <script>', 'what the card front shows (default: simplified)').choices(SCRIPTS))
    .option('--templates <dir>', 'card templates and style.css to use instead of the bundled ones')
    .option('--subdecks', 'one sub-deck per source text');
}

/** The commands that make cards, hence read pinyin with pinyin-pro. */
const CARD_COMMANDS: readonly string[] = ['extract', 'build', 'push'];

/**
 * Starts (when a core is spare) the helper thread that loads pinyin-pro on the other core while this one
 * loads commander and the pipeline, reads and detects (see src/enrich/worker-client.ts). The thread needs
 * ~150 ms to be ready, so it starts before anything else is loaded: a card command is the first word of
 * the command line (the program has no options of its own but --help and --version).
 */
function startHelperThreadFor(argv: readonly string[]): void {
  if (CARD_COMMANDS.includes(argv[2] ?? '') && readingWorkerWanted()) startReadingWorker();
}

/**
 * The commands' module; the helper thread is started here too when `main` did not start it. Where Node
 * can require() ES modules (20.19+), the pipeline's ~55 modules load synchronously: ~7 ms sooner than
 * through import(), which resolves and links each module through promises. Same modules, same instances.
 */
async function loadCommands(): Promise<typeof import('./run.js')> {
  if (readingWorkerWanted()) startReadingWorker();
  if (process.features.require_module) {
    try {
      return require('./run.js') as typeof import('./run.js');
    } catch {
      // A module that cannot be required (top-level await, say): import() loads it.
    }
  }
  return import('./run.js');
}

/**
 * commander's message on one line (its "Did you mean extract?" joined on), and for a file given where the
 * command belongs, the command line that was probably meant.
 */
function usageMessage(message: string): string {
  const text = message.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ');
  const command = /^unknown command '([^']*)'$/.exec(text)?.[1];
  if (command !== undefined && (/[./\\]/.test(command) || existsSync(command))) {
    return `${text}: name the command first, as in chengyu-deck extract ${command}`;
  }
  return text;
}

export function createProgram(): Command {
  const { Command, Option } = commander();
  const program = new Command('chengyu-deck')
    .description('Find the idioms, quotations and set phrases in Chinese texts and turn them into Anki decks.')
    .version(packageVersion(), '-V, --version')
    .configureOutput({
      // commander's own usage errors, made one line in the same shape as every other error of the tool
      outputError: (message, write) => write(`chengyu-deck: ${usageMessage(message)} (see --help)\n`),
    })
    .exitOverride();

  selectionOptions(
    program
      .command('extract')
      .description('list the phrases found in the inputs')
      .argument('<inputs...>', 'text files, folders (every .txt/.md/.html inside) or - for standard input')
      .addOption(new Option('--format <format>', 'output format (default: the one -o names by its extension, else table)').choices(FORMATS))
      .option('-o, --output <file>', 'write to a file instead of standard output (- for standard output)')
      .option('--deck <name>', 'deck name for tsv/csv headers, the list title and the Pleco category')
      .addOption(
        new Option('--script <script>', 'context sentences of a Traditional text: simplified (default), or traditional/both as it was written').choices(SCRIPTS),
      )
      .option('--subdecks', 'tsv/csv: one sub-deck per source text'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ chengyu-deck extract speech.txt
  $ chengyu-deck extract speeches/ --kinds all --top 50 --format json -o phrases.json
  $ chengyu-deck extract speech.txt --format html -o vocabulary.html
  $ cat speech.txt | chengyu-deck extract - --format tsv`,
    )
    .action(async (inputs: string[], flags: CommonFlags) => {
      const { runExtract } = await loadCommands();
      await runExtract(inputs, flags);
    });

  deckOptions(
    selectionOptions(
      program
        .command('build')
        .description('write an Anki package (.apkg) of the phrases found, or build a deck recipe')
        .argument('<inputs...>', 'text files, folders, - for standard input, or one recipe .json from decks/')
        .option('-o, --output <deck.apkg>', 'the package to write (replaced only when the build succeeds; - for standard output)'),
    ),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ chengyu-deck build decks/example.json
  $ chengyu-deck build speech.txt -o speech.apkg --deck "Speeches::2021"
  $ chengyu-deck build speeches/ -o all.apkg --top 100 --cards recognition,recall,listening --subdecks`,
    )
    .action(async (inputs: string[], flags: CommonFlags) => {
      const { runBuild } = await loadCommands();
      await runBuild(inputs, flags);
    });

  deckOptions(
    selectionOptions(
      program
        .command('push')
        .description('add the phrases to a running Anki through the AnkiConnect add-on')
        .argument('<inputs...>', 'text files, folders, - for standard input, or one recipe .json')
        .option('--url <url>', 'AnkiConnect address (default: http://127.0.0.1:8765)')
        .option('--key <key>', 'AnkiConnect API key, when one is set in the add-on'),
    ),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ chengyu-deck push speech.txt --deck "Chinese::Speeches"
  $ chengyu-deck push decks/example.json --key secret`,
    )
    .action(async (inputs: string[], flags: CommonFlags) => {
      const { runPush } = await loadCommands();
      await runPush(inputs, flags);
    });

  return program;
}

function wantsDebug(argv: readonly string[]): boolean {
  return argv.includes('--debug');
}

function onSignal(signal: NodeJS.Signals): void {
  abandonPendingWrites();
  process.stderr.write('chengyu-deck: interrupted; no partial output was left behind\n');
  process.exit(signal === 'SIGTERM' ? EXIT.terminated : signal === 'SIGHUP' ? EXIT.hangup : EXIT.interrupted);
}

/**
 * A reader that stops early (`chengyu-deck build --help | head -3`) closes the pipe while commander still
 * writes: the rest has nowhere to go and is dropped quietly, as Unix tools do, instead of an unhandled
 * EPIPE with a stack trace. Other write failures keep the one-line shape of every error.
 */
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') return;
  // A command printing its result listens too and reports the failure as its own error, once.
  if (process.stdout.listenerCount('error') > 1) return;
  process.stderr.write(`chengyu-deck: standard output: ${writeProblem(error)}\n`);
  process.exitCode = EXIT.output;
}

export async function main(argv: readonly string[] = process.argv): Promise<number> {
  if (!process.stdout.listeners('error').includes(onStdoutError)) process.stdout.on('error', onStdoutError);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // The terminal closed (an ssh session dropped): without a handler Node would end at once, leaving the
  // temporary file of a write in progress behind.
  process.once('SIGHUP', onSignal);
  startHelperThreadFor(argv);
  const program = createProgram();
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof commander().CommanderError) {
      const benign = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
      return benign.includes(error.code) ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UserError) {
      // One line, whatever a message carries from elsewhere (an AnkiConnect error text, say).
      process.stderr.write(`chengyu-deck: ${error.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
      if (wantsDebug(argv) && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`chengyu-deck: internal error: ${message.split('\n')[0]} (run with --debug for details)\n`);
    if (wantsDebug(argv) && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return EXIT.internal;
  }
}
