#!/usr/bin/env node
// The installed command. The CLI is compiled to dist/ by `npm run build` (run by `npm ci` through prepare).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('chengyu-deck: not built yet: run `npm run build` in the package folder\n');
  process.exit(1);
}
await import(main.href);
