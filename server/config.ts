import { readFile } from 'node:fs/promises';

import { z } from 'zod';

import { LIMITS } from '../common/limits';
import { ServerPolicySchema } from '../common/policy';
import { ServerInfoSchema } from '../common/protocol';

/**
 * The server's configuration: a JSON file (`--config FILE`) or `startServer({ config })`.
 * Every key is optional; the defaults are in server/README.md. Unknown keys are an error, so a
 * typo never silently leaves a security setting at its default.
 */
const minutes = (fallback: number) => z.number().int().min(1).max(525_600).default(fallback);

export const PasswordPolicySchema = z.strictObject({
  minLength: z.number().int().min(1).max(LIMITS.passwordChars).default(12),
  requireLower: z.boolean().default(false),
  requireUpper: z.boolean().default(false),
  requireDigit: z.boolean().default(false),
  requireSymbol: z.boolean().default(false),
});
export type PasswordPolicy = z.output<typeof PasswordPolicySchema>;

export const MFA_MODES = ['off', 'optional', 'required'] as const;
export type MfaMode = (typeof MFA_MODES)[number];

export const ServerConfigSchema = z.strictObject({
  /** Shown to clients in GET /api/info and in authenticator apps. */
  name: z.string().trim().min(1).max(200).default('Parley'),
  /** Absolute session lifetime from log in. */
  sessionTtlMinutes: minutes(12 * 60),
  /** A session unused for this long ends. */
  idleTimeoutMinutes: minutes(30),
  /** off: never asked; optional: asked of enrolled users; required: everyone must be enrolled. */
  mfa: z.enum(MFA_MODES).default('optional'),
  passwordPolicy: PasswordPolicySchema.prefault({}),
  lockout: z
    .strictObject({
      maxFailures: z.number().int().min(1).max(1_000).default(5),
      minutes: minutes(15),
    })
    .prefault({}),
  /** Per client address, as token buckets that refill evenly over the minute. */
  rateLimit: z
    .strictObject({
      loginsPerMinute: z.number().int().min(1).max(100_000).default(10),
      connectsPerMinute: z.number().int().min(1).max(100_000).default(30),
    })
    .prefault({}),
  forgotPasswordUrl: ServerInfoSchema.shape.forgotPasswordUrl,
  /** Sent to clients after log in (GET /api/policy and the socket's `ready`). */
  policy: ServerPolicySchema.prefault({}),
});
export type ServerConfig = z.output<typeof ServerConfigSchema>;
export type ServerConfigInput = z.input<typeof ServerConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates a configuration, naming the first offending key. */
export function parseConfig(input: unknown, source = 'server configuration'): ServerConfig {
  const result = ServerConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;

  const issues = result.error.issues.slice(0, 5).map((issue) => {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${key}: ${issue.message}`;
  });
  throw new ConfigError(`${source} is invalid: ${issues.join('; ')}`);
}

export async function loadConfigFile(file: string): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`${file} is not valid JSON`);
  }
  return parseConfig(json, file);
}
