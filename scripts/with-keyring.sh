#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, in a throwaway
# HOME, so keychain tests use a real Secret Service and never touch the user's own keyring.
set -euo pipefail

scratch=$(mktemp -d "${TMPDIR:-/tmp}/parley-keyring.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/run"
chmod 700 "$scratch/run"

export HOME="$scratch" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run"

# A locked keyring can make keytar wait forever; the whole run is bounded.
timeout "${PARLEY_KEYRING_TIMEOUT:-900}" dbus-run-session -- sh -c '
  echo -n parley-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' sh "$@"
