import type { BridgeEvent } from '../../../common/bridge';
import { assertNever } from '../../../common/result';
import type { CacheApi } from '../cache';
import type { ConnectionCallbacks } from '../connection/connection';
import type { Logger } from '../log/logger';
import type { CursorStore } from '../sync/cursor-store';
import type { SessionView } from './view';

type LiveEvent = Parameters<ConnectionCallbacks['onEvent']>[0];

export interface ApplyDeps {
  view: SessionView;
  cursors: CursorStore;
  cache: CacheApi;
  emit(event: BridgeEvent): void;
  /** Our own user id: our own typing is not echoed to the renderer. */
  selfId: string;
  /**
   * True while catch-up runs: a live change may then be ahead of changes the sync has not
   * delivered yet, so it must not move the stored cursor past them (a restart would skip them).
   */
  syncing: boolean;
  onMessage(message: Extract<BridgeEvent, { type: 'message' }>['message']): void;
  log: Logger;
}

/** Folds one live server event into the cache and the view, and forwards it to the renderer. */
export function applyServerEvent(event: LiveEvent, deps: ApplyDeps): void {
  const { view, cursors, cache, emit } = deps;
  switch (event.name) {
    case 'message:new':
    case 'message:edited':
    case 'message:deleted': {
      const message = event.data;
      // Not a channel of ours: the server should not send it, and the renderer never sees it.
      if (!view.hasChannel(message.channelId)) {
        deps.log.warn({ event: event.name }, 'session.message_unknown_channel');
        return;
      }
      cache.applyMessages([message]);
      if (!deps.syncing) cursors.advance(message.channelId, message.rev);
      view.noteRev(message.channelId, message.rev);
      emit({ type: 'message', message });
      deps.onMessage(message);
      return;
    }
    case 'channel:joined': {
      const channel = event.data;
      cache.upsertChannels([channel]);
      // A channel new to us starts at its head; older history is loaded on demand.
      if (cursors.get(channel.id) === undefined) cursors.advance(channel.id, channel.lastRev);
      view.upsertChannel(channel);
      emit({ type: 'channel', channel });
      return;
    }
    case 'typing':
      if (event.data.userId !== deps.selfId) emit({ type: 'typing', ...event.data });
      return;
    case 'presence':
      view.setPresence(event.data.userId, event.data.online);
      emit({ type: 'presence', ...event.data });
      return;
    default:
      assertNever(event);
  }
}
