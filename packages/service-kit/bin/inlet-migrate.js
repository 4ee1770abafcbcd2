#!/usr/bin/env node
// Runs src/migrate-cli.ts from the sources through tsx, so nothing needs building first (a development tool:
// images migrate at start, in runConsumerService).
import { register } from 'tsx/esm/api';

register();
await import('../src/migrate-cli.ts');
