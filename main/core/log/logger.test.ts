import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLoggerFactory } from './logger';
import { REDACTED, SENSITIVE_KEYS } from './redaction';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

function nest(depth: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let value = leaf;
  for (let level = 0; level < depth; level += 1) value = { [`level${level}`]: value };
  return value;
}

describe('log redaction', () => {
  it.each(SENSITIVE_KEYS)('never writes the value of "%s" at any depth up to 5', (key) => {
    const { lines, destination } = capture();
    const log = createLoggerFactory({ destination, level: 'debug' })('test');

    for (let depth = 0; depth <= 5; depth += 1) {
      const secret = `secret-${key}-${depth}-value`;
      log.info(nest(depth, { [key]: secret, id: `id-${depth}` }), 'test.event');
      log.info({ list: [{ [key]: secret }] }, 'test.array');
    }

    const output = lines.join('\n');
    expect(lines).toHaveLength(12);
    expect(output).not.toMatch(/secret-/);
    expect(output).toContain(REDACTED);
    expect(output).toContain('"id":"id-5"');
  });

  it('redacts the handshake auth and bearer headers but keeps ids and event names', () => {
    const { lines, destination } = capture();
    const log = createLoggerFactory({ destination })('connection');

    log.info(
      {
        auth: { token: 'tok-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', protocolVersion: 1 },
        headers: { Authorization: 'Bearer tok-bbbbbbbbbbbbbbb' },
        message: { id: 'm1', body: 'hello private words' },
        login: { username: 'ann', password: 'hunter2-pass', totp: '123456' },
      },
      'connection.handshake',
    );

    const output = lines.join('\n');
    for (const secret of ['tok-aaaa', 'tok-bbbb', 'private words', 'hunter2', '123456']) {
      expect(output).not.toContain(secret);
    }
    const record = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(record.subsystem).toBe('connection');
    expect(record.msg).toBe('connection.handshake');
    expect(output).toContain('"id":"m1"');
    expect(output).toContain('"username":"ann"');
  });

  it('honours the level from options', () => {
    const { lines, destination } = capture();
    const log = createLoggerFactory({ destination, level: 'warn' })('test');

    log.info({ id: 'x' }, 'quiet');
    log.warn({ id: 'y' }, 'loud');

    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('loud');
  });
});
