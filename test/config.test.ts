/**
 * The operator's settings for logs and metrics, as the server reads them at start: a bad
 * value is named, and a secret's value is never printed back.
 */
import { describe, expect, it } from 'vitest';
import { readConfig } from '../server/config.ts';

describe('LOG_LEVEL and METRICS_TOKEN', () => {
  it('default to info and no metrics', () => {
    const read = readConfig({});
    expect(read.ok && { logLevel: read.config.logLevel, metricsToken: read.config.metricsToken }).toEqual({ logLevel: 'info', metricsToken: undefined });
  });

  it('take a level by name and a long token', () => {
    const token = 'a'.repeat(24);
    const read = readConfig({ LOG_LEVEL: 'debug', METRICS_TOKEN: token });
    expect(read.ok && [read.config.logLevel, read.config.metricsToken]).toEqual(['debug', token]);
  });

  it('name a level that does not exist', () => {
    const read = readConfig({ LOG_LEVEL: 'verbose' });
    expect(read.ok ? null : read.message).toMatch(/^configuration: LOG_LEVEL="verbose": /);
  });

  it('name a token that is too short or has a space, without printing it', () => {
    for (const token of ['short-secret', 'a token with spaces in it, long enough']) {
      const read = readConfig({ METRICS_TOKEN: token });
      expect(read.ok).toBe(false);
      expect(read.ok ? null : read.message).toMatch(/^configuration: METRICS_TOKEN: must be 24 to 256 /);
      expect(read.ok ? null : read.message).not.toContain(token);
    }
  });

  it('never prints a bad admin password either', () => {
    const read = readConfig({ SPARRING_ADMIN_PASSWORD: 'shorty' });
    expect(read.ok ? null : read.message).toMatch(/^configuration: SPARRING_ADMIN_PASSWORD: /);
    expect(read.ok ? null : read.message).not.toContain('shorty');
  });
});
