import { useId, useState, type FormEvent } from 'react';

import { changePassword } from '../app/session-actions';
import { describeError } from '../text/error-text';

type Outcome = { ok: true } | { ok: false; text: string } | null;

/** Passwords live in this form's state only, and are cleared after every attempt. */
export function ChangePasswordForm() {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;

    if (!current || !next) {
      return setOutcome({ ok: false, text: 'Enter your current password and a new one.' });
    }
    if (next !== confirm) {
      return setOutcome({ ok: false, text: "The new passwords don't match." });
    }

    setBusy(true);
    const error = await changePassword(current, next);
    setBusy(false);

    if (error) {
      // The server's password rule is shown as worded.
      const text = error.code === 'password_policy' ? error.message : describeError(error);
      setOutcome({ ok: false, text });
      return;
    }

    setCurrent('');
    setNext('');
    setConfirm('');
    setOutcome({ ok: true });
  };

  const field = (name: string, label: string, value: string, set: (v: string) => void) => (
    <label className="field" htmlFor={`${id}-${name}`}>
      <span className="field-label">{label}</span>
      <input
        id={`${id}-${name}`}
        type="password"
        autoComplete={name === 'current' ? 'current-password' : 'new-password'}
        value={value}
        onChange={(event) => set(event.target.value)}
      />
    </label>
  );

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="settings-heading">
        Change password
      </h3>
      <form className="settings-form" onSubmit={(event) => void submit(event)} noValidate>
        {field('current', 'Current password', current, setCurrent)}
        {field('new', 'New password', next, setNext)}
        {field('confirm', 'Confirm new password', confirm, setConfirm)}
        {outcome &&
          (outcome.ok ? (
            <p className="form-success" role="status">
              Your password was changed. Your other sessions have been logged out.
            </p>
          ) : (
            <p className="form-error" role="alert">
              {outcome.text}
            </p>
          ))}
        <div>
          <button type="submit" className="button button-primary" disabled={busy}>
            Change password
          </button>
        </div>
      </form>
    </section>
  );
}
