/** What the electron-builder configuration reads from the environment, kept testable. */
const DEFAULT_UPDATE_URL = 'https://updates.parley.invalid/desktop';

/** The generic feed URL; https only, so a typo cannot ship an app that asks over plain http. */
function updateUrl(env = process.env) {
  const url = env.PARLEY_UPDATE_URL || DEFAULT_UPDATE_URL;
  if (new URL(url).protocol !== 'https:')
    throw new Error(`PARLEY_UPDATE_URL must be https: ${url}`);

  return url;
}

/** Notarise only when one complete set of Apple credentials is present. */
function notarizationConfigured(env = process.env) {
  const has = (...names) => names.every((name) => Boolean(env[name]));

  return (
    has('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
    has('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
    has('APPLE_KEYCHAIN_PROFILE')
  );
}

function windowsSigning(env = process.env) {
  const publisher = env.PARLEY_WIN_PUBLISHER_NAME;

  return publisher ? { signtoolOptions: { publisherName: [publisher] } } : {};
}

module.exports = { DEFAULT_UPDATE_URL, updateUrl, notarizationConfigured, windowsSigning };
