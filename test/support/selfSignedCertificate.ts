/**
 * A TLS certificate of a test's own, made with the openssl command as an operator would make
 * a temporary one: self-signed, for `localhost` and 127.0.0.1, valid for a day. A client
 * trusts it by giving `cert` as its only CA, so TLS is verified, not switched off.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const OPENSSL = process.env.SPARRING_OPENSSL ?? '/usr/bin/openssl';

export const opensslAvailable = (): boolean => existsSync(OPENSSL);

export interface Certificate {
  certPath: string;
  keyPath: string;
  /** The certificate in PEM: what a client trusts. */
  cert: string;
}

/** Writes cert.pem and key.pem into `dir` (which should be the test's own, readable by it alone). */
export async function makeSelfSignedCertificate(dir: string): Promise<Certificate> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  await promisify(execFile)(OPENSSL, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return { certPath, keyPath, cert: await readFile(certPath, 'utf8') };
}
