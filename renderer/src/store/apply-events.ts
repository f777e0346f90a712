import type { BridgeEvent, SessionInfo, Snapshot } from '../../../common/bridge';
import type { Channel, Message, User } from '../../../common/protocol';
import { assertNever } from '../../../common/result';
import { accountData, type StoreData } from './initial';
import { mergeMessages } from './messages-list';
import { toFlags, without } from './records';
import { useStore } from './store';
import { withNotice, withOutbox, withoutUnsent } from './unsent-events';

/** How long an "is typing" hint lasts after the last typing event. */
export const TYPING_HINT_MS = 5_000;

/**
 * Folds a batch of bridge events into the store's data. Pure, so a burst of events becomes one
 * `set` and one render. Messages are merged per channel once, at the end of the batch.
 */
export function reduceEvents(
  state: StoreData,
  events: readonly BridgeEvent[],
  now: number,
): StoreData {
  let next = state;
  const incoming = new Map<string, Message[]>();
  const known = new Map<string, Set<string>>();

  const isKnown = (message: Message) => {
    let ids = known.get(message.channelId);
    if (!ids) {
      ids = new Set((next.messages[message.channelId] ?? []).map((held) => held.id));
      known.set(message.channelId, ids);
    }
    const seen = ids.has(message.id);
    ids.add(message.id);
    return seen;
  };

  const flush = () => {
    if (incoming.size === 0) return;

    const messages = { ...next.messages };
    for (const [channelId, batch] of incoming) {
      messages[channelId] = mergeMessages(messages[channelId] ?? [], batch);
    }
    next = { ...next, messages };
    incoming.clear();
  };

  for (const event of events) {
    switch (event.type) {
      case 'connection':
        next = { ...next, connection: event.state };
        break;

      case 'session':
        flush();
        known.clear();
        next = withSession(next, event.session, event.reason);
        break;

      case 'ready':
        next = withDirectory(next, event.channels, event.users, event.online);
        break;

      case 'channel':
        next = withChannel(next, event.channel);
        break;

      case 'message': {
        const message = event.message;
        if (!isKnown(message) && isFreshFromOthers(next, message)) {
          next = { ...next, unread: bump(next.unread, message.channelId) };
        }

        next = {
          ...withoutUnsent(next, message.clientId),
          typing: withoutTyping(next.typing, message.channelId, message.authorId),
        };
        incoming.set(message.channelId, [...(incoming.get(message.channelId) ?? []), message]);
        break;
      }

      case 'typing':
        if (event.userId === next.session?.user.id) break;

        next = {
          ...next,
          typing: {
            ...next.typing,
            [event.channelId]: {
              ...next.typing[event.channelId],
              [event.userId]: now + TYPING_HINT_MS,
            },
          },
        };
        break;

      case 'presence':
        next = { ...next, online: { ...next.online, [event.userId]: event.online } };
        break;
      case 'outbox':
        flush();
        next = withOutbox(next, event.entries);
        break;
      case 'policy':
        next = { ...next, policy: event.policy };
        break;
      case 'update':
        next = { ...next, update: event.update };
        break;
      case 'focusMessage':
        // Loading and scrolling to the message is app/reveal.ts's job (see app/start.ts).
        next = withOpenChannel(next, event.channelId);
        break;
      case 'notice':
        next = withNotice(next, event.level, event.text);
        break;

      default:
        assertNever(event);
    }
  }

  flush();
  return next;
}

/** The snapshot taken at start-up: the base that later events build on. */
export function reduceSnapshot(state: StoreData, snapshot: Snapshot): StoreData {
  let next = withSession(
    state,
    snapshot.session,
    snapshot.sessionEndReason ?? state.sessionEndReason,
  );
  next = withDirectory(next, snapshot.channels, snapshot.users, snapshot.online);

  // The fallbacks cover a main process older than this contract.
  next = withOutbox(next, snapshot.outbox ?? []);

  return {
    ...next,
    booted: true,
    connection: snapshot.connection,
    defaultServerUrl: snapshot.defaultServerUrl ?? state.defaultServerUrl,
    policy: snapshot.policy ?? next.policy,
    update: snapshot.update ?? next.update,
    notificationModes: snapshot.notificationModes ?? {},
  };
}

export function applyEvents(events: readonly BridgeEvent[]): void {
  useStore.setState((state) => reduceEvents(state, events, Date.now()));
}

export function applySnapshot(snapshot: Snapshot): void {
  useStore.setState((state) => reduceSnapshot(state, snapshot));
}

function withSession(
  state: StoreData,
  session: SessionInfo | null,
  reason: string | null,
): StoreData {
  if (!session) {
    return {
      ...state,
      ...accountData(),
      session: null,
      sessionEndReason: reason,
      defaultServerUrl: state.session?.serverUrl ?? state.defaultServerUrl,
    };
  }

  const sameAccount =
    state.session?.user.id === session.user.id && state.session.serverUrl === session.serverUrl;
  const base = sameAccount ? state : { ...state, ...accountData() };

  return { ...base, session, sessionEndReason: null, loginPending: false, loginError: null };
}

function withDirectory(
  state: StoreData,
  channels: Channel[],
  users: User[],
  online: string[],
): StoreData {
  const stillThere = channels.some((channel) => channel.id === state.currentChannelId);

  return {
    ...state,
    channels,
    users: Object.fromEntries(users.map((user) => [user.id, user])),
    online: toFlags(online),
    currentChannelId: stillThere ? state.currentChannelId : (channels[0]?.id ?? null),
  };
}

function withChannel(state: StoreData, channel: Channel): StoreData {
  const index = state.channels.findIndex((held) => held.id === channel.id);
  const channels =
    index === -1
      ? [...state.channels, channel]
      : state.channels.map((held) => (held.id === channel.id ? channel : held));

  return { ...state, channels, currentChannelId: state.currentChannelId ?? channel.id };
}

function withOpenChannel(state: StoreData, channelId: string): StoreData {
  if (!state.channels.some((channel) => channel.id === channelId)) return state;

  return {
    ...state,
    currentChannelId: channelId,
    unread: { ...state.unread, [channelId]: 0 },
    editingMessageId: null,
    deletingMessageId: null,
  };
}

/** A message someone else just posted in a channel the user is not looking at. */
function isFreshFromOthers(state: StoreData, message: Message): boolean {
  return (
    message.rev === message.seq &&
    !message.deleted &&
    message.authorId !== state.session?.user.id &&
    message.channelId !== state.currentChannelId
  );
}

function bump(unread: Record<string, number>, channelId: string): Record<string, number> {
  return { ...unread, [channelId]: (unread[channelId] ?? 0) + 1 };
}

function withoutTyping(
  typing: StoreData['typing'],
  channelId: string,
  userId: string,
): StoreData['typing'] {
  const inChannel = typing[channelId];
  if (!inChannel || !(userId in inChannel)) return typing;

  return { ...typing, [channelId]: without(inChannel, userId) };
}
