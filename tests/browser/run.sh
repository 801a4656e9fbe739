#!/bin/bash
# Browser tests (node --test) against a fresh instance on a free port.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/instance.sh
instance_start || { echo "could not start Apache" >&2; exit 1; }
trap instance_stop EXIT
export BP_URL BP_BPADM BP_CONF
echo "# browser tests on $BP_URL"
node --test --test-concurrency=1 tests/browser/
status=$?
if grep -Eq 'Segmentation|AddressSanitizer|runtime error' "$BP_LOGS/error.log"; then
	echo "browser tests: crash in the Apache error log" >&2
	status=1
fi
# After the whole suite: no fødselsnummer in Apache's logs. Every run of 11 digits that is
# not part of a hex id is checked as a number (test mode: synthetic ones too); any valid
# one fails the run.
leaked=0
for n in $(grep -ohE '(^|[^0-9a-fA-F])[0-9]{11}([^0-9a-fA-F]|$)' "$BP_LOGS/access.log" \
    "$BP_LOGS/error.log" | grep -oE '[0-9]{11}' | sort -u); do
	if "$BP_BPADM" fnr --mode test "$n" >/dev/null 2>&1; then
		echo "browser tests: a fødselsnummer in the Apache logs" >&2
		leaked=1
	fi
done
[ $leaked = 0 ] && echo "# no fødselsnummer in the Apache logs ($(wc -l < "$BP_LOGS/access.log") requests)" || status=1
exit $status
