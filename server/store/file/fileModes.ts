/**
 * The permissions of everything the file store creates in DATA_DIR: transcripts, users with
 * their password hashes, reviews and secrets are for the server's own account alone, so
 * files are 0600 and folders 0700. Passed to every create explicitly: the process's umask
 * can only take bits away, so what is created is never more open than this, whatever umask
 * the service manager gives. Files and folders that exist already keep theirs (an operator
 * may have chosen them); secrets.json is reported at open when others can read it.
 */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;
