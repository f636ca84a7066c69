/**
 * The persona's name as it was in the version a session was played with, so a replay and an
 * export read as the conversation did; today's name when that version is not known in this
 * process. Apart from sessionView.ts, which the web client's type-check reads and which must
 * not reach the persona catalogue's file reading.
 */
import type { PersonaCatalog } from '../personas/personaCatalog.ts';
import type { SessionRecord } from '../domain/records.ts';
import { personaName } from './sessionView.ts';

export function playedPersonaName(personas: PersonaCatalog, session: Pick<SessionRecord, 'personaId' | 'locale' | 'personaVersion'>): string {
  return personas.findVersion(session.personaId, session.locale, session.personaVersion)?.name ?? personaName(personas, session.personaId, session.locale);
}
