/**
 * The nginx site configuration that docs/deploy.md shows (deploy/nginx/sparring.conf), made
 * to run in a test: the lines marked with a comment get the test's ports, certificate and log
 * path, and nothing else changes. A marked line that is missing or doubled fails loudly, so
 * the file cannot drift away from what the test proves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/serverProcess.ts';

export const SITE_FILE = join(REPO_ROOT, 'deploy', 'nginx', 'sparring.conf');

export interface SiteForTest {
  /** The server processes' ports, in the order of the upstream's lines. */
  upstreamPorts: readonly number[];
  httpsPort: number;
  httpPort: number;
  certPath: string;
  keyPath: string;
  accessLog: string;
}

/** Each marker, how many lines carry it, and what its line becomes (given its n-th occurrence). */
function rewrites(t: SiteForTest): Record<string, { count: number; line: (line: string, n: number) => string }> {
  return {
    upstream: { count: t.upstreamPorts.length, line: (l, n) => l.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${t.upstreamPorts[n]}`) },
    http: { count: 1, line: (l) => l.replace(/listen \d+;/, `listen 127.0.0.1:${t.httpPort};`) },
    https: { count: 1, line: (l) => l.replace(/listen \d+ ssl;/, `listen 127.0.0.1:${t.httpsPort} ssl;`) },
    certificate: { count: 1, line: (l) => l.replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${t.certPath};`) },
    key: { count: 1, line: (l) => l.replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${t.keyPath};`) },
    'access log': { count: 1, line: (l) => l.replace(/access_log\s+\S+/, `access_log ${t.accessLog}`) },
  };
}

export function siteForTest(t: SiteForTest, site = readFileSync(SITE_FILE, 'utf8')): string {
  const seen = new Map<string, number>();
  const rules = rewrites(t);
  const lines = site.split('\n').map((line) => {
    const marker = /;\s+# ([a-z ]+)$/.exec(line)?.[1];
    const rule = marker === undefined ? undefined : rules[marker];
    if (!rule || marker === undefined) return line;
    const n = seen.get(marker) ?? 0;
    seen.set(marker, n + 1);
    const changed = rule.line(line, n);
    if (changed === line) throw new Error(`${SITE_FILE}: the line marked "# ${marker}" is not of the expected form: ${line.trim()}`);
    return changed;
  });
  for (const [marker, rule] of Object.entries(rules)) {
    if ((seen.get(marker) ?? 0) !== rule.count) throw new Error(`${SITE_FILE}: expected ${rule.count} line(s) marked "# ${marker}", found ${seen.get(marker) ?? 0}`);
  }
  return lines.join('\n');
}
