import { installUpdate } from '../app/settings-actions';
import { useStore } from '../store/store';

/** A discreet bar once an update is downloaded and verified; other states live in Settings. */
export function UpdateBar() {
  const update = useStore((state) => state.update);

  if (update.state !== 'ready') return null;

  return (
    <div className="update-bar">
      <span>Parley{update.version ? ` ${update.version}` : ''} is ready — </span>
      <button type="button" className="link-button" onClick={() => void installUpdate()}>
        Restart to install
      </button>
    </div>
  );
}
