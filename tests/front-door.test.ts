// The client's address that rate limits count: the socket's, unless trusted proxies say
// otherwise; never what a client writes into X-Forwarded-For by itself.
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../lib/server/front-door.ts';

describe('the client address', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(undefined, '198.51.100.4', 0)).toBe('198.51.100.4');
    expect(clientAddress('203.0.113.7', '198.51.100.4', 0)).toBe('198.51.100.4');
    expect(clientAddress('127.0.0.1, 203.0.113.8', '198.51.100.4', 0)).toBe('198.51.100.4');
    expect(clientAddress('x'.repeat(7_000), '::ffff:198.51.100.4', 0)).toBe('198.51.100.4');
  });

  it('is the entry the trusted proxies vouch for, counting from the right', () => {
    // client → proxy (appends the client) → app (sees the proxy's socket)
    expect(clientAddress('203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7');
    // a forged entry the client sent first stays on the left
    expect(clientAddress('6.6.6.6, 203.0.113.7', '10.0.0.2', 1)).toBe('203.0.113.7');
    expect(clientAddress('6.6.6.6, 203.0.113.7, 10.0.0.1', '10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientAddress('2001:db8::1', '10.0.0.2', 1)).toBe('2001:db8::1');
  });

  it('is an IP address or the socket, never free text or a huge key', () => {
    expect(clientAddress('not-an-address', '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientAddress(`${'1'.repeat(7_000)}`, '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientAddress('203.0.113.7\u0000', '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientAddress(undefined, undefined, 0)).toBe('unknown');
  });
});
