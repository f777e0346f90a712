import { useEffect, useRef, type KeyboardEvent } from 'react';

import { useStore } from '../store/store';
import { CacheKeySection } from './CacheKeySection';
import { ChangePasswordForm } from './ChangePasswordForm';
import { PolicyTable } from './PolicyTable';
import { UpdateSection } from './UpdateSection';

/** Settings: the policy (read-only), password, cache key and update state. Escape closes. */
export function SettingsDialog() {
  const open = useStore((state) => state.settingsOpen);
  const openSettings = useStore((state) => state.openSettings);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;

    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialogRef.current?.focus();
    return () => opener?.focus();
  }, [open]);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      openSettings(false);
    } else if (event.key === 'Tab') {
      keepFocusInside(event, dialogRef.current);
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={() => openSettings(false)}>
      <div
        ref={dialogRef}
        className="dialog settings-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        tabIndex={-1}
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={onKeyDown}
      >
        <header className="settings-header">
          <h2 id="settings-title" className="dialog-title">
            Settings
          </h2>
          <button type="button" className="button button-quiet" onClick={() => openSettings(false)}>
            Close
          </button>
        </header>
        <div className="settings-body">
          <PolicyTable />
          <UpdateSection />
          <ChangePasswordForm />
          <CacheKeySection />
        </div>
      </div>
    </div>
  );
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepFocusInside(event: KeyboardEvent, dialog: HTMLElement | null): void {
  if (!dialog) return;

  const stops = [
    ...dialog.querySelectorAll<HTMLElement>('button, input, select, textarea, [href]'),
  ].filter((element) => !element.hasAttribute('disabled'));
  const first = stops[0];
  const last = stops.at(-1);
  const active = document.activeElement;

  if (event.shiftKey && (active === first || active === dialog)) {
    event.preventDefault();
    last?.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first?.focus();
  }
}
