import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Test-only certificates made with the openssl CLI: a private CA and server certificates it
 * issues, so each test trusts exactly the CA it created and nothing else. (main/core may not
 * import server/tls, which the tests outside main/ use for the same job.)
 */
export interface TestCa {
  certPem: string;
  issue(options?: IssueOptions): ServerCert;
}

export interface IssueOptions {
  /** subjectAltName entries; defaults to IP:127.0.0.1 and DNS:localhost. */
  altNames?: string[];
  expired?: boolean;
}

export interface ServerCert {
  certPem: string;
  keyPem: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore', timeout: 10_000 });
}

export function createTestCa(name = 'Parley Test CA'): TestCa {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-ca-'));
  try {
    openssl(dir, [
      'req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30',
      '-subj', `/CN=${name}`,
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ]); // prettier-ignore
    const caCert = readFileSync(path.join(dir, 'ca.crt'), 'utf8');
    const caKey = readFileSync(path.join(dir, 'ca.key'), 'utf8');
    return { certPem: caCert, issue: (options) => issue(caCert, caKey, options) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function issue(caCert: string, caKey: string, options: IssueOptions = {}): ServerCert {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-cert-'));
  try {
    const altNames = options.altNames ?? ['IP:127.0.0.1', 'DNS:localhost'];
    writeFileSync(path.join(dir, 'ca.crt'), caCert);
    writeFileSync(path.join(dir, 'ca.key'), caKey, { mode: 0o600 });
    writeFileSync(
      path.join(dir, 'ext.cnf'),
      `subjectAltName=${altNames.join(',')}\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n`,
    );
    openssl(dir, ['req', ...EC, '-keyout', 's.key', '-out', 's.csr', '-subj', '/CN=parley-test']);
    openssl(dir, [
      'x509', '-req', '-in', 's.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
      '-out', 's.crt', '-days', options.expired ? '-1' : '7', '-extfile', 'ext.cnf',
    ]); // prettier-ignore
    return {
      certPem: readFileSync(path.join(dir, 's.crt'), 'utf8'),
      keyPem: readFileSync(path.join(dir, 's.key'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
