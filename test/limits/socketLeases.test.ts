/**
 * Connections per user, in memory, with a clock the test turns: places taken up to the
 * limit, given back on release, held without a limit for a recovered connection, and a
 * place whose lease was not renewed (a connection that never opened, a crashed process)
 * coming free by itself while renewed ones stay.
 */
import { describe, expect, it } from 'vitest';
import { LEASE_MS, memorySocketLeases } from '../../server/limits/socketLeases.ts';

function leases() {
  let t = 1_000_000;
  return { leases: memorySocketLeases(() => t), advance: (ms: number) => (t += ms) };
}

describe('memorySocketLeases', () => {
  it('takes places up to the limit, per user, and gives one back on release', async () => {
    const { leases: l } = leases();
    expect(await l.take('ann', 's1', 2)).toBe(true);
    expect(await l.take('ann', 's2', 2)).toBe(true);
    expect(await l.take('ann', 's3', 2)).toBe(false);
    expect(await l.take('bo', 's4', 2)).toBe(true);
    await l.release('ann', 's1');
    expect(await l.take('ann', 's3', 2)).toBe(true);
  });

  it('holds a place for a recovered connection whatever the count', async () => {
    const { leases: l } = leases();
    await l.take('ann', 's1', 1);
    await l.hold('ann', 's2');
    expect(await l.take('ann', 's3', 2)).toBe(false);
  });

  it('frees a place whose lease ran out, and keeps the renewed ones', async () => {
    const { leases: l, advance } = leases();
    await l.take('ann', 'open', 2);
    await l.take('ann', 'gone', 2);
    advance(LEASE_MS - 1);
    await l.renew([{ userId: 'ann', socketId: 'open' }]);
    expect(await l.take('ann', 'new', 2)).toBe(false);
    advance(1);
    expect(await l.take('ann', 'new', 2)).toBe(true);
    expect(await l.take('ann', 'more', 2)).toBe(false);
  });
});
