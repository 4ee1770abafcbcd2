import { fileURLToPath } from 'node:url';
import { describeConsumerServiceProcess } from '@inlet/test-harness';

// The process itself, as production runs it: the lifecycle every consumer service shares.
describeConsumerServiceProcess({
  service: 'grades',
  serviceDir: fileURLToPath(new URL('..', import.meta.url)),
  readPath: '/grades?userId=nobody',
});
