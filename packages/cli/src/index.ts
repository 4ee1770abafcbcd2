export { runCli } from './cli.js';
export type { CliIo, TextOutput } from './io.js';
