import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationToken } from 'builder-util-runtime';

import { startFeedServer, type FeedServer } from '../../../test/updates/feed-server';
import { createTransport } from '../net/transport';
import { HttpsExecutor } from './https-executor';

describe('the update feed over the core transport', () => {
  let feed: FeedServer;

  beforeAll(async () => {
    feed = await startFeedServer();
    feed.put('latest.yml', 'version: 9.9.9\n');
  });

  afterAll(async () => {
    await feed.close();
  });

  const origin = () => new URL(feed.url).origin;
  const fetchManifest = (executor: HttpsExecutor) =>
    executor.request({ ...urlOptions(`${feed.url}latest.yml`) }, new CancellationToken());

  it('fetches the manifest when the feed key matches the policy pin', async () => {
    const transport = createTransport({
      extraCaPem: [feed.caPem],
      pins: { [origin()]: [feed.caPin] },
    });

    await expect(fetchManifest(new HttpsExecutor([], transport.agent))).resolves.toContain('9.9.9');
    transport.destroy();
  });

  it('refuses a feed whose certificate chain holds no pinned key', async () => {
    const transport = createTransport({
      extraCaPem: [feed.caPem],
      pins: { [origin()]: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='] },
    });
    const before = feed.requests.length;

    await expect(fetchManifest(new HttpsExecutor([], transport.agent))).rejects.toThrow();
    expect(feed.requests.length).toBe(before);
    transport.destroy();
  });
});

function urlOptions(url: string) {
  const parsed = new URL(url);
  return {
    hostname: parsed.hostname,
    port: parsed.port,
    path: parsed.pathname,
    protocol: 'https:',
  };
}
