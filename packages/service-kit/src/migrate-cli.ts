// `inlet-migrate` (the migrate script of every consumer service): applies the pending migrations of the service
// whose folder it runs in to DATABASE_URL, then exits. The service's schema is named after its package
// (@inlet/grades → grades) and its migrations are its migrations/ folder, as defineConsumerService has them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDatabaseUrl } from './consumer-service/service-config.js';
import { migrateSchema } from './migrate-schema.js';

const serviceDir = process.cwd();
const { name } = JSON.parse(readFileSync(join(serviceDir, 'package.json'), 'utf8')) as { name: string };
const schema = name.replace(/^@inlet\//, '');
const applied = await migrateSchema({
  target: process.env.DATABASE_URL ?? defaultDatabaseUrl,
  schema,
  migrationsDir: join(serviceDir, 'migrations'),
  log: console,
});
console.log(
  applied.length > 0 ? `${schema}: applied ${applied.join(', ')}` : `${schema}: up to date, nothing to apply`,
);
