import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // the kuromoji dictionary takes about a second to load in each test file
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
