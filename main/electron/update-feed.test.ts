import { describe, expect, it } from 'vitest';

import { parseFeedUrl, readBakedFeedUrl } from './update-feed';

describe('the feed URL baked into app-update.yml', () => {
  it('reads the url electron-builder wrote, quoted or not', () => {
    const yaml = 'provider: generic\nurl: https://updates.corp.example/desktop\nchannel: latest\n';

    expect(parseFeedUrl(yaml)).toBe('https://updates.corp.example/desktop');
    expect(parseFeedUrl("url: 'https://u.example/d'\n")).toBe('https://u.example/d');
  });

  it('gives no feed for plain http, garbage or a missing file', () => {
    expect(parseFeedUrl('url: http://updates.corp.example/desktop\n')).toBeNull();
    expect(parseFeedUrl('provider: generic\n')).toBeNull();
    expect(parseFeedUrl('url: not a url\n')).toBeNull();
    expect(readBakedFeedUrl('/nonexistent/app-update.yml')).toBeNull();
  });
});
