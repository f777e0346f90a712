import { useStore } from '../store/store';

/** A policy source failed to load: say so everywhere, details in Settings. */
export function PolicyProblemBar() {
  const problems = useStore((state) => state.policy.problems.length);
  const openSettings = useStore((state) => state.openSettings);

  if (problems === 0) return null;

  return (
    <div className="policy-bar">
      <span>
        Your organisation's policy has an error; Parley is running with the strictest settings.{' '}
      </span>
      <button type="button" className="link-button" onClick={() => openSettings(true)}>
        Show details
      </button>
    </div>
  );
}
