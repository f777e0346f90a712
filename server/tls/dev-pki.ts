import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import {
  createCertificateAuthority,
  issueServerCertificate,
  spkiSha256,
  type CertificateAuthority,
} from './pki';

/** The development PKI kept in the data folder: a local CA and a localhost server certificate. */
export interface DevPki {
  caCertPem: string;
  caCertPath: string;
  caFingerprint: string;
  certPem: string;
  keyPem: string;
}

const SERVER_HOSTS = ['localhost', '127.0.0.1'];
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

export async function loadOrCreateDevPki(dataDir: string): Promise<DevPki> {
  const dir = path.join(dataDir, 'tls');
  const files = {
    caCert: path.join(dir, 'ca.crt'),
    caKey: path.join(dir, 'ca.key'),
    cert: path.join(dir, 'server.crt'),
    key: path.join(dir, 'server.key'),
  };
  await mkdir(dir, { recursive: true, mode: 0o700 });

  let ca = await readPair(files.caCert, files.caKey);
  if (!ca || expiresSoon(ca.certPem)) {
    ca = await createCertificateAuthority({ commonName: 'Parley Dev Local CA' });
    await writePair(files.caCert, files.caKey, ca);
  }

  let server = await readPair(files.cert, files.key);
  if (!server || expiresSoon(server.certPem) || !issuedBy(server.certPem, ca.certPem)) {
    server = await issueServerCertificate(ca, { hosts: SERVER_HOSTS });
    await writePair(files.cert, files.key, server);
  }

  return {
    caCertPem: ca.certPem,
    caCertPath: files.caCert,
    caFingerprint: spkiSha256(ca.certPem),
    certPem: server.certPem,
    keyPem: server.keyPem,
  };
}

async function readPair(certFile: string, keyFile: string): Promise<CertificateAuthority | null> {
  try {
    const [certPem, keyPem] = await Promise.all([
      readFile(certFile, 'utf8'),
      readFile(keyFile, 'utf8'),
    ]);
    return { certPem, keyPem };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function writePair(certFile: string, keyFile: string, pair: CertificateAuthority) {
  await writeFile(keyFile, pair.keyPem, { mode: 0o600 });
  await chmod(keyFile, 0o600);
  await writeFile(certFile, pair.certPem, { mode: 0o644 });
}

function expiresSoon(certPem: string): boolean {
  return new Date(new X509Certificate(certPem).validTo).getTime() - Date.now() < RENEW_BEFORE_MS;
}

function issuedBy(certPem: string, caCertPem: string): boolean {
  return new X509Certificate(certPem).verify(new X509Certificate(caCertPem).publicKey);
}
