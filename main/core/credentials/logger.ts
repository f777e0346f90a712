/**
 * The slice of a pino logger this module uses: `(fields, event)`. Fields carry event ids only
 * (origin, account hash, reason), never a token or a key.
 */
export interface CredentialLogger {
  info(fields: Record<string, unknown>, event: string): void;
  warn(fields: Record<string, unknown>, event: string): void;
  error(fields: Record<string, unknown>, event: string): void;
}

const ignore = (): void => undefined;

export const silentCredentialLogger: CredentialLogger = {
  info: ignore,
  warn: ignore,
  error: ignore,
};
