import type { Channel, Message, User } from '../common/protocol';
import { createTextGenerator, seededRandom } from './text';

export const SEED = 20_240_601;
export const CHANNEL_COUNT = 50;
export const USER_COUNT = 200;
/** The busiest channel: the one whose first page the open-time figure loads. */
export const BUSY_CHANNEL = 'ch-0';

export const channels: Channel[] = Array.from({ length: CHANNEL_COUNT }, (_, i) => ({
  id: `ch-${i}`,
  name: `channel ${i}`,
  topic: '',
  lastRev: 0,
}));

export const users: User[] = Array.from({ length: USER_COUNT }, (_, i) => ({
  id: `u-${i}`,
  username: `user${i}`,
  displayName: `User ${i}`,
}));

/** Deterministic message batches; channel traffic is skewed like a real workspace. */
export function* messageBatches(total: number, batchSize: number): Generator<Message[]> {
  const random = seededRandom(SEED + 1);
  const text = createTextGenerator(SEED);
  const seqs = new Array<number>(CHANNEL_COUNT).fill(0);
  const clientId = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

  for (let made = 0; made < total;) {
    const size = Math.min(batchSize, total - made);
    const batch: Message[] = [];
    for (let i = 0; i < size; i += 1, made += 1) {
      const channel = Math.floor(CHANNEL_COUNT * random() * random());
      const seq = (seqs[channel] = (seqs[channel] ?? 0) + 1);
      batch.push({
        id: `m-${made}`,
        channelId: `ch-${channel}`,
        seq,
        rev: seq,
        authorId: `u-${Math.floor(random() * USER_COUNT)}`,
        clientId: clientId(made),
        body: text.sentence(),
        createdAt: 1_700_000_000_000 + made * 30_000,
        editedAt: null,
        deleted: false,
      });
    }
    yield batch;
  }
}

/** Search inputs drawn from the same vocabulary: common, rare, two words, and prefixes. */
export function searchQueries(count: number): string[] {
  const random = seededRandom(SEED + 2);
  const { vocabulary } = createTextGenerator(SEED);
  const common = vocabulary.slice(0, 150);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;

  return Array.from({ length: count }, (_, i) => {
    switch (i % 4) {
      case 0:
        return pick(common);
      case 1:
        return pick(vocabulary);
      case 2:
        return `${pick(common)} ${pick(vocabulary)}`;
      default:
        return pick(vocabulary).slice(0, 2 + Math.floor(random() * 3));
    }
  });
}
