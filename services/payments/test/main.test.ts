import { fileURLToPath } from 'node:url';
import { describeConsumerServiceProcess } from '@inlet/test-harness';

// The process itself, as production runs it: the lifecycle every consumer service shares.
describeConsumerServiceProcess({
  service: 'payments',
  serviceDir: fileURLToPath(new URL('..', import.meta.url)),
  readPath: '/users/nobody/ledger',
});
