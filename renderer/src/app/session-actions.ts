import { applyEvents, applySnapshot } from '../store/apply-events';
import { useStore } from '../store/store';
import { call } from './bridge';

export interface LoginForm {
  serverUrl: string;
  username: string;
  password: string;
}

export async function login(form: LoginForm): Promise<void> {
  const store = useStore.getState();
  store.setLoginError(null);
  store.setLoginPending(true);

  const result = await call((parley) => parley.login(form));

  if (!result.ok) {
    useStore.setState({ loginPending: false, loginError: result.error });
    return;
  }

  applyEvents([{ type: 'session', session: result.value, reason: null }]);

  // Main may have announced the new account's channels before answering: take them from it.
  const snapshot = await call((parley) => parley.getSnapshot({}));
  if (snapshot.ok) applySnapshot(snapshot.value);
}

export async function logout(): Promise<void> {
  const result = await call((parley) => parley.logout({}));

  if (!result.ok) {
    useStore.getState().reportError(result.error);
    return;
  }

  applyEvents([{ type: 'session', session: null, reason: null }]);
}
