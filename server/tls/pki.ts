import {
  X509Certificate as NodeX509,
  createHash,
  createPrivateKey,
  createPublicKey,
} from 'node:crypto';
import { webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';

import * as x509 from '@peculiar/x509';

/**
 * Small, general certificate helpers: a local CA, server certificates it signs, and the
 * HPKP-style pin of a certificate's public key. Used by the dev PKI and by TLS tests that need
 * expired, wrong-host or unknown-issuer certificates. All keys are ECDSA P-256.
 */

const crypto = webcrypto;
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface CertificateAuthority {
  certPem: string;
  /** PKCS#8 PEM; keep it private (files holding it are mode 0600). */
  keyPem: string;
}

export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
}

export interface CertificateAuthorityOptions {
  commonName: string;
  notBefore?: Date;
  notAfter?: Date;
}

export interface ServerCertificateOptions {
  /** DNS names and IP addresses, written as subjectAltName entries. The first is the CN. */
  hosts: string[];
  notBefore?: Date;
  notAfter?: Date;
  /** Reuse an existing PKCS#8 PEM private key (ECDSA P-256) instead of generating one. */
  key?: string;
}

export async function createCertificateAuthority(
  options: CertificateAuthorityOptions,
): Promise<CertificateAuthority> {
  const keys = await generateKeys();
  const validity = validityOf(options, 3650);
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: [{ CN: [options.commonName] }],
      keys,
      signingAlgorithm: SIGNING,
      ...validity,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );

  return { certPem: cert.toString('pem'), keyPem: await exportKeyPem(keys.privateKey) };
}

export async function issueServerCertificate(
  ca: CertificateAuthority,
  options: ServerCertificateOptions,
): Promise<IssuedCertificate> {
  if (options.hosts.length === 0) throw new Error('A server certificate needs at least one host');

  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importPrivateKey(ca.keyPem);
  const keyPem = options.key ?? (await exportKeyPem((await generateKeys()).privateKey));
  const publicKey = await importPublicKeyOf(keyPem);
  const names = options.hosts.map((host) =>
    isIP(host) ? { type: 'ip' as const, value: host } : { type: 'dns' as const, value: host },
  );

  const cert = await x509.X509CertificateGenerator.create(
    {
      subject: [{ CN: [options.hosts[0]!] }],
      issuer: caCert.subject,
      publicKey,
      signingKey: caKey,
      signingAlgorithm: SIGNING,
      ...validityOf(options, 825),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
        new x509.SubjectAlternativeNameExtension(names, false),
        await x509.SubjectKeyIdentifierExtension.create(publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(caCert, false, crypto),
      ],
    },
    crypto,
  );

  return { certPem: cert.toString('pem'), keyPem };
}

/** SHA-256 of the certificate's SubjectPublicKeyInfo, base64: the HPKP pin format. */
export function spkiSha256(certPem: string): string {
  const spki = new NodeX509(certPem).publicKey.export({ type: 'spki', format: 'der' });

  return createHash('sha256').update(spki).digest('base64');
}

function validityOf(
  options: { notBefore?: Date; notAfter?: Date },
  defaultDays: number,
): { notBefore: Date; notAfter: Date } {
  // Backdate a little so a client clock slightly behind ours still accepts a fresh certificate.
  const notBefore = options.notBefore ?? new Date(Date.now() - DAY_MS);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + defaultDays * DAY_MS);

  return { notBefore, notAfter };
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', key);

  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

async function importPrivateKey(keyPem: string): Promise<CryptoKey> {
  const der = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });

  return crypto.subtle.importKey('pkcs8', der, EC_KEY, false, ['sign']);
}

async function importPublicKeyOf(privateKeyPem: string): Promise<CryptoKey> {
  const der = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'der' });

  return crypto.subtle.importKey('spki', der, EC_KEY, true, ['verify']);
}
