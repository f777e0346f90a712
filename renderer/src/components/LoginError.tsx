import type { AppError } from '../../../common/result';
import { loginErrorText, type LoginStep } from '../text/login-text';
import { CertificatePanel } from './CertificatePanel';
import { RetryCountdown } from './RetryCountdown';

/** Why the last log-in attempt failed: one alert, with what the user can do about it. */
export function LoginError({
  error,
  step,
  serverUrl,
}: {
  error: AppError;
  step: LoginStep;
  serverUrl: string;
}) {
  if (error.code === 'certificate_refused' && error.certificate) {
    return <CertificatePanel problem={error.certificate} serverUrl={serverUrl} />;
  }

  const waits = error.code === 'account_locked' || error.code === 'rate_limited';

  return (
    <>
      <p className="form-error" role="alert">
        {loginErrorText(error, step)}
      </p>
      {waits && error.retryAt !== undefined && <RetryCountdown retryAt={error.retryAt} />}
    </>
  );
}
