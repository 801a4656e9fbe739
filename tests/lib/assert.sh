# assert.sh: tiny assertions for the shell tests (source it from bash).
#   check NAME COMMAND...   run COMMAND; count a pass or print the failure
#   done_checks             print the totals; exit status 1 when anything failed
T_PASS=0
T_FAIL=0

check() {
	local name=$1
	shift
	if "$@"; then
		T_PASS=$((T_PASS + 1))
		printf 'ok   %s\n' "$name"
	else
		T_FAIL=$((T_FAIL + 1))
		printf 'FAIL %s\n' "$name"
	fi
}

done_checks() {
	printf '%d passed, %d failed\n' "$T_PASS" "$T_FAIL"
	[ "$T_FAIL" -eq 0 ]
}

# fetch METHOD URL [curl args...]: sets STATUS, HEADERS (file) and BODY (file)
fetch() {
	local method=$1 url=$2
	shift 2
	HEADERS=$(mktemp) BODY=$(mktemp)
	STATUS=$(curl -s -X "$method" -D "$HEADERS" -o "$BODY" -w '%{http_code}' "$@" "$url")
}

is() { [ "$1" = "$2" ] || { echo "     expected '$2', got '$1'" >&2; return 1; }; }
has_header() { grep -qi "^$1" "$HEADERS" || { echo "     no header '$1'" >&2; return 1; }; }
body_has() { grep -q -- "$1" "$BODY" || { echo "     body lacks '$1'" >&2; return 1; }; }
body_lacks() { ! grep -qi -- "$1" "$BODY" || { echo "     body has '$1'" >&2; return 1; }; }
