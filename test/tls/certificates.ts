import {
  createCertificateAuthority,
  issueServerCertificate,
  spkiSha256,
  type CertificateAuthority,
  type IssuedCertificate,
} from '../../server/tls/pki';

const DAY_MS = 24 * 60 * 60 * 1000;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost'];

/** Every certificate the TLS tests need, made at run time; nothing is trusted but `ca`. */
export interface CertificateSet {
  ca: CertificateAuthority;
  /** Valid for 127.0.0.1 and localhost, signed by `ca`. */
  good: IssuedCertificate;
  expired: IssuedCertificate;
  notYetValid: IssuedCertificate;
  /** Valid, but for chat.example.org only. */
  wrongHost: IssuedCertificate;
  /** Valid for loopback, signed by a CA nobody trusts. */
  unknownIssuer: IssuedCertificate;
  /** Valid for loopback under `ca`, with a key other than `good`'s. */
  otherKey: IssuedCertificate;
  /** SPKI SHA-256 pins of `good`'s key and of the CA's key. */
  goodPin: string;
  caPin: string;
}

export async function createCertificateSet(): Promise<CertificateSet> {
  const ca = await createCertificateAuthority({ commonName: 'Parley TLS Test CA' });
  const stranger = await createCertificateAuthority({ commonName: 'Unknown Test CA' });
  const now = Date.now();

  const good = await issueServerCertificate(ca, { hosts: LOOPBACK_HOSTS });
  const expired = await issueServerCertificate(ca, {
    hosts: LOOPBACK_HOSTS,
    notBefore: new Date(now - 30 * DAY_MS),
    notAfter: new Date(now - DAY_MS),
  });
  const notYetValid = await issueServerCertificate(ca, {
    hosts: LOOPBACK_HOSTS,
    notBefore: new Date(now + 2 * DAY_MS),
    notAfter: new Date(now + 30 * DAY_MS),
  });
  const wrongHost = await issueServerCertificate(ca, { hosts: ['chat.example.org'] });
  const unknownIssuer = await issueServerCertificate(stranger, { hosts: LOOPBACK_HOSTS });
  const otherKey = await issueServerCertificate(ca, { hosts: LOOPBACK_HOSTS });

  return {
    ca,
    good,
    expired,
    notYetValid,
    wrongHost,
    unknownIssuer,
    otherKey,
    goodPin: spkiSha256(good.certPem),
    caPin: spkiSha256(ca.certPem),
  };
}
