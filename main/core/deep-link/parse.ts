import { z } from 'zod';

import { IdSchema } from '../../../common/protocol';
import { OriginSchema } from '../../../common/policy';

/**
 * `parley://` links reach us from any program on the machine and from any web page, so they are
 * untrusted input: parsed strictly, every part checked, anything unexpected refused.
 */
export const DEEP_LINK_SCHEME = 'parley';
export const MAX_DEEP_LINK_CHARS = 2_048;

export type DeepLink =
  /** Open the app, and the message when channel and message are given, on this server. */
  | { kind: 'open'; server: string; channelId: string | null; messageId: string | null }
  /** The end of a browser-based single sign-on. Parsed and checked; not acted on yet. */
  | { kind: 'sso-callback'; state: string; code: string };

/** Why a link was refused: a fixed phrase, never a value taken from the link. */
export type DeepLinkRefusal =
  | 'not_a_string'
  | 'too_long'
  | 'not_a_url'
  | 'wrong_scheme'
  | 'has_credentials'
  | 'has_port'
  | 'has_fragment'
  | 'unknown_route'
  | 'repeated_parameter'
  | 'invalid_parameters';

export type DeepLinkResult = { ok: true; link: DeepLink } | { ok: false; reason: DeepLinkRefusal };

const OpenParamsSchema = z
  .strictObject({
    server: OriginSchema,
    channel: IdSchema.optional(),
    message: IdSchema.optional(),
  })
  .refine((params) => (params.channel === undefined) === (params.message === undefined), {
    message: 'channel and message come together',
  });

/** OAuth-style opaque values: URL-safe characters only, bounded. */
const OpaqueValueSchema = z
  .string()
  .min(8)
  .max(512)
  .regex(/^[A-Za-z0-9._~-]+$/);

const SsoParamsSchema = z.strictObject({ state: OpaqueValueSchema, code: OpaqueValueSchema });

/** Query parameters as a plain record; null when a name appears twice (which one would win?). */
function queryRecord(url: URL): Record<string, string> | null {
  const record: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of url.searchParams) {
    if (Object.hasOwn(record, name)) return null;
    record[name] = value;
  }
  return record;
}

/** The route is host plus path: `open`, or `sso/callback`. A trailing slash is tolerated. */
function routeOf(url: URL): string {
  return `${url.hostname}${url.pathname}`.replace(/\/$/, '');
}

export function parseDeepLink(input: unknown): DeepLinkResult {
  const refuse = (reason: DeepLinkRefusal): DeepLinkResult => ({ ok: false, reason });

  if (typeof input !== 'string') return refuse('not_a_string');
  if (input.length > MAX_DEEP_LINK_CHARS) return refuse('too_long');
  if (!URL.canParse(input)) return refuse('not_a_url');

  const url = new URL(input);
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return refuse('wrong_scheme');
  if (url.username !== '' || url.password !== '') return refuse('has_credentials');
  if (url.port !== '') return refuse('has_port');
  if (url.hash !== '' || input.includes('#')) return refuse('has_fragment');

  const params = queryRecord(url);
  if (!params) return refuse('repeated_parameter');

  switch (routeOf(url)) {
    case 'open': {
      const parsed = OpenParamsSchema.safeParse(params);
      if (!parsed.success) return refuse('invalid_parameters');

      const { server, channel, message } = parsed.data;
      return {
        ok: true,
        link: { kind: 'open', server, channelId: channel ?? null, messageId: message ?? null },
      };
    }
    case 'sso/callback': {
      const parsed = SsoParamsSchema.safeParse(params);
      if (!parsed.success) return refuse('invalid_parameters');

      return { ok: true, link: { kind: 'sso-callback', ...parsed.data } };
    }
    default:
      return refuse('unknown_route');
  }
}

/**
 * Picks the deep link out of a command line (Windows and Linux hand a second instance its argv).
 * Only an argument that is itself a `parley:` URL counts; everything else is ignored.
 */
export function findDeepLinkArgument(argv: readonly string[]): string | null {
  const prefix = `${DEEP_LINK_SCHEME}:`;
  return argv.find((arg) => arg.slice(0, prefix.length).toLowerCase() === prefix) ?? null;
}
