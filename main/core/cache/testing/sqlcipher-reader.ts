import sqlcipher from '@journeyapps/sqlcipher';

/**
 * Reads one row from a file with @journeyapps/sqlcipher, an independent SQLCipher 4 build, using
 * only a raw key and SQLCipher's default settings: what any SQLCipher 4 tool would do.
 */
export function readWithSqlcipher(
  file: string,
  key: Buffer | null,
  sql: string,
): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(file, sqlcipher.OPEN_READONLY, (openError) => {
      if (openError) return reject(openError);

      db.serialize(() => {
        if (key) db.run(`PRAGMA key = "x'${key.toString('hex')}'"`);
        db.get(sql, (error: Error | null, row: Record<string, unknown> | undefined) => {
          db.close(() => (error ? reject(error) : resolve(row)));
        });
      });
    });
  });
}
