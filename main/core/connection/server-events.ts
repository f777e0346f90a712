import type { z } from 'zod';

import {
  ChannelSchema,
  MessageSchema,
  PresenceEventSchema,
  ReadyEventSchema,
  ServerEvents,
  SessionRevokedEventSchema,
  TypingEventSchema,
} from '../../../common/protocol';

/**
 * The schema of every server-to-client event. A payload that does not parse is dropped.
 * CONTRACT: common/protocol.ts names these events but not their payloads; message events are
 * taken to carry a bare Message and `channel:joined` a bare Channel.
 */
export const SERVER_EVENT_SCHEMAS = {
  [ServerEvents.ready]: ReadyEventSchema,
  [ServerEvents.messageNew]: MessageSchema,
  [ServerEvents.messageEdited]: MessageSchema,
  [ServerEvents.messageDeleted]: MessageSchema,
  [ServerEvents.channelJoined]: ChannelSchema,
  [ServerEvents.typing]: TypingEventSchema,
  [ServerEvents.presence]: PresenceEventSchema,
  [ServerEvents.sessionRevoked]: SessionRevokedEventSchema,
} as const;

type Schemas = typeof SERVER_EVENT_SCHEMAS;
export type ServerEventName = keyof Schemas;

/** A parsed server event: `{ name, data }`, discriminated by name. */
export type ServerEvent = {
  [K in ServerEventName]: { name: K; data: z.output<Schemas[K]> };
}[ServerEventName];

export const SERVER_EVENT_NAMES = Object.keys(SERVER_EVENT_SCHEMAS) as ServerEventName[];

export function parseServerEvent(name: ServerEventName, payload: unknown): ServerEvent | null {
  const parsed = SERVER_EVENT_SCHEMAS[name].safeParse(payload);
  return parsed.success ? ({ name, data: parsed.data } as ServerEvent) : null;
}
