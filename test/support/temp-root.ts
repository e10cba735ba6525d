// Vitest global setup: every temporary folder the tests make (through os.tmpdir(), in the test workers and
// in the commands they start) goes under one folder for the run, removed when the run ends, so runs do not
// leave thousands of folders in the system's temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'chengyu-deck-tests-'));
  process.env['TMPDIR'] = root;
  return () => rmSync(root, { recursive: true, force: true });
}
