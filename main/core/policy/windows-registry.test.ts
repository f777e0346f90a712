import { describe, expect, it } from 'vitest';

import { checkSource } from './source-check';
import { parseRegQueryOutput } from './windows-registry';

const OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Parley',
  '    (Default)    REG_SZ    (value not set)',
  '    allowRememberLogin    REG_DWORD    0x0',
  '    eraseCacheOnRevocation    REG_DWORD    0x1',
  '    allowedServers    REG_MULTI_SZ    https://a.example\\0https://b.example',
  '    notificationContent    REG_SZ    sender_only',
  '    certificatePins    REG_SZ    {"https://a.example":["' + 'A'.repeat(43) + '="]}',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Parley\\update',
  '    mode    REG_SZ    automatic',
  '    feedUrl    REG_SZ    https://updates.example.com/parley',
  '',
].join('\r\n');

describe('the Windows registry policy', () => {
  it('turns reg query output into policy settings that pass the schema', () => {
    const data = parseRegQueryOutput(OUTPUT);
    const checked = checkSource('HKLM\\SOFTWARE\\Policies\\Parley', data);

    expect(checked.problems).toEqual([]);
    expect(checked.values).toEqual({
      allowRememberLogin: false,
      eraseCacheOnRevocation: true,
      allowedServers: ['https://a.example', 'https://b.example'],
      notificationContent: 'sender_only',
      certificatePins: { 'https://a.example': ['A'.repeat(43) + '='] },
      update: { mode: 'automatic', feedUrl: 'https://updates.example.com/parley' },
    });
  });

  it('ignores subkeys it does not know', () => {
    const data = parseRegQueryOutput(
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Parley\\Other\r\n    x    REG_SZ    y\r\n',
    );

    expect(data).toEqual({});
  });

  it('leaves a wrongly typed value for the schema to name', () => {
    const data = parseRegQueryOutput(
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Parley\r\n    allowEditDelete    REG_SZ    no\r\n',
    );

    expect(checkSource('registry', data).problems[0]?.key).toBe('allowEditDelete');
  });
});
