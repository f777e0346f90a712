import { describe, expect, it } from 'vitest';

import { createRootLogger, moduleLogger } from './log';

describe('server logging', () => {
  it('redacts tokens, passwords and message bodies wherever they appear', () => {
    const lines: string[] = [];
    const root = createRootLogger({ destination: { write: (line: string) => lines.push(line) } });
    const log = moduleLogger(root, 'test');

    log.info({ event: 'x', token: 'tok-secret', password: 'pw-secret', body: 'body-secret' });
    log.info({ event: 'y', request: { token: 'tok-2', body: 'body-2' }, auth: { token: 't3' } });
    log.info({ event: 'z', totpCode: '123456', secret: 'JBSWY3DPEHPK3PXP', newPassword: 'np' });
    log.info({ event: 'w', input: { currentPassword: 'cp', otpauthUri: 'otpauth://x' } });

    const text = lines.join('');
    const secrets = ['tok-secret', 'pw-secret', 'body-secret', 'tok-2', 'body-2', 't3'];
    secrets.push('123456', 'JBSWY3DPEHPK3PXP', '"np"', '"cp"', 'otpauth://x');
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({
      subsystem: 'test',
      event: 'x',
      token: '[redacted]',
    });
  });
});
