/**
 * The check every HTTP test applies to an answer (httpTestServer.ts `expectShape`): an answer
 * that drifts from its schema fails, whether a field is missing, of the wrong type, or one
 * the schema does not name (a password hash next to a user, say).
 */
import { describe, expect, it } from 'vitest';
import { PublicUser, SessionListItem } from '../../server/domain/apiAnswers.ts';
import { expectShape } from './httpTestServer.ts';

const user = { id: 'u1', username: 'tina', role: 'trainee', createdAt: '2026-12-07T10:00:00.000Z', disabled: false };

describe('expectShape', () => {
  it('passes an answer that is its schema, and gives it back', () => {
    expect(expectShape(PublicUser, user)).toEqual(user);
  });

  it('fails an answer with a field its schema does not name', () => {
    expect(() => expectShape(PublicUser, { ...user, passwordHash: 'scrypt$…' })).toThrow(/fields its schema does not name/);
  });

  it('fails an answer missing a field, naming it', () => {
    const { createdAt: _dropped, ...withoutTime } = user;
    expect(() => expectShape(PublicUser, withoutTime)).toThrow(/createdAt/);
  });

  it('fails a field of the wrong type, naming it, however deep', () => {
    const line = {
      id: 's1',
      traineeId: 'u1',
      personaId: 'double-charge',
      startedAt: '2026-12-07T10:00:00.000Z',
      endedAt: null,
      outcome: null,
      overall: null,
      personaVersion: 1,
      locale: 'en',
      scenario: 'complaint',
      criteria: null,
      assignmentId: null,
      tryout: false,
      traineeName: 'tina',
      personaName: 'Ms Santos',
    };
    expect(expectShape(SessionListItem, line)).toEqual(line);
    expect(() => expectShape(SessionListItem, { ...line, criteria: { empathy: '80' } })).toThrow(/criteria\.empathy/);
    expect(() => expectShape(SessionListItem, { ...line, outcome: 'won' })).toThrow(/outcome/);
  });
});
