import { format, resolveConfig } from 'prettier';

/** Text formatted as `prettier --write` would format the file at `path`, so generated files pass the lint. */
export async function formatLikeRepository(text: string, path: string): Promise<string> {
  const options = await resolveConfig(path);
  return format(text, { ...options, filepath: path });
}
