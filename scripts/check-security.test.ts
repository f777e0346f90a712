import { describe, expect, it } from 'vitest';

import {
  CSV_HEADER,
  ElectronegativityOutputError,
  parseAllowlist,
  parseElectronegativityCsv,
  review,
  type Finding,
} from './check-security';

const url = (check: string) => `https://github.com/doyensec/electronegativity/wiki/${check}`;
const row = (check: string, file: string, sample = 'x') =>
  [check, '"MEDIUM"', '"FIRM"', `"${file}"`, '"1:2"', `"${sample}"`, '"desc"', url(check)].join(
    ',',
  );

const finding = (check: string, file: string): Finding => ({
  check,
  severity: 'MEDIUM',
  confidence: 'FIRM',
  file,
  location: '1:2',
  sample: 'x',
  description: 'desc',
});

const reason = 'a specific reason that is long enough to be a real review note';

describe('electronegativity CSV', () => {
  it('parses rows whose quoted samples hold commas, doubled quotes and line breaks', () => {
    const csv = [
      CSV_HEADER,
      row('OPEN_EXTERNAL_JS_CHECK', 'main/a.ts', 'shell.openExternal(a, ""b"")'),
      row('CSP_GLOBAL_CHECK', 'renderer/index.html', "default-src 'none';\nscript-src 'self'"),
      '',
    ].join('\n');

    expect(parseElectronegativityCsv(csv)).toEqual([
      { ...finding('OPEN_EXTERNAL_JS_CHECK', 'main/a.ts'), sample: 'shell.openExternal(a, "b")' },
      { ...finding('CSP_GLOBAL_CHECK', 'renderer/index.html'), sample: "default-src 'none';\nscript-src 'self'" }, // prettier-ignore
    ]);
  });

  it('reads a header-only file as no findings', () => {
    expect(parseElectronegativityCsv(`${CSV_HEADER}\r\n`)).toEqual([]);
  });

  it.each([
    ['a missing header (the tool’s write race)', row('SANDBOX_JS_CHECK', 'a.ts')],
    [
      'a header overwritten into a row',
      `${CSV_HEADER}ECK,"MEDIUM"\n${row('SANDBOX_JS_CHECK', 'a.ts')}`,
    ],
    ['a truncated row', `${CSV_HEADER}\nSANDBOX_JS_CHECK,"MEDIUM","FIRM"`],
    ['an unterminated quote', `${CSV_HEADER}\nSANDBOX_JS_CHECK,"MEDIUM`],
  ])('refuses %s instead of reading fewer findings', (_name, csv) => {
    expect(() => parseElectronegativityCsv(csv)).toThrow(ElectronegativityOutputError);
  });
});

describe('allowlist review', () => {
  it('fails a finding the allowlist does not name by check and file', () => {
    const allowlist = [{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/a.ts', reason }];

    const result = review(
      [
        finding('OPEN_EXTERNAL_JS_CHECK', 'main/a.ts'),
        finding('OPEN_EXTERNAL_JS_CHECK', 'main/b.ts'),
      ],
      allowlist,
    );

    expect(result.unlisted).toEqual([finding('OPEN_EXTERNAL_JS_CHECK', 'main/b.ts')]);
    expect(result.allowed).toEqual([{ finding: finding('OPEN_EXTERNAL_JS_CHECK', 'main/a.ts'), reason }]); // prettier-ignore
    expect(result.stale).toEqual([]);
  });

  it('ignores build output and reports entries that no longer match anything', () => {
    const allowlist = [{ check: 'SANDBOX_JS_CHECK', file: 'main/gone.ts', reason }];

    const result = review([finding('CSP_GLOBAL_CHECK', 'dist/renderer/index.html')], allowlist);

    expect(result.unlisted).toEqual([]);
    expect(result.stale).toEqual(allowlist);
  });

  it('requires every entry to carry a specific reason, and nothing else', () => {
    expect(() => parseAllowlist('[{"check":"X_CHECK","file":"a.ts","reason":"fp"}]')).toThrow();
    expect(() =>
      parseAllowlist(`[{"check":"X_CHECK","file":"a.ts","reason":"${reason}","extra":1}]`),
    ).toThrow();
  });

  it('the shipped allowlist parses', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../build/electronegativity-allowlist.json', import.meta.url), 'utf8'); // prettier-ignore

    expect(parseAllowlist(text).length).toBeGreaterThan(0);
  });
});
