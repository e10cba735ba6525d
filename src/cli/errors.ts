// Failures the user can act on. Each carries the exit code the README documents and a one-line message
// that names the file and the problem; the CLI prints it without a stack trace unless --debug is given.

export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  output: 4,
  hangup: 129,
  interrupted: 130,
  terminated: 143,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An option or argument the user got wrong. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** A file name as it can be shown on one line: control characters (a newline in a name) escaped. */
export function printableName(file: string): string {
  return file.replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** An input that cannot be read or is not usable text. The message starts with the file's name. */
export class InputError extends UserError {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${printableName(file)}: ${problem}`, EXIT.input);
  }
}

/** An output that cannot be written. Nothing was written or replaced when this is thrown. */
export class OutputError extends UserError {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${printableName(file)}: ${problem}`, EXIT.output);
  }
}

/** A failed write in a few words: the system's reason without its code and call (`ENOSPC: …, write`). */
export function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EISDIR':
      return 'is a directory';
    case 'EPIPE':
      return 'the reading end was closed before all was written';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ENAMETOOLONG':
      return 'the name is longer than the file system allows';
    case 'EDQUOT':
      return 'disk quota exceeded';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
