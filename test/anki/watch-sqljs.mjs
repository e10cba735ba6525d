// Loaded with `node --import`: reports on stdout every time something resolves sql.js or its wasm, so a
// test can tell whether a command paid for loading it.
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === 'sql.js' || specifier.includes('sql-wasm')) console.log('SQLJS-RESOLVED ' + specifier);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
