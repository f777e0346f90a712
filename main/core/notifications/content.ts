import type { NotificationContent } from '../../../common/policy';
import type { Channel, Message, User } from '../../../common/protocol';
import { assertNever } from '../../../common/result';

export const NOTIFICATION_BODY_MAX_CHARS = 200;

export interface NotificationText {
  title: string;
  body: string;
}

/**
 * Control and format characters (bidirectional overrides, zero-width characters) go: they would
 * let a name or message disguise what a notification says ("moc.knab" shown as "bank.com").
 */
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}]/gu;

function clean(text: string): string {
  return text.replace(INVISIBLE_OR_CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Markdown as the renderer would show it, reduced to its words. */
export function markdownToPlainText(markdown: string): string {
  return clean(
    markdown
      .replace(/```[^\n]*\n?([\s\S]*?)```/g, '$1')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>\n]*>/g, '')
      .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, '')
      .replace(/(\*\*|__|~~|`)/g, '')
      .replace(/(^|[\s(])[*_]+|[*_]+(?=[\s).,!?:;]|$)/gm, '$1'),
  );
}

export function truncate(text: string, max = NOTIFICATION_BODY_MAX_CHARS): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

export function senderName(user: User | undefined): string {
  const name = clean(user?.displayName ?? '') || clean(user?.username ?? '');
  return name || 'Someone';
}

export function channelLabel(channel: Channel | undefined): string {
  return `#${clean(channel?.name ?? '') || 'unknown'}`;
}

/**
 * What a notification says, by the organisation's policy. Only `full` ever carries any of the
 * message's text; the other modes name who wrote (and where) and nothing more.
 */
export function notificationText(
  content: NotificationContent,
  message: Pick<Message, 'body'>,
  author: User | undefined,
  channel: Channel | undefined,
): NotificationText {
  const sender = senderName(author);

  switch (content) {
    case 'full':
      return {
        title: `${sender} in ${channelLabel(channel)}`,
        body: truncate(markdownToPlainText(message.body)),
      };
    case 'sender_and_channel':
      return { title: 'Parley', body: `New message from ${sender} in ${channelLabel(channel)}` };
    case 'sender_only':
      return { title: 'Parley', body: `New message from ${sender}` };
    default:
      return assertNever(content);
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when the body says `@username` or `@display name` as a whole word, in any case. "Whole
 * word": no letter, digit or underscore right before the `@` or right after the name.
 */
export function mentions(body: string, user: User): boolean {
  const names = [user.username, user.displayName.trim()].filter((name) => name !== '');
  return names.some((name) =>
    new RegExp(`(?<![\\p{L}\\p{N}_])@${escapeRegExp(name)}(?![\\p{L}\\p{N}_])`, 'iu').test(body),
  );
}
