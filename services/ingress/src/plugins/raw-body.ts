import type { FastifyInstance } from 'fastify';

/**
 * Webhook bodies are kept as the exact bytes received: signatures are computed over them, and re-serialized
 * JSON would not match. JSON is parsed only after the signature is verified. Any other content type is 415.
 */
export function acceptRawBodies(app: FastifyInstance, bodyLimit: number): void {
  app.removeAllContentTypeParsers();
  const keepBytes = (_request: unknown, body: Buffer, done: (error: null, body: Buffer) => void) =>
    done(null, body);
  // application/jwt and text/plain: Canvas posts signed Live Events as a bare JWT.
  app.addContentTypeParser(
    ['application/json', 'application/jwt', 'text/plain'],
    { parseAs: 'buffer', bodyLimit },
    keepBytes,
  );
  app.addContentTypeParser(/^application\/[a-z0-9.+-]*\+json$/, { parseAs: 'buffer', bodyLimit }, keepBytes);
}
