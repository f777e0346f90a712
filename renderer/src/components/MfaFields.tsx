import { useId } from 'react';

/** The second log-in step: the current code from the user's authenticator app. */
export function MfaFields({
  code,
  onCode,
  onBack,
}: {
  code: string;
  onCode: (value: string) => void;
  onBack: () => void;
}) {
  const id = useId();

  return (
    <>
      <p className="login-step-text" id={`${id}-hint`}>
        Your account is protected with two-step verification. Enter the 6-digit code from your
        authenticator app.
      </p>

      <label className="field" htmlFor={`${id}-code`}>
        <span className="field-label">Authentication code</span>
        <input
          id={`${id}-code`}
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          spellCheck={false}
          autoFocus
          aria-describedby={`${id}-hint`}
          value={code}
          onChange={(event) => onCode(event.target.value.replace(/\D/g, ''))}
        />
      </label>

      <button type="button" className="link-button login-back" onClick={onBack}>
        Back
      </button>
    </>
  );
}
