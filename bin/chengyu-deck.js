#!/usr/bin/env node
// The installed command. The CLI is compiled to dist/ by `npm run build` (run by `npm ci` through prepare).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('chengyu-deck: not built yet: run `npm run build` in the package folder\n');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
