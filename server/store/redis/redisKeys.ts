/**
 * Every Redis key the store uses (redisSessionStore.ts), all under one prefix (default
 * `sparring:`), so that several deployments or test runs can share one Redis database.
 *
 *   user:<id>                          hash of the User's fields, each as text (redisRecords.ts userFields)
 *   revoked-token:<jti>                string, a signed-out token, expiring with it
 *   users:by-name                      hash username -> user id (HSETNX: one owner per name)
 *   session:<id>                       hash of the SessionRecord's fields, each JSON-encoded
 *   session:<id>:turns                 stream, one entry per turn; entry id `0-<index + 1>`, so
 *                                      the stream's length is the next index and a turn is found by id
 *   sessions:by-start                  sorted set of session ids, scored by start time
 *   trainee:<id>:sessions              the same, one trainee's
 *   trainee:<id>:open                  set of that trainee's sessions not yet ended
 *   session:<id>:reviews               list of the session's ReviewEntry JSON, oldest first
 *   review-ids                         set of every review id stored (a repeated send is stored once)
 *   assignment:<id>                    string, the Assignment's JSON
 *   assignments:by-created             sorted set of assignment ids, scored by creation time
 *   trainee:<id>:assignments           the same, those naming that trainee
 *   persona:<id>:<locale>:latest       string, the latest version number saved
 *   persona:<id>:<locale>:versions     hash version -> PersonaVersion JSON
 *   persona-versions                   list of [personaId, locale, version], in the order saved
 *   secret:<name>                      string, set once (SET NX)
 */

export type RedisKeys = ReturnType<typeof keysUnder>;

export function keysUnder(prefix: string) {
  return {
    usersByName: `${prefix}users:by-name`,
    user: (id: string) => `${prefix}user:${id}`,
    revokedToken: (jti: string) => `${prefix}revoked-token:${jti}`,
    session: (id: string) => `${prefix}session:${id}`,
    turns: (id: string) => `${prefix}session:${id}:turns`,
    sessionsByStart: `${prefix}sessions:by-start`,
    traineeSessions: (id: string) => `${prefix}trainee:${id}:sessions`,
    traineeOpen: (id: string) => `${prefix}trainee:${id}:open`,
    reviews: (sessionId: string) => `${prefix}session:${sessionId}:reviews`,
    reviewIds: `${prefix}review-ids`,
    assignment: (id: string) => `${prefix}assignment:${id}`,
    assignmentsByCreation: `${prefix}assignments:by-created`,
    traineeAssignments: (id: string) => `${prefix}trainee:${id}:assignments`,
    personaLatest: (personaId: string, locale: string) => `${prefix}persona:${personaId}:${locale}:latest`,
    personaVersions: (personaId: string, locale: string) => `${prefix}persona:${personaId}:${locale}:versions`,
    personaVersionOrder: `${prefix}persona-versions`,
    secret: (name: string) => `${prefix}secret:${name}`,
  };
}
