/**
 * TRUST_PROXY: what the setting accepts (and refuses, naming the variable), and which address
 * a request gets under it: the socket's peer unless the peer is a trusted proxy, so a client
 * that sends X-Forwarded-For itself cannot pick its address.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config.ts';
import { clientAddress, trustFunction, type TrustProxySetting } from '../../server/limits/trustProxy.ts';

const trustProxy = (value?: string) => {
  const read = readConfig(value === undefined ? {} : { TRUST_PROXY: value });
  return read.ok ? read.config.trustProxy : read.message;
};

/** A request as the HTTP server or the socket handshake sees it: the peer's address and the headers. */
const request = (peer: string, forwardedFor?: string): IncomingMessage =>
  ({ socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }) as unknown as IncomingMessage;

const addressOf = (setting: TrustProxySetting, peer: string, forwardedFor?: string) => clientAddress(request(peer, forwardedFor), trustFunction(setting));

describe('TRUST_PROXY', () => {
  it('is off unless set', () => {
    expect(trustProxy()).toBe(false);
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('0')).toBe(false);
  });

  it('takes a hop count or a list of addresses, CIDRs and names', () => {
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('loopback')).toEqual(['loopback']);
    expect(trustProxy('127.0.0.1, 10.0.0.0/8,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
  });

  it('refuses true and anything that is not an address, naming the variable', () => {
    expect(trustProxy('true')).toMatch(/^configuration: TRUST_PROXY="true": true would believe any client/);
    expect(trustProxy('nginx.local')).toMatch(/^configuration: TRUST_PROXY="nginx.local": invalid IP address: nginx.local/);
    expect(trustProxy('10.0.0.0/99')).toMatch(/^configuration: TRUST_PROXY="10.0.0.0\/99": invalid range on address/);
  });
});

describe('the client address', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(addressOf(false, '127.0.0.1', '203.0.113.5')).toBe('127.0.0.1');
  });

  it('takes the forwarded address from a trusted proxy, and only from one', () => {
    expect(addressOf(['loopback'], '127.0.0.1', '203.0.113.5')).toBe('203.0.113.5');
    expect(addressOf(['loopback'], '198.51.100.9', '203.0.113.5')).toBe('198.51.100.9');
    // A client that prepends an address of its choosing gets the one the proxy saw.
    expect(addressOf(['loopback'], '127.0.0.1', '10.9.9.9, 203.0.113.5')).toBe('203.0.113.5');
  });

  it('with a hop count, believes that many proxies', () => {
    expect(addressOf(1, '10.0.0.2', '10.9.9.9, 203.0.113.5')).toBe('203.0.113.5');
    expect(addressOf(2, '10.0.0.2', '10.9.9.9, 203.0.113.5')).toBe('10.9.9.9');
  });
});
