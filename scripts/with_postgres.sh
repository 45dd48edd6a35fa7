#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: `scripts/with_postgres.sh CMD…`.
#
# Starts a fresh cluster in a temporary folder, listening on 127.0.0.1 only (and a socket in
# that folder), with two empty databases, exports their URLs as VOICE_TEST_DATABASE_URL and
# VOICE_TEST_LIVE_DATABASE_URL (the browser tests' server), runs the command, and always stops
# the server it started (by its own data folder, never anything else) and deletes the folder.
# Fails, never skips, when PostgreSQL is not installed.
set -euo pipefail

BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "error: PostgreSQL is not installed (apt-get install -y postgresql); the test suite runs against it too" >&2
  exit 1
fi
WORK="$(mktemp -d /tmp/voice-pg.XXXXXX)"
chmod 755 "$WORK"
DATA="$WORK/data"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
AS=()
if [ "$(id -u)" = "0" ]; then  # PostgreSQL refuses to run as root
  chown nobody "$WORK"
  AS=(runuser -u nobody --)
fi
stop() {
  "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap stop EXIT
"${AS[@]}" "$BIN/initdb" -D "$DATA" -U voice --auth=trust --encoding=UTF8 >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$WORK/log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PORT -k $WORK -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U voice voice_test
"$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U voice voice_live
export VOICE_TEST_DATABASE_URL="postgresql+psycopg://voice@127.0.0.1:$PORT/voice_test"
export VOICE_TEST_LIVE_DATABASE_URL="postgresql+psycopg://voice@127.0.0.1:$PORT/voice_live"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
"$@"
