#!/bin/bash
# OpenID Connect end to end: a test instance (tests/lib/instance.sh) whose Apache protects
# /cgi-bin/oidc with mod_auth_openidc (tools/site/httpd-oidc.sh), our own OpenID Connect
# provider on loopback (provider.mjs, in ID-porten's place), and Chromium logging in through
# both (oidc.test.mjs), through the real oidc and register programs.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/instance.sh

[ -f /usr/lib/apache2/modules/mod_auth_openidc.so ] || {
	echo "oidc tests need: apt-get install libapache2-mod-auth-openidc" >&2
	exit 1
}
[ -d tests/browser/node_modules/oidc-provider ] || {
	echo "oidc tests need the pinned node modules: tools/site/deps.sh test" >&2
	exit 1
}

# The provider's port must be in Apache's config before Apache starts (a free one, as
# instance.sh finds its own).
for _ in 1 2 3 4 5 6 7 8; do
	OIDC_PORT=$((20000 + RANDOM % 40000))
	(exec 3<>"/dev/tcp/127.0.0.1/$OIDC_PORT") 2>/dev/null || break
done
OIDC_URL=http://127.0.0.1:$OIDC_PORT
CLIENT_ID=brukerplan-test
CLIENT_SECRET=$(openssl rand -hex 24)
# Apache's own port is picked inside instance_start, so mod_auth_openidc gets the redirect
# URI as a path (it completes it from the request's host); the provider, started after
# Apache, gets the full URI it must match exactly.
# shellcheck disable=SC2034 # read by instance_start
INSTANCE_EXTRA=$(tools/site/httpd-oidc.sh "" "$OIDC_URL/.well-known/openid-configuration" \
    "$CLIENT_ID" "$CLIENT_SECRET" "$(openssl rand -hex 32)" /cgi-bin/oidc/callback) || exit 1

PROVIDER_PID=
cleanup() {
	[ -n "$PROVIDER_PID" ] && kill "$PROVIDER_PID" 2>/dev/null && wait "$PROVIDER_PID" 2>/dev/null
	instance_stop
}
trap cleanup EXIT
instance_start || { echo "could not start Apache" >&2; exit 1; }
echo "# OpenID Connect tests on $BP_URL, provider $OIDC_URL"

sed -i 's/^auth *=.*/auth     = oidc/' "$BP_CONF"

# settings through the environment, not argv: ps shows argv, with the secret, to everyone
OIDC_PORT=$OIDC_PORT OIDC_CLIENT_ID=$CLIENT_ID OIDC_CLIENT_SECRET=$CLIENT_SECRET \
    OIDC_REDIRECT_URI=$BP_URL/cgi-bin/oidc/callback \
    node tests/oidc/provider.mjs >"$BP_DIR/provider.log" 2>&1 &
PROVIDER_PID=$!
for _ in $(seq 100); do
	grep -q '^oidc-provider listening on ' "$BP_DIR/provider.log" && break
	kill -0 "$PROVIDER_PID" 2>/dev/null || break
	sleep 0.1
done
grep -q '^oidc-provider listening on ' "$BP_DIR/provider.log" || {
	echo "could not start the OpenID Connect provider:" >&2
	cat "$BP_DIR/provider.log" >&2
	exit 1
}

export BP_URL BP_BPADM BP_CONF OIDC_URL
node --test tests/oidc/oidc.test.mjs
status=$?
if grep -Eq 'Segmentation|AddressSanitizer|runtime error' "$BP_LOGS/error.log" ||
    [ -n "$(ls -A "$BP_SAN_LOGS")" ]; then
	echo "oidc tests: crash in the Apache error log" >&2
	status=1
fi
if [ $status -ne 0 ]; then
	echo "--- Apache error log" >&2
	cat "$BP_LOGS/error.log" >&2
	echo "--- provider log" >&2
	cat "$BP_DIR/provider.log" >&2
fi
exit $status
