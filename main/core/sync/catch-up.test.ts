import { describe, expect, it } from 'vitest';

import type { Channel, Message, SyncResponse } from '../../../common/protocol';
import { err, ok, type Result } from '../../../common/result';
import { catchUp } from './catch-up';
import { createMemoryCursorStore } from './cursor-store';

function message(channelId: string, rev: number): Message {
  return {
    id: `${channelId}-${rev}`,
    channelId,
    seq: rev,
    rev,
    authorId: 'u1',
    clientId: '00000000-0000-4000-8000-000000000000',
    body: 'x',
    createdAt: 1,
    editedAt: null,
    deleted: false,
  };
}

const channel = (id: string, lastRev: number): Channel => ({ id, name: id, topic: '', lastRev });

describe('catchUp', () => {
  it('asks only for channels that moved on, with their cursors, page by page', async () => {
    const cursors = createMemoryCursorStore();
    cursors.advance('a', 2);
    cursors.advance('b', 5);
    const asked: Record<string, number>[] = [];
    const pages: SyncResponse[] = [
      { changes: [message('a', 3), message('a', 4)], hasMore: true },
      { changes: [message('a', 5)], hasMore: false },
    ];
    const got: Message[] = [];

    const result = await catchUp([channel('a', 5), channel('b', 5), channel('new', 9)], {
      cursors,
      request: async (c) => {
        asked.push(c);
        return ok(pages.shift() as SyncResponse);
      },
      onChange: (m) => got.push(m),
      isCurrent: () => true,
    });

    expect(result).toEqual(ok(3));
    expect(asked).toEqual([{ a: 2 }, { a: 4 }]);
    expect(got.map((m) => m.id)).toEqual(['a-3', 'a-4', 'a-5']);
    expect([cursors.get('a'), cursors.get('b'), cursors.get('new')]).toEqual([5, 5, 9]);
  });

  it('does not let a live event that raced ahead skip changes still to come', async () => {
    const cursors = createMemoryCursorStore();
    cursors.advance('a', 1);
    const asked: Record<string, number>[] = [];
    const pages: SyncResponse[] = [
      { changes: [message('a', 2)], hasMore: true },
      { changes: [message('a', 3)], hasMore: false },
    ];

    await catchUp([channel('a', 3)], {
      cursors,
      request: async (c) => {
        asked.push(c);
        cursors.advance('a', 10); // a live message:new arrives meanwhile
        return ok(pages.shift() as SyncResponse);
      },
      onChange: () => undefined,
      isCurrent: () => true,
    });

    expect(asked).toEqual([{ a: 1 }, { a: 2 }]);
    expect(cursors.get('a')).toBe(10);
  });

  it('stops on an error or when the server makes no progress', async () => {
    const cursors = createMemoryCursorStore();
    cursors.advance('a', 1);
    let calls = 0;
    const stuck = await catchUp([channel('a', 3)], {
      cursors,
      request: async () => {
        calls += 1;
        return ok({ changes: [], hasMore: true });
      },
      onChange: () => undefined,
      isCurrent: () => true,
    });
    const failed = await catchUp([channel('a', 3)], {
      cursors,
      request: async (): Promise<Result<SyncResponse>> => err('timeout', 'slow'),
      onChange: () => undefined,
      isCurrent: () => true,
    });

    expect(stuck).toEqual(ok(0));
    expect(calls).toBe(1);
    expect(failed.ok).toBe(false);
  });
});
