/** REDIS_URL as it may be printed: a password in it never reaches a log or an error line. */

/** The URL with any password replaced by `***`. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}
