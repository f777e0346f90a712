import { z } from 'zod';

/**
 * Organisation policy. IT sets it per machine (policy files, the Windows policy registry, macOS
 * managed preferences); the server sends its own after log in. Where several speak, the
 * stricter value wins. Every key is optional in a source; the effective policy has them all.
 */

export const NOTIFICATION_CONTENT = ['full', 'sender_and_channel', 'sender_only'] as const;
export type NotificationContent = (typeof NOTIFICATION_CONTENT)[number];

export const UPDATE_MODES = ['off', 'notify', 'automatic'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

/** SPKI SHA-256, base64 (the HPKP pin format). */
export const PinSchema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a base64 SHA-256 SPKI pin');

/** An https origin such as `https://chat.example.com` or `https://chat.example.com:8443`. */
export const OriginSchema = z
  .string()
  .max(300)
  .refine(
    (value) => URL.canParse(value) && new URL(value).origin === value && value.startsWith('https:'),
    'an https origin without a path, such as https://chat.example.com',
  );

/** What a machine or user policy source may say. Unknown keys are an error. */
export const PolicySourceSchema = z.strictObject({
  allowedServers: z.array(OriginSchema).max(100).optional(),
  defaultServer: OriginSchema.optional(),
  /** Paths of PEM files with extra CA certificates to trust on top of the system roots. */
  extraCaFiles: z.array(z.string().min(1).max(1_000)).max(20).optional(),
  /** Origin to the SPKI pins that origin's certificate chain must contain one of. */
  certificatePins: z.record(OriginSchema, z.array(PinSchema).min(1).max(10)).optional(),
  update: z
    .strictObject({
      mode: z.enum(UPDATE_MODES).optional(),
      channel: z.enum(['stable', 'beta']).optional(),
      feedUrl: z
        .url({ protocol: /^https$/ })
        .max(1_000)
        .optional(),
    })
    .optional(),
  notificationContent: z.enum(NOTIFICATION_CONTENT).optional(),
  eraseCacheOnRevocation: z.boolean().optional(),
  allowRememberLogin: z.boolean().optional(),
  allowEditDelete: z.boolean().optional(),
});
export type PolicySource = z.infer<typeof PolicySourceSchema>;

/** What the server may say after log in: the keys that concern its own data. */
export const ServerPolicySchema = PolicySourceSchema.pick({
  notificationContent: true,
  eraseCacheOnRevocation: true,
  allowRememberLogin: true,
  allowEditDelete: true,
});
export type ServerPolicy = z.infer<typeof ServerPolicySchema>;

export type PolicyKey = keyof PolicySource;
export type PolicyOrigin = 'default' | 'machine' | 'user' | 'server' | 'locked';

export interface EffectivePolicy {
  allowedServers: string[] | null;
  defaultServer: string | null;
  extraCaFiles: string[];
  certificatePins: Record<string, string[]>;
  update: { mode: UpdateMode; channel: 'stable' | 'beta'; feedUrl: string | null };
  notificationContent: NotificationContent;
  eraseCacheOnRevocation: boolean;
  allowRememberLogin: boolean;
  allowEditDelete: boolean;
  /** Where each key's value came from. */
  origins: Partial<Record<PolicyKey, PolicyOrigin>>;
  /** Sources that failed to load: the app then runs locked to the strictest settings. */
  problems: PolicyProblem[];
}

export interface PolicyProblem {
  /** A file path, registry key or preference domain. */
  source: string;
  /** The offending key path, or null when the whole source is unreadable. */
  key: string | null;
  message: string;
}

/** What applies where no policy source speaks: secure, but not locked down. */
export const DEFAULT_POLICY: EffectivePolicy = {
  allowedServers: null,
  defaultServer: null,
  extraCaFiles: [],
  certificatePins: {},
  update: { mode: 'notify', channel: 'stable', feedUrl: null },
  notificationContent: 'sender_and_channel',
  eraseCacheOnRevocation: false,
  allowRememberLogin: true,
  allowEditDelete: true,
  origins: {},
  problems: [],
};
