import { useId, useState, type FormEvent } from 'react';

import { login } from '../app/session-actions';
import { useStore } from '../store/store';
import { describeError } from '../text/error-text';

function checkForm(serverUrl: string, username: string, password: string): string | null {
  if (!serverUrl || !username || !password) {
    return 'Enter the server address, your username and your password.';
  }
  if (!URL.canParse(serverUrl) || new URL(serverUrl).protocol !== 'https:') {
    return 'The server address must start with https://';
  }
  return null;
}

export function LoginScreen() {
  const defaultServerUrl = useStore((state) => state.defaultServerUrl);
  const pending = useStore((state) => state.loginPending);
  const loginError = useStore((state) => state.loginError);
  const endReason = useStore((state) => state.sessionEndReason);
  const startError = useStore((state) => state.lastError);
  const [serverUrl, setServerUrl] = useState(defaultServerUrl ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;

    const problem = checkForm(serverUrl.trim(), username.trim(), password);
    setFormError(problem);
    if (problem) return;

    void login({ serverUrl: serverUrl.trim(), username: username.trim(), password });
  };

  const alert =
    formError ??
    (loginError && describeError(loginError)) ??
    endReason ??
    (startError && describeError(startError));

  return (
    <main className="login-screen">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <h1 id={`${id}-title`}>Log in to Parley</h1>
        </div>

        {alert && (
          <p className="form-error" role="alert">
            {alert}
          </p>
        )}

        <label className="field" htmlFor={`${id}-server`}>
          <span className="field-label">Server address</span>
          <input
            id={`${id}-server`}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellCheck={false}
            placeholder="https://chat.example.org"
            value={serverUrl}
            onChange={(event) => setServerUrl(event.target.value)}
          />
        </label>

        <label className="field" htmlFor={`${id}-username`}>
          <span className="field-label">Username</span>
          <input
            id={`${id}-username`}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>

        <label className="field" htmlFor={`${id}-password`}>
          <span className="field-label">Password</span>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>

        <button type="submit" className="button button-primary button-wide" disabled={pending}>
          {pending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
