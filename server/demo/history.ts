/**
 * A deterministic, varied message history for the demo: short and long lines, markdown, a code
 * block, and one message full of HTML that a client must show as text.
 */
export const HOSTILE_DEMO_TEXT = 'Rendering check: <b>html</b><script>alert(1)</script>';

const SHORT = [
  'Morning all',
  'lgtm',
  'On it.',
  'Thanks!',
  '+1',
  'Back in 10',
  'Anyone seen the release notes?',
  'Coffee?',
  'Heads up: the staging deploy is running',
  'Fixed, please pull again',
];

const LONG = [
  'Quick summary of today: the sync fix landed, the flaky login test is quarantined with a ' +
    'ticket, and the installer signing is waiting on the new certificate from IT.',
  'I went through the feedback from the pilot group. Most of it is about notifications being ' +
    'too chatty at night, so let us look at quiet hours before we add anything new.',
  'Reminder that the office is closed on Friday. If you are on call, check the rota and ' +
    'make sure your laptop can reach the VPN from home before Thursday evening.',
];

const MARKDOWN = [
  '**Release 0.4** is out:\n\n- faster startup\n- offline outbox\n- _much_ smaller installer',
  'Steps to reproduce:\n\n1. log in\n2. pull the cable\n3. send a message\n\nExpected: it waits.',
  '> Measure twice, cut once.\n\nAgreed, see the [design doc](https://example.com/design).',
];

const CODE =
  'The retry helper we talked about:\n\n```ts\nasync function retry<T>(run: () => Promise<T>, ' +
  'times = 3): Promise<T> {\n  for (let i = 1; ; i++) {\n    try {\n      return await run();\n' +
  '    } catch (error) {\n      if (i >= times) throw error;\n    }\n  }\n}\n```';

/** The body of the n-th demo message (0-based) out of `total`. */
export function demoBody(n: number, total: number): string {
  if (n === Math.floor(total * 0.6)) return CODE;
  if (n === Math.floor(total * 0.8)) return HOSTILE_DEMO_TEXT;
  if (n % 17 === 5) return MARKDOWN[((n / 17) % MARKDOWN.length) | 0]!;
  if (n % 7 === 3) return LONG[n % LONG.length]!;

  return SHORT[(n * 7) % SHORT.length]!;
}
