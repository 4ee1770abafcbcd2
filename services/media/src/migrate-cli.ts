// `npm run migrate --workspace @inlet/media`: applies pending migrations to DATABASE_URL, then exits.
import { defaultDatabaseUrl } from './config.js';
import { migrate } from './migrate.js';

const databaseUrl = process.env.DATABASE_URL ?? defaultDatabaseUrl;
const applied = await migrate(databaseUrl, console);
console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'up to date: nothing to apply');
