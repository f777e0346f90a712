/** The slice of the core's pino logger the shell uses: an event name plus ids, never payloads. */
export interface ShellLogger {
  info(fields: Record<string, unknown>, event: string): void;
  warn(fields: Record<string, unknown>, event: string): void;
  error(fields: Record<string, unknown>, event: string): void;
}
