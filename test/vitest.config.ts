// The test run's configuration, kept in test/ so the top level stays as the project asks. `npm test` passes it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    globalSetup: ['test/support/temp-root.ts'],
  },
});
