import { useState } from 'react';

import { rotateCacheKey } from '../app/settings-actions';
import { describeError } from '../text/error-text';

/** Re-encrypts the local message cache under a fresh key. */
export function CacheKeySection() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  const rotate = async () => {
    setBusy(true);
    setOutcome(null);
    const error = await rotateCacheKey();
    setBusy(false);
    setOutcome(
      error
        ? { ok: false, text: describeError(error) }
        : { ok: true, text: 'Done. Your local messages are now protected by a new key.' },
    );
  };

  return (
    <section className="settings-section" aria-labelledby="settings-cache">
      <h3 id="settings-cache" className="settings-heading">
        Local message cache
      </h3>
      <p className="settings-note">
        Parley keeps an encrypted copy of your messages on this computer, locked with a key held in
        the system keychain. Rotating the key re-encrypts that copy with a new key and discards the
        old one. Do it if you think the old key may have been exposed.
      </p>
      {outcome && (
        <p
          className={outcome.ok ? 'form-success' : 'form-error'}
          role={outcome.ok ? 'status' : 'alert'}
        >
          {outcome.text}
        </p>
      )}
      <div>
        <button
          type="button"
          className="button button-quiet"
          disabled={busy}
          onClick={() => void rotate()}
        >
          {busy ? 'Rotating…' : 'Rotate cache key'}
        </button>
      </div>
    </section>
  );
}
