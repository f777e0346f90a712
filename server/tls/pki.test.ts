import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { connect, createServer, type Server } from 'node:tls';
import type { AddressInfo } from 'node:net';

import { describe, expect, it } from 'vitest';

import { createCertificateAuthority, issueServerCertificate, spkiSha256 } from './pki';

async function withTlsServer<T>(
  cert: { certPem: string; keyPem: string },
  run: (port: number) => Promise<T>,
): Promise<T> {
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (socket) =>
    socket.end(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await run((server.address() as AddressInfo).port);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function handshake(port: number, caPem: string, servername: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca: caPem, servername }, () => {
      socket.end();
      resolve();
    });
    socket.on('error', reject);
  });
}

describe('dev PKI helpers', () => {
  it('issues a server certificate that chains to the CA and names its hosts', async () => {
    const ca = await createCertificateAuthority({ commonName: 'Test CA' });
    const server = await issueServerCertificate(ca, { hosts: ['localhost', '127.0.0.1'] });
    const cert = new X509Certificate(server.certPem);

    expect(new X509Certificate(ca.certPem).ca).toBe(true);
    expect(cert.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
    expect(cert.checkPrivateKey(createPrivateKey(server.keyPem))).toBe(true);
  });

  it('computes the pin as base64 SHA-256 of the SubjectPublicKeyInfo', async () => {
    const ca = await createCertificateAuthority({ commonName: 'Pin CA' });
    const spki = new X509Certificate(ca.certPem).publicKey.export({ type: 'spki', format: 'der' });

    expect(spkiSha256(ca.certPem)).toBe(createHash('sha256').update(spki).digest('base64'));
  });

  it('serves TLS a client trusting the CA accepts, and refuses a wrong host or issuer', async () => {
    const ca = await createCertificateAuthority({ commonName: 'Test CA' });
    const other = await createCertificateAuthority({ commonName: 'Other CA' });
    const server = await issueServerCertificate(ca, { hosts: ['localhost', '127.0.0.1'] });

    await withTlsServer(server, async (port) => {
      await expect(handshake(port, ca.certPem, 'localhost')).resolves.toBeUndefined();
      await expect(handshake(port, ca.certPem, 'wrong.example')).rejects.toMatchObject({
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      });
      await expect(handshake(port, other.certPem, 'localhost')).rejects.toThrow();
    });
  });

  it('can make an already expired certificate with a reused key', async () => {
    const ca = await createCertificateAuthority({ commonName: 'Test CA' });
    const fresh = await issueServerCertificate(ca, { hosts: ['localhost'] });
    const expired = await issueServerCertificate(ca, {
      hosts: ['localhost'],
      key: fresh.keyPem,
      notBefore: new Date(Date.now() - 10 * 86_400_000),
      notAfter: new Date(Date.now() - 86_400_000),
    });

    expect(expired.keyPem).toBe(fresh.keyPem);
    expect(spkiSha256(expired.certPem)).toBe(spkiSha256(fresh.certPem));
    await withTlsServer(expired, async (port) => {
      await expect(handshake(port, ca.certPem, 'localhost')).rejects.toMatchObject({
        code: 'CERT_HAS_EXPIRED',
      });
    });
  });
});
