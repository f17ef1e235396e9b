import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    restoreMocks: true,
    // A global a test stubs (localStorage) is gone before the next test.
    unstubGlobals: true,
    setupFiles: ['tests/unit/setup.ts'],
    // Vitest's default (one fewer than the cores) is a single worker on the 2-core CI machine, where
    // many files spend their time waiting on PostgreSQL or child processes: two there took the run
    // from about 7.5 to 5.5 minutes (three were slower again).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A time limit is no test of speed (that is `npm run bench`): the default 5 s failed a database
    // upgrade test on a loaded 2-core machine that passes on an idle one.
    testTimeout: 30_000,
  },
});
