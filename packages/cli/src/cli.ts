import { createInterface } from 'node:readline/promises';
import { dlqListCommand } from './commands/dlq-list.js';
import { dlqReplayCommand } from './commands/dlq-replay.js';
import { dlqShowCommand } from './commands/dlq-show.js';
import { sendCommand } from './commands/send.js';
import { unmappedListCommand } from './commands/unmapped-list.js';
import { unmappedReplayCommand } from './commands/unmapped-replay.js';
import { unmappedShowCommand } from './commands/unmapped-show.js';
import { CliFailure, UsageError, errorMessage } from './errors.js';
import { helpTexts, type HelpTopic } from './help.js';
import { explainKafkaFailure } from './kafka.js';
import { writeLine, type CliIo } from './io.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

/** Commands with subcommands: `inlet dlq list`, `inlet unmapped replay` ... */
const groups = ['dlq', 'unmapped'] as const;
type Group = (typeof groups)[number];

const commands: Record<Exclude<HelpTopic, 'main' | Group>, Command> = {
  send: sendCommand,
  'dlq list': dlqListCommand,
  'dlq show': dlqShowCommand,
  'dlq replay': dlqReplayCommand,
  'unmapped list': unmappedListCommand,
  'unmapped show': unmappedShowCommand,
  'unmapped replay': unmappedReplayCommand,
};

function isGroup(name: string | undefined): name is Group {
  return (groups as readonly (string | undefined)[]).includes(name);
}

/**
 * Runs one command line and resolves with its exit code: 0 done, 1 failed, 2 wrong usage. Never throws and
 * never exits the process, so tests call it in-process with their own streams, environment and terminal.
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const fullIo: CliIo = { ...processIo(), ...io };
  try {
    return await dispatch([...argv], fullIo);
  } catch (error) {
    return report(error, fullIo);
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [first, second] = argv;
  if (first === undefined) {
    io.stderr.write(helpTexts.main);
    return 2;
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    const topic = argv.slice(1).join(' ') || 'main';
    if (!isHelpTopic(topic)) throw new UsageError(`no help for "${topic}"`);
    io.stdout.write(helpTexts[topic]);
    return 0;
  }
  const name =
    isGroup(first) && second !== undefined && !second.startsWith('-') ? `${first} ${second}` : first;
  const rest = argv.slice(name.split(' ').length);
  if (isGroup(name)) {
    // `inlet dlq` alone or `inlet dlq --help` (and the same for unmapped).
    const asked = rest.includes('--help') || rest.includes('-h');
    (asked ? io.stdout : io.stderr).write(helpTexts[name]);
    return asked ? 0 : 2;
  }
  if (!Object.hasOwn(commands, name)) {
    throw new UsageError(
      isGroup(first)
        ? `unknown ${first} command "${second}": list, show or replay`
        : `unknown command "${first}"`,
      isGroup(first) ? first : undefined,
    );
  }
  const topic = name as keyof typeof commands;
  const optionsPart = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (optionsPart.includes('--help') || optionsPart.includes('-h')) {
    io.stdout.write(helpTexts[topic]);
    return 0;
  }
  return commands[topic](rest, io);
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    writeLine(io.stderr, `inlet: ${error.message}`);
    writeLine(io.stderr, `Run 'inlet ${error.command ? `${error.command} ` : ''}--help' for usage.`);
    return error.exitCode;
  }
  // A refused password or an untrusted CA: say which setting to fix rather than only that Kafka failed.
  const explained = explainKafkaFailure(error, io.env);
  writeLine(io.stderr, `inlet: ${explained ? explained.message : errorMessage(error)}`);
  // A failure the command foresaw explains itself; anything else may be a bug worth its stack.
  if (!(error instanceof CliFailure) && io.env.INLET_DEBUG && error instanceof Error && error.stack) {
    writeLine(io.stderr, error.stack);
  }
  return 1;
}

function isHelpTopic(topic: string): topic is HelpTopic {
  return Object.hasOwn(helpTexts, topic);
}

/** The real process: its streams, environment and terminal. */
function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    // npm runs scripts and `npm exec --workspace` in the package folder; INIT_CWD is where the person typed.
    cwd: process.env.INIT_CWD ?? process.cwd(),
    isTTY: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    prompt: async (question) => {
      const terminal = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await terminal.question(question);
      } finally {
        terminal.close();
      }
    },
    progressStream: process.stderr,
    now: Date.now,
  };
}
