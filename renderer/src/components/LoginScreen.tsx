import { useId, useState, type FormEvent } from 'react';

import { login } from '../app/session-actions';
import { useStore } from '../store/store';
import { describeError } from '../text/error-text';
import type { LoginStep } from '../text/login-text';
import { LoginError } from './LoginError';
import { MfaFields } from './MfaFields';
import { PasswordFields } from './PasswordFields';
import { useForgotPasswordUrl } from './use-forgot-password-url';

const TOTP_CODE = /^[0-9]{6}$/;

function checkForm(serverUrl: string, username: string, password: string): string | null {
  if (!serverUrl || !username || !password) {
    return 'Enter the server address, your username and your password.';
  }
  if (!URL.canParse(serverUrl) || new URL(serverUrl).protocol !== 'https:') {
    return 'The server address must start with https://';
  }
  return null;
}

/**
 * Password first; a second step asks for the authenticator code when the server wants one. The
 * password stays in this component's state for that retry only and is cleared on going back.
 */
export function LoginScreen() {
  const defaultServerUrl = useStore((state) => state.defaultServerUrl);
  const pending = useStore((state) => state.loginPending);
  const loginError = useStore((state) => state.loginError);
  const endReason = useStore((state) => state.sessionEndReason);
  const startError = useStore((state) => state.lastError);
  const allowRemember = useStore((state) => state.policy.allowRememberLogin);
  const [serverUrl, setServerUrl] = useState(defaultServerUrl ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [step, setStep] = useState<LoginStep>('password');
  const [code, setCode] = useState('');
  const [formError, setFormError] = useState<string | null>(null);
  const id = useId();
  const forgotPasswordUrl = useForgotPasswordUrl(serverUrl.trim());

  const form = () => ({
    serverUrl: serverUrl.trim(),
    username: username.trim(),
    password,
    remember: allowRemember && remember,
  });

  const submitPassword = async () => {
    const problem = checkForm(serverUrl.trim(), username.trim(), password);
    setFormError(problem);
    if (problem) return;

    const error = await login(form());
    if (error?.code === 'mfa_required') setStep('mfa');
  };

  const submitCode = async () => {
    const problem = TOTP_CODE.test(code)
      ? null
      : 'Enter the 6-digit code from your authenticator app.';
    setFormError(problem);
    if (problem) return;

    await login({ ...form(), totpCode: code });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;

    void (step === 'mfa' ? submitCode() : submitPassword());
  };

  const back = () => {
    setStep('password');
    setPassword('');
    setCode('');
    setFormError(null);
    useStore.getState().setLoginError(null);
  };

  // On the code step, "a code is needed" is what the step itself says: not an error.
  const error = step === 'mfa' && loginError?.code === 'mfa_required' ? null : loginError;
  const notice = endReason ?? (startError && describeError(startError));

  return (
    <main className="login-screen">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <h1 id={`${id}-title`}>Log in to Parley</h1>
        </div>

        {formError ? (
          <p className="form-error" role="alert">
            {formError}
          </p>
        ) : error ? (
          <LoginError error={error} step={step} serverUrl={serverUrl.trim()} />
        ) : (
          notice && (
            <p className="form-error" role="alert">
              {notice}
            </p>
          )
        )}

        {step === 'password' ? (
          <PasswordFields
            serverUrl={serverUrl}
            username={username}
            password={password}
            remember={remember}
            allowRemember={allowRemember}
            onServerUrl={setServerUrl}
            onUsername={setUsername}
            onPassword={setPassword}
            onRemember={setRemember}
          />
        ) : (
          <MfaFields code={code} onCode={setCode} onBack={back} />
        )}

        <button type="submit" className="button button-primary button-wide" disabled={pending}>
          {submitLabel(step, pending)}
        </button>

        {step === 'password' && forgotPasswordUrl && (
          <p className="login-forgot">
            <a href={forgotPasswordUrl} target="_blank" rel="noreferrer noopener">
              Forgot password?
            </a>
          </p>
        )}
      </form>
    </main>
  );
}

function submitLabel(step: LoginStep, pending: boolean): string {
  if (step === 'mfa') return pending ? 'Verifying…' : 'Verify';

  return pending ? 'Logging in…' : 'Log in';
}
