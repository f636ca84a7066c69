/**
 * The bounded set of kept-open append handles (server/store/file/handlePool.ts): the least
 * recently used idle handle is closed past the limit, one in use never is, and a file is
 * opened again when next needed, its length read afresh.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HandlePool } from '../../../server/store/file/handlePool.ts';

let dir = '';
let pool: HandlePool | null = null;
afterEach(async () => {
  await pool?.closeAll();
  await rm(dir, { recursive: true, force: true });
});

async function withPool(limit: number): Promise<HandlePool> {
  dir = await mkdtemp(join(tmpdir(), 'sparring-pool-'));
  return (pool = new HandlePool(limit));
}

const append = (p: HandlePool, path: string, text: string) =>
  p.use(path, async (h) => {
    await h.handle.write(text);
    h.size += Buffer.byteLength(text);
    return h.size;
  });

describe('HandlePool', () => {
  it('reads the length of a file at open, and appends to it', async () => {
    const p = await withPool(4);
    const path = join(dir, 'a.jsonl');
    await writeFile(path, 'one\n');
    expect(await append(p, path, 'two\n')).toBe(8);
    expect(await readFile(path, 'utf8')).toBe('one\ntwo\n');
  });

  it('closes the least recently used handle past its limit, and opens it again when needed', async () => {
    const p = await withPool(2);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => join(dir, `${n}.jsonl`));
    await append(p, a!, 'a1\n');
    await append(p, b!, 'b1\n');
    await append(p, a!, 'a2\n');
    await append(p, c!, 'c1\n');
    expect(p.size).toBe(2);
    // b was the least recently used: closed, reopened with its length read again.
    expect(await append(p, b!, 'b2\n')).toBe(6);
    expect(p.size).toBe(2);
    expect(await readFile(b!, 'utf8')).toBe('b1\nb2\n');
  });

  it('never closes a handle in use', async () => {
    const p = await withPool(1);
    const [a, b] = [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')];
    let release!: () => void;
    let inUse!: () => void;
    const using = new Promise<void>((done) => (inUse = done));
    const held = p.use(a, async (h) => {
      inUse();
      await new Promise<void>((done) => (release = done));
      await h.handle.write('still open\n');
    });
    await using;
    await append(p, b, 'b\n');
    release();
    await held;
    expect(await readFile(a, 'utf8')).toBe('still open\n');
  });

  it('releases one file, and closes all', async () => {
    const p = await withPool(4);
    const [a, b] = [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')];
    await append(p, a, 'a\n');
    await append(p, b, 'b\n');
    await p.release(a);
    expect(p.size).toBe(1);
    await p.closeAll();
    expect(p.size).toBe(0);
  });
});
