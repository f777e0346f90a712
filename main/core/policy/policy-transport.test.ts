import { afterEach, describe, expect, it } from 'vitest';

import { DEFAULT_POLICY, type EffectivePolicy } from '../../../common/policy';
import type { AuditEventName, AuditFields } from '../audit/audit-log';
import { createTransport, type Transport, type TransportOptions } from '../net/transport';
import { createPolicyTransport } from './policy-transport';

const PIN = 'A'.repeat(43) + '=';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----';
let open: Transport[] = [];

afterEach(() => {
  for (const transport of open) transport.destroy();
  open = [];
});

function setup(files: Record<string, string> = {}) {
  let policy: EffectivePolicy = structuredClone(DEFAULT_POLICY);
  const built: TransportOptions[] = [];
  const audited: { event: AuditEventName; fields?: AuditFields }[] = [];
  const transport = createPolicyTransport({
    policy: { current: () => policy },
    extraCaPem: ['dev-ca'],
    proxyEnv: { HTTPS_PROXY: 'http://proxy.test:3128' },
    audit: { record: (event, fields) => void audited.push({ event, fields }) },
    readCaFile: (file) => {
      const text = files[file];
      if (text === undefined) throw new Error(`ENOENT: ${file}`);
      return text;
    },
    // The real agent is not needed to see what each build was given.
    create: (options) => {
      built.push(options);
      const real = createTransport({});
      open.push(real);
      return real;
    },
  });
  open.push(transport);
  const change = (next: Partial<EffectivePolicy>) => (policy = { ...policy, ...next });
  return { transport, built, audited, change };
}

describe('the transport built from policy', () => {
  it("is built from policy's pins and CA files, the caller's CAs and the proxy environment", () => {
    const { transport, built, change } = setup({ '/etc/parley/ca.pem': `junk\n${CA}\n` });
    change({
      extraCaFiles: ['/etc/parley/ca.pem'],
      certificatePins: { 'https://chat.example': [PIN] },
    });

    void transport.agent;

    expect(built).toEqual([
      expect.objectContaining({
        extraCaPem: ['dev-ca', CA],
        pins: { 'https://chat.example': [PIN] },
        proxyEnv: { HTTPS_PROXY: 'http://proxy.test:3128' },
      }),
    ]);
  });

  it('is rebuilt when the pins or CA files change, and only then', () => {
    const { transport, built, change } = setup();

    void transport.agent;
    change({ notificationContent: 'sender_only', allowEditDelete: false });
    void transport.checkUrl('https://chat.example');
    change({ certificatePins: { 'https://chat.example': [PIN] } });
    const rebuilt = transport.agent;

    expect(built.map((options) => options.pins)).toEqual([{}, { 'https://chat.example': [PIN] }]);
    expect(transport.agent).toBe(rebuilt);
  });

  it('leaves out a CA file it cannot read and audits it (fails closed)', () => {
    const { transport, built, audited, change } = setup({ '/etc/parley/empty.pem': 'nothing' });
    change({ extraCaFiles: ['/etc/parley/missing.pem', '/etc/parley/empty.pem'] });

    void transport.ca;

    expect(built[0]?.extraCaPem).toEqual(['dev-ca']);
    expect(audited).toEqual([
      {
        event: 'policy.invalid',
        fields: expect.objectContaining({ source: '/etc/parley/missing.pem', key: 'extraCaFiles' }),
      },
      {
        event: 'policy.invalid',
        fields: {
          source: '/etc/parley/empty.pem',
          key: 'extraCaFiles',
          reason: 'the file holds no PEM certificate',
        },
      },
    ]);
  });

  it('refuses a server allowedServers does not list, with a sentence naming it', () => {
    const { transport, change } = setup();
    change({ allowedServers: ['https://chat.corp.example'] });

    expect(transport.checkUrl('https://chat.corp.example', '/api/info').ok).toBe(true);
    expect(transport.checkUrl('https://evil.example', '/api/info')).toEqual({
      ok: false,
      error: {
        code: 'policy_denied',
        message:
          "https://evil.example is not allowed by your organisation's policy. Ask IT which servers you may use.", // prettier-ignore
      },
    });
  });

  it('says why when a broken policy locked every server out', () => {
    const { transport, change } = setup();
    change({
      allowedServers: [],
      problems: [{ source: '/etc/parley/policy.json', key: null, message: 'not JSON' }],
    });

    const checked = transport.checkUrl('https://chat.corp.example');

    expect(checked.ok ? '' : checked.error.message).toMatch(/could not be read completely/);
  });
});
