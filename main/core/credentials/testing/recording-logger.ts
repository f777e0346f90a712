import type { CredentialLogger } from '../logger';

/** A logger that keeps every call, to check what would have been written. */
export function recordingLogger(): CredentialLogger & { lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (fields: Record<string, unknown>, event: string): void => {
      lines.push(JSON.stringify({ level, event, ...fields }));
    };
  return { lines, info: record('info'), warn: record('warn'), error: record('error') };
}
