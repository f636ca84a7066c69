/** The SQLite file in DATA_DIR: named here alone, so the start's messages need not load the driver. */
export const SQLITE_FILE = 'sparring.db';
