import type { LookupAddress } from 'node:dns';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError } from '@inlet/kafka-runtime';
import { AddressBlockedError } from '../../src/transcripts/errors.js';
import { createTranscriptFetcher } from '../../src/transcripts/fetch-transcript.js';
import {
  createGuardedAgent,
  guardedLookup,
  systemResolve,
  type Resolve,
} from '../../src/transcripts/guarded-agent.js';
import { blockedAddressReason } from '../../src/transcripts/address-policy.js';
import { localPolicy } from '../helpers/policy.js';
import { startTranscriptServer, text, type TranscriptServer } from '../helpers/transcript-server.js';

const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n';

/** DNS answers from a table: no query leaves the machine. */
const fakeDns =
  (table: Record<string, string[]>): Resolve =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

// Every request here goes to 127.0.0.1 (or is refused before any connection): the guard's refusals of other
// addresses are proven where no socket is opened (URL check, lookup), never by trying them.
describe('the SSRF guard', () => {
  let server: TranscriptServer;
  beforeAll(async () => {
    server = await startTranscriptServer();
    server.route('/t.vtt', text(vtt));
  });
  afterAll(async () => server?.close());

  describe('classifies addresses', () => {
    it.each([
      ['127.0.0.1', 'loopback'],
      ['127.255.0.9', 'loopback'],
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['192.168.1.10', 'private'],
      ['169.254.169.254', 'link-local'],
      ['100.64.0.1', 'shared (carrier-grade NAT)'],
      ['0.0.0.0', 'unspecified ("this network")'],
      ['224.0.0.1', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
      ['::ffff:7f00:1', 'IPv4-mapped loopback'],
      ['::ffff:10.0.0.1', 'IPv4-mapped private'],
      ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
      ['64:ff9b::192.168.0.1', 'NAT64 private'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['fd00:ec2::254', 'unique-local'],
      ['fc00::1', 'unique-local'],
      ['ff02::1', 'multicast'],
      ['2001:db8::1', 'documentation'],
      ['not an address', 'malformed'],
    ])('%s is blocked as %s', (address, reason) => {
      expect(blockedAddressReason(address)).toBe(reason);
    });

    it.each([
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '::ffff:8.8.8.8',
      '64:ff9b::8.8.8.8',
      '2606:4700::1111',
    ])('%s (globally reachable) is allowed', (address) => {
      expect(blockedAddressReason(address)).toBeUndefined();
    });
  });

  describe('refuses before connecting', () => {
    const hosts =
      '127.0.0.1,10.0.0.7,192.168.1.10,169.254.169.254,::1,::ffff:127.0.0.1,localhost,rebind.test';
    const guarded = createTranscriptFetcher({
      policy: localPolicy({ hosts, allowPrivateAddresses: false }),
      // localhost through the system's resolver (its hosts file: no query leaves the machine).
      resolve: (host) =>
        host === 'rebind.test' ? fakeDns({ [host]: ['127.0.0.1'] })(host) : systemResolve(host),
    });
    afterAll(async () => guarded.close());

    it.each([
      ['127.0.0.1', (port: number) => `http://127.0.0.1:${port}/t.vtt`],
      ['10.x', () => 'https://10.0.0.7/t.vtt'],
      ['192.168.x', () => 'https://192.168.1.10/t.vtt'],
      ['the metadata endpoint', () => 'http://169.254.169.254/latest/meta-data/'],
      ['::1', (port: number) => `http://[::1]:${port}/t.vtt`],
      ['::ffff:127.0.0.1', (port: number) => `http://[::ffff:127.0.0.1]:${port}/t.vtt`],
      ['localhost (resolves to loopback)', (port: number) => `http://localhost:${port}/t.vtt`],
      ['a name whose DNS answer is loopback', (port: number) => `http://rebind.test:${port}/t.vtt`],
    ])(
      '%s: permanent INLET_TRANSCRIPT_ADDRESS_BLOCKED, and the server never hears of it',
      async (_case, url) => {
        const before = server.hits('/t.vtt');
        const error = await guarded.fetch(url(server.port)).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AddressBlockedError);
        expect(error).toBeInstanceOf(PermanentError);
        expect(error).toMatchObject({ code: 'INLET_TRANSCRIPT_ADDRESS_BLOCKED', retryable: false });
        expect(server.hits('/t.vtt')).toBe(before);
      },
    );

    it('the agent itself refuses loopback, without the URL check in front of it', async () => {
      const agent = createGuardedAgent({ allowPrivateAddresses: false, timeoutMs: 2_000 });
      const before = server.hits('/t.vtt');
      try {
        for (const origin of [
          `http://127.0.0.1:${server.port}`,
          `http://[::ffff:127.0.0.1]:${server.port}`,
        ]) {
          await expect(request(`${origin}/t.vtt`, { dispatcher: agent })).rejects.toBeInstanceOf(
            AddressBlockedError,
          );
        }
        expect(server.hits('/t.vtt')).toBe(before);
      } finally {
        await agent.close();
      }
    });
  });

  describe('judges every address of a DNS answer', () => {
    const judge = (host: string, address: string) => {
      const reason = blockedAddressReason(address);
      return reason === undefined ? undefined : new AddressBlockedError(host, address, reason);
    };
    const lookupOf = (addresses: string[], options: { all?: boolean; family?: number } = {}) =>
      new Promise<{ error: Error | null; address: unknown }>((resolve) =>
        guardedLookup(fakeDns({ 'cdn.test': addresses }), judge)('cdn.test', options, (error, address) =>
          resolve({ error, address }),
        ),
      );

    it.each([
      ['a private address', ['10.0.0.5']],
      ['the metadata endpoint', ['169.254.169.254']],
      ['a public and a loopback address (a rebinding or racing answer)', ['93.184.216.34', '127.0.0.1']],
      ['a public IPv4 and a unique-local IPv6 address', ['93.184.216.34', 'fd12::1']],
      ['an IPv4-mapped private address', ['::ffff:192.168.0.1']],
    ])('refuses a name that resolves to %s', async (_case, addresses) => {
      const { error } = await lookupOf(addresses, { all: true });
      expect(error).toBeInstanceOf(AddressBlockedError);
      expect(error?.message).toMatch(/^cdn\.test resolves to /);
    });

    it('answers in the shape net asks for, with the addresses it judged', async () => {
      expect(await lookupOf(['93.184.216.34', '2606:2800::1'], { all: true })).toEqual({
        error: null,
        address: [
          { address: '93.184.216.34', family: 4 },
          { address: '2606:2800::1', family: 6 },
        ],
      });
      expect(await lookupOf(['93.184.216.34', '2606:2800::1'], { family: 6 })).toEqual({
        error: null,
        address: '2606:2800::1',
      });
    });
  });

  describe('TRANSCRIPT_ALLOW_PRIVATE_ADDRESSES=true (tests and development only)', () => {
    const open = createTranscriptFetcher({
      policy: localPolicy({ hosts: '127.0.0.1,transcripts.test', allowPrivateAddresses: true }),
      resolve: fakeDns({ 'transcripts.test': ['127.0.0.1'] }),
    });
    afterAll(async () => open.close());

    it('lets the guard reach the local server, by IP literal and through a DNS answer', async () => {
      for (const url of [server.url('/t.vtt'), `http://transcripts.test:${server.port}/t.vtt`]) {
        const fetched = await open.fetch(url);
        expect(fetched.body.toString()).toBe(vtt);
      }
    });
  });
});
