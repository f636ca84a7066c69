// Content pieces (server/scoring/detectors/echo.ts): what a restatement in other words still
// shares with the customer's turn.
import { describe, it, expect } from 'vitest';
import { contentPieces } from '../../../server/scoring/detectors/echo.ts';

const none = new Set<string>();

describe('contentPieces', () => {
  it('joins the forms of an English word the customer and the trainee use', () => {
    expect(contentPieces('application cancelled', none)).toEqual(contentPieces('applications cancel', none));
    expect(contentPieces('i lost my job', none)).toContain(contentPieces('losing', none)[0]);
  });

  it('gives Chinese as pairs of content characters, never through a grammar character', () => {
    expect(contentPieces('当着别人的面被吼', none)).toEqual(['别人']);
    expect(contentPieces('钱到现在还没到账', none)).toEqual(['钱到', '到现', '没到', '到账']);
    expect(contentPieces('没逾期', none)).toEqual(['没逾', '逾期']);
  });

  it('reads Latin words inside Chinese, and leaves out stopwords', () => {
    expect(contentPieces('没逾期却收了 penalty', new Set(['逾期']))).toEqual(['没逾', 'penalty']);
  });
});
