import { useStore } from '../store/store';
import { policyLines, policyProblemText } from '../text/policy-text';

/** The effective policy, read-only, with where each value came from. */
export function PolicyTable() {
  const policy = useStore((state) => state.policy);

  return (
    <section className="settings-section" aria-labelledby="settings-policy">
      <h3 id="settings-policy" className="settings-heading">
        Policy
      </h3>
      {policy.problems.length > 0 && (
        <ul className="policy-problems">
          {policy.problems.map((problem, index) => (
            <li key={index}>{policyProblemText(problem)}</li>
          ))}
        </ul>
      )}
      <p className="settings-note">Managed by your organisation</p>
      <table className="policy-table">
        <thead>
          <tr>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">Set by</th>
          </tr>
        </thead>
        <tbody>
          {policyLines(policy).map((line) => (
            <tr key={line.key} data-policy-key={line.key}>
              <th scope="row">{line.label}</th>
              <td>{line.value}</td>
              <td className="policy-origin">{policy.origins[line.key] ?? 'default'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
