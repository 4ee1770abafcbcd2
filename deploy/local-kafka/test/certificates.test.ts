import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { connect, createServer, type Server } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeBrokerCertificates,
  makeCertificateAuthority,
  planBrokerCertificates,
  type BrokerCertificates,
} from '../src/certificates.js';

// The keystore is served by Node's own TLS server here (PKCS12 is what both Kafka and Node read), so what a
// client verifies (the chain up to the CA, the names 127.0.0.1 and localhost) is checked without a broker.
describe('the certificates of the SASL_SSL listener (made with keytool)', () => {
  let dir: string;
  let certificates: BrokerCertificates;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inlet-certificates-test-'));
    certificates = planBrokerCertificates(join(dir, 'tls'));
    await makeBrokerCertificates(join(dir, 'tls'), certificates);
    server = createServer(
      { pfx: await readFile(certificates.keystoreFile), passphrase: certificates.storePassword },
      (socket) => socket.end('hello'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  }, 120_000);
  afterAll(async () => {
    server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Resolves with the TLS verdict of a client that trusts `ca` and expects the server to be `servername`. */
  const handshake = (ca: string, servername: string) =>
    new Promise<string>((resolve) => {
      // SNI takes host names only; for an IP the client checks the address it connected to.
      const name = isIP(servername) ? {} : { servername };
      const socket = connect({ host: '127.0.0.1', port, ca, ...name });
      socket.once('secureConnect', () => {
        socket.destroy();
        resolve('trusted');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });

  it("exports a CA certificate for clients, next to the broker's keystore and truststore", async () => {
    for (const file of [certificates.keystoreFile, certificates.truststoreFile])
      expect((await stat(file)).size).toBeGreaterThan(0);
    const ca = new X509Certificate(await readFile(certificates.caFile));
    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('CN=Inlet local Kafka CA');
  });

  it('serves a chain that a client trusting the CA accepts for 127.0.0.1 and localhost', async () => {
    const ca = await readFile(certificates.caFile, 'utf8');
    expect(await handshake(ca, '127.0.0.1')).toBe('trusted');
    expect(await handshake(ca, 'localhost')).toBe('trusted');
    // Host names are checked: the certificate names only the loopback.
    expect(await handshake(ca, 'kafka.example.com')).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('is not trusted by a client that trusts another CA', async () => {
    const other = await makeCertificateAuthority(join(dir, 'other'), 'Another CA');
    expect(await handshake(await readFile(other.caFile, 'utf8'), '127.0.0.1')).toMatch(
      /UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN/,
    );
  }, 60_000);
});
