// Entry of a worker thread that runs TypeScript: Node loads this plain module, which teaches the thread's
// module loader TypeScript (tsx) and then imports the worker's real module, named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
