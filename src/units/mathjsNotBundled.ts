/**
 * What vitest.config.ts puts in place of mathjsModule.ts: under vitest, src/units/library.ts finds no
 * bundled mathjs and loads it on first use, as the CLI does, so tests run the CLI's path and a test
 * file that parses no quantity does not pay for mathjs.
 */
export default undefined;
