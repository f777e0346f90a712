/**
 * `npm run check:security`: runs Doyensec's electronegativity over the project with no network
 * (it tries to download translations and Electron release data; under `unshare -n` it cannot),
 * parses its CSV (the tool exits 0 whatever it finds) and fails on any finding that
 * build/electronegativity-allowlist.json does not list with a reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { z } from 'zod';

export interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}

const AllowlistSchema = z.array(
  z.strictObject({
    check: z.string().regex(/^[A-Z0-9_]+$/),
    file: z.string().min(1),
    reason: z.string().min(40, 'say specifically why this finding is not a problem'),
  }),
);
export type Allowlist = z.infer<typeof AllowlistSchema>;

export const CSV_HEADER =
  'issue, severity, confidence, filename, location, sample, description, url';

/** Build output and third-party code: findings there repeat the source's or are not ours. */
const IGNORED_PREFIXES = ['dist/', 'out/', 'coverage/', 'node_modules/'];

export class ElectronegativityOutputError extends Error {
  override name = 'ElectronegativityOutputError';
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;

  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      records.push([...record, field]);
      record = [];
      field = '';
    } else field += char;
  }

  if (quoted) throw new ElectronegativityOutputError('unterminated quoted field');
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/**
 * Parses the tool's CSV. It writes the header and the rows with two unsynchronised writes, so
 * the file is checked strictly: a wrong header or a row of the wrong shape is an error (the
 * caller runs the tool again) rather than a silently shorter list of findings.
 */
export function parseElectronegativityCsv(text: string): Finding[] {
  const [header, ...rows] = csvRecords(text);
  if (header?.join(',') !== CSV_HEADER) {
    throw new ElectronegativityOutputError('the CSV does not start with the expected header');
  }

  return rows
    .filter((row) => row.length > 1 || row[0] !== '')
    .map((row) => {
      const [check, severity, confidence, file, location, sample, description, url] = row;
      if (row.length !== 8 || !/^[A-Z0-9_]+$/.test(check ?? '') || !url?.endsWith(`/${check}`)) {
        throw new ElectronegativityOutputError('a CSV row does not have the expected shape');
      }
      return {
        check: check as string,
        severity: severity as string,
        confidence: confidence as string,
        file: file as string,
        location: location as string,
        sample: sample as string,
        description: description as string,
      };
    });
}

export function parseAllowlist(json: string): Allowlist {
  return AllowlistSchema.parse(JSON.parse(json));
}

export interface Review {
  unlisted: Finding[];
  allowed: Array<{ finding: Finding; reason: string }>;
  /** Entries that matched nothing: probably fixed, so the entry should go. */
  stale: Allowlist;
}

/** Findings outside the allowlist fail the check; build output is not ours to review. */
export function review(findings: Finding[], allowlist: Allowlist): Review {
  const ours = findings.filter(
    (f) => !IGNORED_PREFIXES.some((prefix) => f.file.startsWith(prefix)),
  );
  const entryFor = (f: Finding) => allowlist.find((e) => e.check === f.check && e.file === f.file);

  return {
    unlisted: ours.filter((finding) => !entryFor(finding)),
    allowed: ours.flatMap((finding) => {
      const entry = entryFor(finding);
      return entry ? [{ finding, reason: entry.reason }] : [];
    }),
    stale: allowlist.filter((e) => !ours.some((f) => e.check === f.check && e.file === f.file)),
  };
}

/** `unshare -n` as root (CI); `unshare -r -n` (a user namespace) for everyone else. */
function offlinePrefix(): string[] {
  for (const prefix of [
    ['unshare', '-n'],
    ['unshare', '-r', '-n'],
  ]) {
    const probe = spawnSync(prefix[0] as string, [...prefix.slice(1), 'true'], { stdio: 'ignore' });
    if (probe.status === 0) return prefix;
  }
  throw new Error(
    'check:security needs `unshare -n` (root) or `unshare -r -n` (user namespaces) to run ' +
      'electronegativity without network; neither works here. It will not run with network.',
  );
}

/**
 * electronegativity 1.10 writes the CSV header and the rows with two concurrent async
 * `fs.writeFile` calls (truncate, then append), which race: we saw rows lost or overwritten.
 * Loaded with `node --require`, this makes `fs.writeFile` complete in call order. The strict
 * parse and the retries below stay as a second guard.
 */
const SERIAL_WRITE_SHIM = `
const fs = require('fs');
fs.writeFile = function serialWriteFile(file, data, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  let error = null;
  try { fs.writeFileSync(file, data, options); } catch (caught) { error = caught; }
  process.nextTick(() => { if (callback) callback(error); });
};
`;

function runElectronegativity(root: string, electronVersion: string): Finding[] {
  const prefix = offlinePrefix();
  const tool = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
  let lastError: unknown = null;

  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-electronegativity-'));
    const csv = path.join(dir, 'findings.csv');
    const shim = path.join(dir, 'serial-write.cjs');
    try {
      writeFileSync(shim, SERIAL_WRITE_SHIM);
      const args = ['-i', root, '-o', csv, '-r', '-v', 'false', '-e', electronVersion];
      const node = [process.execPath, '--require', shim, tool, ...args];
      const run = spawnSync(prefix[0] as string, [...prefix.slice(1), ...node], {
        cwd: root,
        encoding: 'utf8',
        timeout: 180_000,
      });
      if (run.status !== 0)
        throw new Error(`electronegativity exited with ${run.status}: ${run.stderr}`);

      return parseElectronegativityCsv(readFileSync(csv, 'utf8'));
    } catch (error) {
      if (!(error instanceof ElectronegativityOutputError)) throw error;
      lastError = error;
      console.warn(`electronegativity output unusable (attempt ${attempt}): ${error.message}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw lastError;
}

function main(): number {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const electron = JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }; // prettier-ignore
  const allowlist = parseAllowlist(
    readFileSync(path.join(root, 'build/electronegativity-allowlist.json'), 'utf8'),
  );

  const findings = runElectronegativity(root, electron.version);
  if (findings.length === 0) {
    // The project always has reviewed findings (the preload, openExternal): none at all means
    // the tool's output was lost, not that the app became perfect.
    console.error(
      'check:security: electronegativity reported nothing at all; treating as a failure',
    );
    return 1;
  }

  const result = review(findings, allowlist);

  for (const { finding, reason } of result.allowed) {
    console.log(`allowed  ${finding.check}  ${finding.file}:${finding.location}  (${reason})`);
  }
  for (const entry of result.stale) {
    console.warn(`stale allowlist entry (no such finding now): ${entry.check} ${entry.file}`);
  }
  for (const finding of result.unlisted) {
    console.error(
      `FINDING  ${finding.check} [${finding.severity}/${finding.confidence}]  ` +
        `${finding.file}:${finding.location}\n  ${finding.description}\n  ${finding.sample}`,
    );
  }

  console.log(
    `check:security: electronegativity (Electron ${electron.version}, offline): ` +
      `${result.unlisted.length} unlisted, ${result.allowed.length} allowlisted, ` +
      `${result.stale.length} stale allowlist entries`,
  );
  return result.unlisted.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}
