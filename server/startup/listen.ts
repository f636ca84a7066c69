/**
 * Puts the HTTP server on its port, turning the usual failures (port in use, no permission
 * for a low port) into a StartupError that names PORT, instead of an 'error' event that
 * would crash the process with a stack trace.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StartupError, shortReason } from './startupError.ts';

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new StartupError(`PORT=${port}: port ${port} is already in use (EADDRINUSE); stop the other server or choose another PORT`));
      else if (err.code === 'EACCES') reject(new StartupError(`PORT=${port}: no permission to listen on port ${port} (EACCES); choose a port above 1023`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new StartupError(`HOST=${host}: cannot listen on this address (${err.code})`));
      else reject(new StartupError(`PORT=${port}: cannot listen (${shortReason(err)})`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
