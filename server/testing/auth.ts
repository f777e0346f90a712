import { AccountService } from '../auth/account';
import { Lockout } from '../auth/lockout';
import { AuthService } from '../auth/sessions';
import { parseConfig, type ServerConfigInput } from '../config';
import { createRootLogger } from '../log';
import type { Store } from '../store/store';
import { TestClock } from './clock';

/** The auth services over a store, silent, with a test clock, as startServer wires them. */
export function makeAuth(
  store: Store,
  options: { config?: ServerConfigInput; clock?: TestClock } = {},
) {
  const config = parseConfig(options.config);
  const clock = options.clock ?? new TestClock();
  const log = createRootLogger({ quiet: true });
  const lockout = new Lockout(store, config.lockout, clock.now);
  const revocations: number[] = [];
  const auth = new AuthService(store, { config, lockout, log, now: clock.now });
  const accounts = new AccountService(store, {
    config,
    lockout,
    log,
    now: clock.now,
    sessionsRevoked: () => revocations.push(clock.now()),
  });

  return { auth, accounts, lockout, clock, config, revocations };
}
