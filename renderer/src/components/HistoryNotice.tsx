import { loadLatest, loadOlder } from '../app/message-actions';
import { EMPTY_HISTORY } from '../store/initial';
import { useStore } from '../store/store';
import { describeError } from '../text/error-text';

/** Floats over the top of the message list while a page loads, or when loading failed. */
export function HistoryNotice({ channelId }: { channelId: string }) {
  const history = useStore((state) => state.history[channelId] ?? EMPTY_HISTORY);
  const retry = () => {
    useStore.getState().setHistory(channelId, { error: null });
    void (history.loaded ? loadOlder(channelId) : loadLatest(channelId));
  };

  if (history.error) {
    return (
      <div className="history-notice is-error">
        Couldn't load messages. {describeError(history.error)}{' '}
        <button type="button" className="link-button" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }

  if (history.loading) {
    return (
      <div className="history-notice">
        <span className="spinner" aria-hidden="true" />
        Loading messages…
      </div>
    );
  }

  return null;
}
