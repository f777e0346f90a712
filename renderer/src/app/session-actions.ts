import type { AppError } from '../../../common/result';
import { applyEvents, applySnapshot } from '../store/apply-events';
import { useStore } from '../store/store';
import { call } from './bridge';

export interface LoginForm {
  serverUrl: string;
  username: string;
  password: string;
  remember: boolean;
  /** The second step, after the server answered `mfa_required`. */
  totpCode?: string;
}

/** Logs in; answers the error so the form can move to its next step (MFA) or stay. */
export async function login(form: LoginForm): Promise<AppError | null> {
  const store = useStore.getState();
  store.setLoginError(null);
  store.setLoginPending(true);

  const result = await call((parley) => parley.login(form));

  if (!result.ok) {
    useStore.setState({ loginPending: false, loginError: result.error });
    return result.error;
  }

  applyEvents([{ type: 'session', session: result.value, reason: null }]);

  // Main may have announced the new account's channels before answering: take them from it.
  const snapshot = await call((parley) => parley.getSnapshot({}));
  if (snapshot.ok) applySnapshot(snapshot.value);
  return null;
}

export async function logout(): Promise<void> {
  const result = await call((parley) => parley.logout({}));

  if (!result.ok) {
    useStore.getState().reportError(result.error);
    return;
  }

  applyEvents([{ type: 'session', session: null, reason: null }]);
}

export async function changePassword(
  currentPassword: string,
  newPassword: string,
): Promise<AppError | null> {
  const result = await call((parley) => parley.changePassword({ currentPassword, newPassword }));
  return result.ok ? null : result.error;
}
