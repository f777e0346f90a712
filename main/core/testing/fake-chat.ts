import { randomUUID } from 'node:crypto';

import type { Channel, Message, ReadyEvent, User } from '../../../common/protocol';

/** The state of a tiny chat server for tests: one channel, two users, messages with revs. */
export class FakeChat {
  readonly users: User[] = [
    { id: 'u-ann', username: 'ann', displayName: 'Ann' },
    { id: 'u-bob', username: 'bob', displayName: 'Bob' },
  ];
  readonly passwords = new Map([['ann', 'correct horse battery']]);
  readonly channels = new Map<string, Channel>([
    ['c-general', { id: 'c-general', name: 'general', topic: '', lastRev: 0 }],
  ]);
  readonly messages = new Map<string, Message>();
  private nextId = 1;

  ready(userId: string): ReadyEvent {
    const user = this.users.find((u) => u.id === userId) ?? this.users[0]!;
    return {
      user,
      channels: [...this.channels.values()].map((c) => ({ ...c })),
      users: this.users,
      online: [userId],
    };
  }

  private bump(channelId: string): number {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    channel.lastRev += 1;
    return channel.lastRev;
  }

  post(
    channelId: string,
    authorId: string,
    body: string,
    clientId: string = randomUUID(),
  ): Message {
    const existing = [...this.messages.values()].find((m) => m.clientId === clientId);
    if (existing) return existing;
    const rev = this.bump(channelId);
    const message: Message = {
      id: `m${this.nextId++}`,
      channelId,
      seq: rev,
      rev,
      authorId,
      clientId,
      body,
      createdAt: Date.now(),
      editedAt: null,
      deleted: false,
    };
    this.messages.set(message.id, message);
    return { ...message };
  }

  edit(messageId: string, body: string): Message | null {
    const message = this.messages.get(messageId);
    if (!message || message.deleted) return null;
    Object.assign(message, { body, editedAt: Date.now(), rev: this.bump(message.channelId) });
    return { ...message };
  }

  remove(messageId: string): Message | null {
    const message = this.messages.get(messageId);
    if (!message || message.deleted) return null;
    Object.assign(message, { body: '', deleted: true, rev: this.bump(message.channelId) });
    return { ...message };
  }

  history(channelId: string, limit: number, beforeSeq?: number) {
    const all = [...this.messages.values()]
      .filter((m) => m.channelId === channelId && (beforeSeq === undefined || m.seq < beforeSeq))
      .sort((a, b) => a.seq - b.seq);
    return { messages: all.slice(-limit), hasMore: all.length > limit };
  }

  since(cursors: Record<string, number>, max: number) {
    const all = [...this.messages.values()]
      .filter((m) => cursors[m.channelId] !== undefined && m.rev > cursors[m.channelId]!)
      .sort((a, b) => a.rev - b.rev);
    return { changes: all.slice(0, max).map((m) => ({ ...m })), hasMore: all.length > max };
  }
}
