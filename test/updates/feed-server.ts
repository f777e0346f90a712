import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

import {
  createCertificateAuthority,
  issueServerCertificate,
  spkiSha256,
} from '../../server/tls/pki';

/** A local HTTPS update feed on 127.0.0.1, signed by a CA made for this run only. */
export interface FeedServer {
  url: string;
  caPem: string;
  /** SPKI SHA-256 pin of the feed's CA key. */
  caPin: string;
  /** Paths requested, in order, without the query string. */
  requests: string[];
  put(name: string, body: string | Buffer): void;
  remove(name: string): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const ca = await createCertificateAuthority({ commonName: 'Parley update test CA' });
  const cert = await issueServerCertificate(ca, { hosts: ['127.0.0.1'] });
  const files = new Map<string, Buffer>();
  const requests: string[] = [];

  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
    requests.push(path);
    const body = files.get(path);

    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }

    res.writeHead(200, { 'content-length': body.length }).end(body);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}/desktop/`,
    caPem: ca.certPem,
    caPin: spkiSha256(ca.certPem),
    requests,
    put: (name, body) => void files.set(`/desktop/${name}`, Buffer.from(body)),
    remove: (name) => void files.delete(`/desktop/${name}`),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
