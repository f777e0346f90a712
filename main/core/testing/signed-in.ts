import { afterEach, beforeAll, expect } from 'vitest';

import { FakeServer } from './fake-server';
import { ANN, startCore, waitFor, type CoreHarness } from './harness';
import { createTestCa, type TestCa } from './tls-fixture';

export interface SignedInFixture {
  /** The fake server of the current test (set by `signedIn`). */
  readonly server: FakeServer;
  /** A fresh fake server over TLS, signed by this file's test CA. */
  serve(): Promise<FakeServer>;
  /** A core that trusts the test CA, disposed after the test. */
  core(): CoreHarness;
  /** `serve` and `core`, logged in as ann and online. */
  signedIn(): Promise<CoreHarness>;
}

/** Registers the hooks that give each test a logged-in core and tear both down after it. */
export function useSignedInCore(): SignedInFixture {
  let ca: TestCa;
  let server: FakeServer | null = null;
  let harness: CoreHarness | null = null;

  beforeAll(() => {
    ca = createTestCa();
  });

  afterEach(async () => {
    await harness?.core.dispose();
    harness = null;
    await server?.stop();
    server = null;
  });

  const fixture: SignedInFixture = {
    get server() {
      if (!server) throw new Error('call serve() or signedIn() first');
      return server;
    },
    async serve() {
      server = await new FakeServer(ca.issue()).start();
      return server;
    },
    core() {
      harness = startCore([ca.certPem]);
      return harness;
    },
    async signedIn() {
      const served = await fixture.serve();
      const started = fixture.core();
      const result = await started.core.handlers.login({ serverUrl: served.url, ...ANN });
      expect(result.ok).toBe(true);
      await waitFor(() => started.states().includes('online'));
      return started;
    },
  };
  return fixture;
}
