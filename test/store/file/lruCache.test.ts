/**
 * The cache of recently read ended sessions (server/store/file/lruCache.ts): past its limit
 * it forgets the entry least recently set or read.
 */
import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../server/store/file/lruCache.ts';

describe('LruCache', () => {
  it('forgets the least recently used entry past its limit, a read counting as a use', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([1, 3, 2]);
  });

  it('replaces an entry set again without counting it twice, and deletes on request', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    cache.set('b', 3);
    expect([cache.get('a'), cache.size]).toEqual([2, 2]);
    cache.delete('a');
    expect([cache.get('a'), cache.size]).toEqual([undefined, 1]);
  });
});
