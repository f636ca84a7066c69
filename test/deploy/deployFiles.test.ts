/**
 * The deployment files an operator copies stay true: docs/deploy.md shows the nginx site and
 * the systemd unit exactly as shipped in deploy/ (the nginx one is what behindNginx.test.ts
 * runs), the unit starts the server as `npm start` does, and .env.example names every
 * variable the server reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../server/startup/nodeFlags.ts';
import { REPO_ROOT } from '../support/serverProcess.ts';

const read = (...path: string[]): string => readFileSync(join(REPO_ROOT, ...path), 'utf8');

const SHIPPED = [
  ['deploy', 'nginx', 'sparring.conf'],
  ['deploy', 'systemd', 'sparring@.service'],
] as const;

/** Every `.ts` file under server/, as [path, text]. */
function serverSources(dir = 'server'): Array<[string, string]> {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry): Array<[string, string]> => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return serverSources(path);
    return entry.name.endsWith('.ts') ? [[path, read(path)]] : [];
  });
}

/**
 * The environment variables the server reads: the keys of the checked environment in
 * server/config.ts and server/llm/llmConfig.ts, and any `env.NAME` read anywhere in server/.
 */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  for (const [path, text] of serverSources()) {
    if (path === 'server/config.ts' || path === 'server/llm/llmConfig.ts') {
      for (const m of text.matchAll(/^\s+([A-Z][A-Z0-9_]*): /gm)) names.add(m[1]!);
    }
    for (const m of text.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) names.add(m[1]!);
  }
  return names;
}

describe('deployment files', () => {
  it.each(SHIPPED.map((path) => [path.join('/'), path] as const))('docs/deploy.md shows %s in full, as shipped', (_, path) => {
    const doc = read('docs', 'deploy.md');
    expect(doc).toContain(`\n${read(...path).trimEnd()}\n\`\`\``);
  });

  it('the systemd unit runs the server with the flags npm start gives it', () => {
    const unit = read('deploy', 'systemd', 'sparring@.service');
    expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/env PORT=%i /usr/bin/node ${SERVER_NODE_FLAGS.join(' ')} --import tsx server/main\\.ts$`, 'm'));
  });

  it('.env.example names every variable the server reads', () => {
    const example = read('.env.example');
    const listed = new Set([...example.matchAll(/^(?:# )?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));
    const readByServer = variablesRead();
    expect(readByServer.size).toBeGreaterThan(10);
    expect([...readByServer].filter((name) => !listed.has(name))).toEqual([]);
  });
});
