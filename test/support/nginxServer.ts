/**
 * Debian's nginx, run unprivileged by a test: a main configuration of its own (pid file,
 * error log and temporary folders in the test's directory, in the foreground, one process)
 * that includes the site configuration the test gives. Ready once it answers on `readyUrl`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Exit } from './serverProcess.ts';
import { waitUntil } from './waitUntil.ts';

export const NGINX = process.env.SPARRING_NGINX ?? '/usr/sbin/nginx';

export const nginxAvailable = (): boolean => existsSync(NGINX);

export interface Nginx {
  child: ChildProcess;
  /** What nginx wrote to its error log on standard error. */
  stderr(): string;
  stop(): Promise<Exit>;
}

export interface NginxOptions {
  /** The test's own folder: configuration, pid file and temporary files go there. */
  dir: string;
  /** Configuration for nginx's `http` block: upstreams, maps and servers. */
  site: string;
  /** Resolves once nginx serves (retried until it does); nginx's exit ends the wait. */
  ready: () => Promise<unknown>;
}

/**
 * `master_process off`: a single process, so nothing switches to the `nobody` user and loses
 * access to the test's files when the tests run as root; `daemon off` keeps it our child.
 */
export function mainConfig(dir: string, sitePath: string): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  return [
    'daemon off;',
    'master_process off;',
    `pid ${join(dir, 'nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 256; }',
    'http {',
    // The site's servers name their own access log; requests to any other go nowhere.
    '    access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `    ${temp(name)}`),
    `    include ${sitePath};`,
    '}',
    '',
  ].join('\n');
}

export async function startNginx({ dir, site, ready }: NginxOptions): Promise<Nginx> {
  const sitePath = join(dir, 'site.conf');
  const confPath = join(dir, 'nginx.conf');
  await writeFile(sitePath, site);
  await writeFile(confPath, mainConfig(dir, sitePath));
  // -e: the error log before the configuration is read (Debian's default is a root-owned file).
  const child = spawn(NGINX, ['-c', confPath, '-p', dir, '-e', 'stderr'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<Exit>((done) => child.once('close', (code, signal) => done({ code, signal })));
  const nginx: Nginx = {
    child,
    stderr: () => err,
    stop() {
      // SIGQUIT: a graceful stop, open connections closed.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGQUIT');
      return exited;
    },
  };
  const died = exited.then((exit) => {
    throw new Error(`nginx exited (${JSON.stringify(exit)}):\n${err}`);
  });
  // Only the wait below listens: nginx ending later, on stop(), is no error.
  died.catch(() => {});
  await Promise.race([waitUntil(ready, { timeoutMs: 10_000, everyMs: 50 }), died]).catch(async (cause: unknown) => {
    await nginx.stop();
    throw cause;
  });
  return nginx;
}
