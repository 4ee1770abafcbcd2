import { runCli } from './cli.js';

// The process entry (bin/inlet.js runs it through tsx). Exit through process.exitCode, not process.exit(),
// so buffered output to a pipe is written before the process ends.
process.exitCode = await runCli(process.argv.slice(2));
