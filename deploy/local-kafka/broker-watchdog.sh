#!/usr/bin/env bash
# Runs the broker command given as arguments and guarantees it does not outlive the launcher:
# the launcher holds this script's stdin open; when the launcher exits for any reason (even SIGKILL),
# stdin reaches end-of-file and the broker is stopped. SIGTERM/SIGINT stop the broker cleanly too.
# The broker's own output goes to $BROKER_OUTPUT. The broker's pid is printed on the first line of
# stdout, so the launcher can kill it as a last resort.
set -u

"$@" </dev/null >>"${BROKER_OUTPUT:-/dev/null}" 2>&1 &
broker=$!
echo "$broker"

stop_broker() {
  kill -TERM "$broker" 2>/dev/null
  wait "$broker"
  exit $?
}
trap stop_broker TERM INT

# Watch stdin in the background: EOF means the launcher is gone.
{ cat >/dev/null; kill -TERM "$$" 2>/dev/null; } <&0 &
watcher=$!

wait "$broker"
status=$?
# The broker exited on its own (crash or clean stop); end the stdin watcher with it.
pkill -P "$watcher" 2>/dev/null
kill "$watcher" 2>/dev/null
exit "$status"
