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
exit $status
