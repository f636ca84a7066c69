/**
 * Who the client is, behind a proxy or not: `TRUST_PROXY` says which hops may name the
 * client in X-Forwarded-For, with the values express's `trust proxy` takes (false, a hop
 * count, or addresses, CIDRs and the names `loopback`, `linklocal`, `uniquelocal`). One
 * trust function serves express (`req.ip`) and the socket handshake, so a login and a
 * socket from one client get one address.
 *
 * Without it the header is ignored: anyone can send X-Forwarded-For, and believing it
 * would let a guesser pick a fresh address for every attempt. `true` (believe every hop)
 * is refused for the same reason.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/** false: the socket's peer is the client; a number: that many proxies in front; a list: the proxies' addresses. */
export type TrustProxySetting = false | number | string[];

export type TrustFunction = (address: string, hop: number) => boolean;

export const TrustProxy = z
  .string()
  .optional()
  .transform((raw, ctx): TrustProxySetting => {
    const value = raw?.trim() ?? '';
    if (value === '' || value === 'false' || value === '0') return false;
    if (value === 'true') {
      ctx.addIssue({ code: 'custom', message: 'true would believe any client that sends X-Forwarded-For: give the number of proxies or their addresses' });
      return z.NEVER;
    }
    if (/^\d+$/.test(value)) return Number(value);
    const list = value.split(',').map((entry) => entry.trim());
    try {
      proxyaddr.compile(list);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `${err instanceof Error ? err.message : String(err)}: give a number of proxies, or addresses and CIDRs separated by commas` });
      return z.NEVER;
    }
    return list;
  });

/** The same rule express builds from its `trust proxy` setting, as one function for both sides. */
export function trustFunction(setting: TrustProxySetting): TrustFunction {
  if (setting === false) return () => false;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  return proxyaddr.compile(setting);
}

/** The client's address for a request (an HTTP request or a socket's handshake request). */
export function clientAddress(req: IncomingMessage, trust: TrustFunction): string {
  return proxyaddr(req, trust) || 'unknown address';
}
