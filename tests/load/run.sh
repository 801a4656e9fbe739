#!/bin/bash
# make load: CLIENTS kartleggere (32) for DURATION seconds (60) of mixed logins, lists, form loads
# and saves against a fresh local Apache, each with its own surveys. Passes when no request
# got a 5xx or failed and every acknowledged save is there afterwards (tests/load/client.py
# reads each survey back); prints the figures. Also used by tests/load/faults.sh.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/instance.sh
CLIENTS=${CLIENTS:-32} DURATION=${DURATION:-60}
WORK=$(mktemp -d /tmp/brukerplan-load.XXXXXX)
trap 'instance_stop; rm -rf "$WORK"' EXIT
PW="et langt passord for lasttesten"

instance_start || { echo "could not start Apache" >&2; exit 1; }
echo "# load: $CLIENTS kartleggere for $DURATION s on $BP_URL (build ${BUILD:-build})"
load_accounts "$CLIENTS" "$WORK/accounts" || exit 1
python3 tests/load/client.py "$BP_URL" "$WORK/accounts" "$DURATION"
status=$?
if grep -Eq "$BP_CRASHES" "$BP_LOGS/error.log"; then
	echo "load: crash in the Apache error log" >&2
	status=1
fi
exit $status
