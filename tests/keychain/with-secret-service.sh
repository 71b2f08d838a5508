#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked GNOME Keyring,
# so tests reach a real Secret Service on a headless machine (no desktop login).
# usage: dbus-run-session -- tests/keychain/with-secret-service.sh CMD ARGS...
set -euo pipefail
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
# Keyrings live under XDG_DATA_HOME; a temporary one keeps the real keyring untouched.
export XDG_DATA_HOME="$(mktemp -d)"
# A throwaway login keyring, unlocked with a throwaway password read from stdin.
eval "$(printf 'gallerist-test\n' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
