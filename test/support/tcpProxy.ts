/**
 * A one-address front for several server processes, as a load balancer would be: every new
 * TCP connection goes to the current backend, and `retarget` sends the next ones elsewhere.
 * A socket.io client behind it reconnects to the same URL and lands on whichever process is
 * current, which is what connection state recovery across processes is for.
 */
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  url: string;
  retarget(url: string): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  let port = Number(new URL(target).port);
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const backend = createConnection({ host: '127.0.0.1', port });
    for (const s of [client, backend]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      // A backend that dies takes its clients' connections with it, and no more.
      s.on('error', () => {
        client.destroy();
        backend.destroy();
      });
    }
    client.pipe(backend).pipe(client);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    retarget(url) {
      port = Number(new URL(url).port);
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
