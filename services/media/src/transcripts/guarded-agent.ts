import { promises as dns, type LookupAddress } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { blockedAddressReason, isIpLiteral } from './address-policy.js';
import { AddressBlockedError, TranscriptUnavailableError } from './errors.js';

/** Resolves a host name to every address it has (tests inject answers; production asks the system). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

export interface GuardedAgentOptions {
  /** false: connect only to globally reachable unicast addresses (address-policy.ts). */
  allowPrivateAddresses: boolean;
  timeoutMs: number;
  resolve?: Resolve;
}

/**
 * An undici Agent that can only connect where the SSRF guard allows, checked on the addresses actually
 * connected to, after DNS:
 *
 * - a host name is resolved by the agent's own `connect.lookup`, which judges EVERY address the name has and
 *   refuses the name when any one is blocked; the socket then connects to an address from that same answer,
 *   so a second, different DNS answer (DNS rebinding) never gets a say;
 * - an IP literal skips DNS (Node calls no lookup for it), so the connector judges it before connecting;
 * - once connected, the socket's remote address is judged again, a last line should a future Node or undici
 *   connect without the lookup.
 *
 * Every connection of every request goes through this, redirect hops included. The agent never reads proxy
 * settings from the environment: a proxy would connect on our behalf, beyond the guard.
 */
export function createGuardedAgent({
  allowPrivateAddresses,
  timeoutMs,
  resolve = systemResolve,
}: GuardedAgentOptions): Agent {
  const judge = (host: string, address: string) => {
    if (allowPrivateAddresses) return undefined;
    const reason = blockedAddressReason(address);
    return reason === undefined ? undefined : new AddressBlockedError(host, address, reason);
  };
  const connect = buildConnector({ timeout: timeoutMs, lookup: guardedLookup(resolve, judge) });
  return new Agent({
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: (options, callback) => {
      // undici hands IPv6 literals over without their brackets.
      const host = options.hostname;
      const refused = isIpLiteral(host) ? judge(host, host) : undefined;
      if (refused) {
        callback(refused, null);
        return;
      }
      connect(options, (error, socket) => {
        if (error || !socket) {
          callback(error ?? new Error('no socket'), null);
          return;
        }
        const late = connectedAddressRefusal(socket, host, judge);
        if (late) {
          socket.destroy();
          callback(late, null);
          return;
        }
        callback(null, socket);
      });
    },
  });
}

function connectedAddressRefusal(
  socket: Socket,
  host: string,
  judge: (host: string, address: string) => AddressBlockedError | undefined,
): AddressBlockedError | undefined {
  const address = socket.remoteAddress;
  return address === undefined ? undefined : judge(host, address);
}

/**
 * net's `lookup` option: resolves with `resolve`, refuses the host when any of its addresses is blocked, and
 * answers in the shape net asked for (one address, or all of them when it races IPv4 and IPv6).
 */
export function guardedLookup(
  resolve: Resolve,
  judge: (host: string, address: string) => AddressBlockedError | undefined,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (resolved) => {
        for (const { address } of resolved) {
          const refused = judge(hostname, address);
          if (refused) {
            callback(refused, '');
            return;
          }
        }
        const family = ipFamily(options.family);
        const usable = resolved.filter((entry) => family === undefined || entry.family === family);
        const first = usable[0];
        if (!first) {
          callback(
            new TranscriptUnavailableError(
              'INLET_TRANSCRIPT_HOST_UNREACHABLE',
              `${hostname} has no ${family ? `IPv${family} ` : ''}address`,
            ),
            '',
          );
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

/** net passes 4 or 6 (or, in newer Node, 'IPv4'/'IPv6'); 0 and undefined mean either. */
function ipFamily(family: number | string | undefined): 4 | 6 | undefined {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return undefined;
}
