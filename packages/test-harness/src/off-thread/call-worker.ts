import { parentPort } from 'node:worker_threads';

// The worker's side of OffThread: imports the module a call names and runs the named export (none: the
// import alone), one call at a time, answering with its result or its error's message.

export interface Call {
  module: string;
  name: string | null;
  args: unknown[];
}

export type Reply = { result: unknown } | { error: string };

const port = parentPort!;

port.on('message', async ({ module, name, args }: Call) => {
  let reply: Reply;
  try {
    const exports = (await import(module)) as Record<string, (...args: unknown[]) => unknown>;
    // Buffers cross threads as plain Uint8Arrays: give the code under test the Buffer it is called with.
    const values = args.map((arg) =>
      arg instanceof Uint8Array ? Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength) : arg,
    );
    reply = { result: name === null ? undefined : await exports[name]!(...values) };
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
