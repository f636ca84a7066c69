/** DATABASE_URL as it may be printed: a password in it never reaches a log or an error line. */

/** The URL with any password replaced by `***`. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}
