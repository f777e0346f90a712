import { useStore } from '../store/store';
import { describeError } from '../text/error-text';

/** The latest failure of a background action (delete, log out, start-up), until dismissed. */
export function ErrorNotice() {
  const error = useStore((state) => state.lastError);
  const reportError = useStore((state) => state.reportError);

  if (!error) return null;

  return (
    <div className="error-notice" role="alert">
      <span>{describeError(error)}</span>
      <button type="button" className="link-button" onClick={() => reportError(null)}>
        Dismiss
      </button>
    </div>
  );
}
