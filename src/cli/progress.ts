// A one-line progress bar on stderr for long runs: shown only on a terminal, only when the run is long
// enough to want one (several files or a large input), never with --quiet. Redrawn in place with \r, so
// the finished bar leaves a blank line start; NO_COLOR turns off the ANSI colour but keeps the bar.

export interface Progress {
  fileStarted(name: string): void;
  /** Part of the current file is done (`chars` more of its `fileChars`): the line moves while a large file is read. */
  fileProgress(name: string, chars: number, fileChars: number, phrasesSoFar: number): void;
  fileDone(name: string, chars: number, phrasesSoFar: number): void;
  /** Clears the bar; call once at the end (also after a failure). */
  finish(): void;
}

export interface ProgressOptions {
  stream: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };
  quiet: boolean;
  totalFiles: number;
  totalBytes: number;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds clock, for throttling redraws (tests pass a fake one). */
  now?: () => number;
}

/** Inputs above this size get a bar even when there is only one file. */
export const LARGE_INPUT_BYTES = 1024 * 1024;
const REDRAW_INTERVAL_MS = 80;

const SILENT: Progress = {
  fileStarted() {},
  fileProgress() {},
  fileDone() {},
  finish() {},
};

export function shouldShowProgress(options: ProgressOptions): boolean {
  if (options.quiet || options.stream.isTTY !== true) return false;
  return options.totalFiles > 1 || options.totalBytes > LARGE_INPUT_BYTES;
}

function formatCount(n: number): string {
  if (n >= 10_000_000) return `${(n / 1_000_000).toFixed(0)}M`;
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  if (n >= 10_000) return `${(n / 1000).toFixed(0)}k`;
  return String(n);
}

// CJK file names take two terminal cells per character.
function cellWidth(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
}

function cells(text: string): number {
  let n = 0;
  for (const ch of text) n += cellWidth(ch);
  return n;
}

/** The end of `text` (where a path's file name is) in at most `width` cells. */
function truncate(text: string, width: number): string {
  if (width <= 1) return '';
  if (cells(text) <= width) return text;
  let out = '';
  let used = 1;
  for (const ch of [...text].reverse()) {
    const w = cellWidth(ch);
    if (used + w > width) break;
    out = ch + out;
    used += w;
  }
  return `…${out}`;
}

function truncateEnd(text: string, width: number): string {
  return text.length <= width ? text : text.slice(0, Math.max(0, width - 1)) + '…';
}

export function createProgress(options: ProgressOptions): Progress {
  if (!shouldShowProgress(options)) return SILENT;
  const env = options.env ?? process.env;
  const colour = env['NO_COLOR'] === undefined || env['NO_COLOR'] === '';
  const now = options.now ?? (() => Date.now());
  const stream = options.stream;
  const total = Math.max(1, options.totalFiles);
  let filesDone = 0;
  let chars = 0;
  // Characters of the current file done so far; counted in `chars` once the file is done.
  let partial = 0;
  // How far through the current file that is, for the bar.
  let partialShare = 0;
  let phrases = 0;
  let current = '';
  let lastDraw = -Infinity;
  let drawn = false;
  let finished = false;

  // One cell short of the terminal width, so the cursor never wraps to a new line.
  // A terminal that does not report its size (columns 0 or unset) gets the classic 80.
  const columns = stream.columns !== undefined && stream.columns > 0 ? stream.columns : 80;
  const width = Math.max(10, Math.min(columns, 160)) - 1;

  // Padded with spaces to the full width instead of an erase-line sequence: plain \r and text only, and
  // colour codes only when NO_COLOR is unset. A narrow terminal loses the file name, then the bar, then the
  // end of the figures.
  function line(): string {
    let stats = ` ${filesDone}/${options.totalFiles} files · ${formatCount(chars + partial)} chars · ${phrases} phrases `;
    const barWidth = Math.max(0, Math.min(20, width - stats.length - 8));
    if (barWidth === 0) stats = truncateEnd(stats.trimStart(), width);
    const filled = Math.min(barWidth, Math.round(((filesDone + partialShare) / total) * barWidth));
    const bar = '█'.repeat(filled) + '░'.repeat(barWidth - filled);
    const name = truncate(current, width - barWidth - stats.length);
    const padding = ' '.repeat(Math.max(0, width - barWidth - stats.length - cells(name)));
    const styledBar = colour && bar ? `\x1b[36m${bar}\x1b[0m` : bar;
    const styledName = colour && name ? `\x1b[2m${name}\x1b[0m` : name;
    return `${styledBar}${stats}${styledName}${padding}`;
  }

  function draw(force: boolean): void {
    if (finished) return;
    const t = now();
    if (!force && t - lastDraw < REDRAW_INTERVAL_MS) return;
    lastDraw = t;
    stream.write(`\r${line()}`);
    drawn = true;
  }

  return {
    fileStarted(name) {
      current = name;
      draw(filesDone === 0);
    },
    fileProgress(name, batchChars, fileChars, phrasesSoFar) {
      current = name;
      partial += batchChars;
      partialShare = fileChars > 0 ? Math.min(1, partial / fileChars) : 0;
      phrases = phrasesSoFar;
      draw(false);
    },
    fileDone(name, fileChars, phrasesSoFar) {
      current = name;
      filesDone += 1;
      partial = 0;
      partialShare = 0;
      chars += fileChars;
      phrases = phrasesSoFar;
      draw(filesDone === options.totalFiles);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (drawn) stream.write(`\r${' '.repeat(width)}\r`);
    },
  };
}
