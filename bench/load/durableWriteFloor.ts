/**
 * The floor a durable store sets under every turn: appending one line to a file and waiting
 * for `fdatasync`, as the file store does for each turn it acknowledges (a turn stores two:
 * the trainee's and the customer's). Measured on the disk under the system's temporary
 * directory, one write at a time, so the figure is the disk's and not a queue's. The echo
 * server pays none of this, which is why a ratio to its p99 says more about the disk than
 * about Sparring.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../stats.ts';

export interface WriteFloor {
  writes: number;
  p50Ms: number;
  p99Ms: number;
}

/** A stored turn's size on disk, about: the text, the customer's state, the score. */
const LINE = `${JSON.stringify({ turn: { text: '陳先生，讓您等了這麼久，真的很抱歉。'.repeat(3), score: 'x'.repeat(300) } })}\n`;

export async function measureDurableWriteFloor(writes = 500): Promise<WriteFloor> {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-fsync-'));
  try {
    const file = await open(join(dir, 'probe.jsonl'), 'a');
    const samples = new Float64Array(writes);
    try {
      for (let i = 0; i < writes; i++) {
        const start = process.hrtime.bigint();
        await file.write(LINE);
        await file.datasync();
        samples[i] = Number(process.hrtime.bigint() - start) / 1e6;
      }
    } finally {
      await file.close();
    }
    samples.sort();
    return { writes, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
