// proxy-addr (express's own dependency, which decides req.ip) ships no types: the part used here.
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';

  /** Whether the hop at `index` (0: the socket's peer) at `address` is a proxy to believe. */
  type Trust = (address: string, index: number) => boolean;

  function proxyaddr(req: IncomingMessage, trust: Trust): string;
  namespace proxyaddr {
    /** A trust function for addresses, CIDRs and the names loopback, linklocal, uniquelocal; throws a TypeError naming a bad entry. */
    function compile(val: string | string[]): Trust;
  }
  export = proxyaddr;
}
