/** Demo accounts for local development only; `--demo` prints these when it seeds them. */
export const DEMO_ACCOUNTS = [
  { username: 'alice', displayName: 'Alice Archer', password: 'parley-demo-alice' },
  { username: 'bob', displayName: 'Bob Baker', password: 'parley-demo-bob' },
  { username: 'carol', displayName: 'Carol Chen', password: 'parley-demo-carol' },
] as const;

export const DEMO_CHANNELS = [
  { name: 'general', topic: 'Company-wide announcements and chatter' },
  { name: 'random', topic: 'Anything goes' },
  { name: 'engineering', topic: 'Builds, reviews and on-call' },
] as const;
