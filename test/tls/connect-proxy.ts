import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

/** One CONNECT the proxy saw; it forwards bytes and never sees inside the TLS tunnel. */
export interface Tunnel {
  target: string;
  /** Bytes sent from the client through the tunnel (TLS records, never plaintext). */
  bytesUp: number;
}

/**
 * A minimal HTTP CONNECT proxy on 127.0.0.1 that tunnels only to 127.0.0.1 and records each
 * tunnel. Any other request, or a target off loopback, gets 403 and is recorded as refused.
 */
export class ConnectProxy {
  readonly tunnels: Tunnel[] = [];
  readonly refused: string[] = [];
  /** Every byte the client sent through any tunnel, to prove no secret passed in the clear. */
  private readonly seen: Buffer[] = [];
  private server: http.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = http.createServer((_req, res) => res.writeHead(405).end());
    server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) =>
      this.tunnel(req, client, head),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** True when `text` appeared in the clear in anything a client sent through a tunnel. */
  sawInClear(text: string): boolean {
    return Buffer.concat(this.seen).includes(Buffer.from(text, 'utf8'));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    const target = req.url ?? '';
    const match = /^127\.0\.0\.1:(\d+)$/.exec(target);
    if (!match) {
      this.refused.push(target);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }

    const record: Tunnel = { target, bytesUp: 0 };
    this.tunnels.push(record);
    const upstream = net.connect(Number(match[1]), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      client.on('data', (chunk: Buffer) => {
        record.bytesUp += chunk.length;
        this.seen.push(chunk);
      });
      client.pipe(upstream).pipe(client);
    });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  }
}
