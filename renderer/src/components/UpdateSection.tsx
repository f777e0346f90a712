import type { UpdateStatus } from '../../../common/bridge';
import { assertNever } from '../../../common/result';
import { useStore } from '../store/store';

function updateText({ state, version, message }: UpdateStatus): string {
  const named = version ? ` ${version}` : '';

  switch (state) {
    case 'disabled':
      return 'Updates are turned off for this copy of Parley.';
    case 'idle':
      return 'Parley is up to date.';
    case 'checking':
      return 'Checking for updates…';
    case 'available':
    case 'downloading':
      return `Downloading update${named}…`;
    case 'ready':
      return `Parley${named} is ready. Restart to install it.`;
    case 'error':
      return `The last update check failed: ${message ?? 'no details'}.`;
    default:
      return assertNever(state);
  }
}

export function UpdateSection() {
  const update = useStore((state) => state.update);

  return (
    <section className="settings-section" aria-labelledby="settings-updates">
      <h3 id="settings-updates" className="settings-heading">
        Updates
      </h3>
      <p className={update.state === 'error' ? 'form-error' : 'settings-note'}>
        {updateText(update)}
      </p>
    </section>
  );
}
