# instance.sh: a throwaway Brukerplan for tests and benchmarks (source it from bash).
#
#   instance_start     deploy $BUILD into a temporary directory, make a fresh store and
#                      start Apache httpd on a free loopback port (the `make run` setup)
#   instance_stop      stop Apache; the directory is removed unless KEEP=1
#
# Sets BP_DIR BP_SITE BP_CONF BP_URL BP_PORT BP_BPADM BP_LOGS BP_SAN_LOGS.
# INSTANCE_MODE (test|drift, default test), INSTANCE_EXTRA (extra httpd.conf lines),
# INSTANCE_MAP_MB (the store's first map size) and INSTANCE_FSIZE (see below).

BP_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# what in Apache's error log means a bug of ours: a crash, a sanitizer's report, a program
# that died before its headers, a handler that returned something other than a bp_err
BP_CRASHES='Segmentation|AddressSanitizer|runtime error|End of script output before headers|not a bp_err'

instance_start() {
	local build=${BUILD:-build} port tries user
	build=$(cd "$BP_SRC" && cd "$build" && pwd)
	user=$("$BP_SRC/tools/site/httpd.sh" user)
	BP_DIR=$(mktemp -d /tmp/brukerplan-test.XXXXXX)
	chmod 755 "$BP_DIR"
	BP_SITE=$BP_DIR/site
	BP_CONF=$BP_SITE/brukerplan.conf
	BP_BPADM=$BP_SITE/bin/bpadm
	BP_LOGS=$BP_DIR/logs
	BP_SAN_LOGS=$BP_DIR/sanitizer
	mkdir -p "$BP_LOGS" "$BP_SAN_LOGS"
	for tries in 1 2 3 4 5 6 7 8; do
		port=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
		"$BP_SRC/tools/site/deploy.sh" "$build" "$BP_SITE" "http://127.0.0.1:$port" \
		    "${INSTANCE_MODE:-test}" 2>/dev/null || return 1
		sed -i "s#^base_url *=.*#base_url = http://127.0.0.1:$port#" "$BP_CONF"
		"$BP_BPADM" -c "$BP_CONF" errorpages "$BP_SITE/public_html/feil" || return 1
		[ -f "$BP_SITE/store/data.mdb" ] || "$BP_BPADM" -c "$BP_CONF" init >/dev/null || return 1
		if [ "$(id -u)" -eq 0 ]; then
			chown -R "$user:$user" "$BP_SITE/store" "$BP_SITE/secrets" "$BP_LOGS" "$BP_SAN_LOGS"
		fi
		{
			"$BP_SRC/tools/site/httpd.sh" conf "$BP_SITE" "$BP_DIR" "$port"
			# sanitizer builds report into files the tests read afterwards
			echo "SetEnv ASAN_OPTIONS \"halt_on_error=1:detect_leaks=1:log_path=$BP_SAN_LOGS/asan\""
			echo "SetEnv UBSAN_OPTIONS \"halt_on_error=1:print_stacktrace=1:log_path=$BP_SAN_LOGS/ubsan\""
			printf '%s\n' "${INSTANCE_EXTRA:-}"
		} > "$BP_DIR/httpd.conf"
		[ -n "${INSTANCE_MAP_MB:-}" ] && echo "map_mb = $INSTANCE_MAP_MB" >> "$BP_CONF"
		# INSTANCE_FSIZE: a file size limit (KiB) for Apache and its CGI programs, as a
		# full disk looks to them
		if ( [ -n "${INSTANCE_FSIZE:-}" ] && ulimit -f "$INSTANCE_FSIZE"
		    exec /usr/sbin/apache2 -f "$BP_DIR/httpd.conf" -k start 2>"$BP_DIR/start.err" ); then
			BP_PORT=$port
			BP_URL=http://127.0.0.1:$port
			local i
			for i in $(seq 50); do
				curl -s -o /dev/null "$BP_URL/css/bp.css" && return 0
				sleep 0.1
			done
		fi
		grep -q "in use" "$BP_DIR/start.err" "$BP_LOGS/error.log" 2>/dev/null || {
			cat "$BP_DIR/start.err" "$BP_LOGS/error.log" >&2 2>/dev/null
			return 1
		}
	done
	echo "instance: no free port found" >&2
	return 1
}

instance_stop() {
	local pid i
	[ -n "${BP_DIR:-}" ] || return 0
	if [ -f "$BP_DIR/httpd.pid" ]; then
		pid=$(cat "$BP_DIR/httpd.pid")
		/usr/sbin/apache2 -f "$BP_DIR/httpd.conf" -k stop 2>/dev/null
		for i in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
	fi
	if [ "${KEEP:-0}" = 1 ]; then
		echo "instance: kept $BP_DIR" >&2
	else
		rm -rf "$BP_DIR"
	fi
	BP_DIR=
}

csrf_of_page() { grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | cut -d'"' -f4; }

# instance_register LINK NAME EMAIL PASSWORD JAR [FIELD=VALUE...]: register through an
# invitation link as a browser would (two form steps). Prints the TOTP secret (base32).
instance_register() {
	local link=$1 name=$2 email=$3 pw=$4 jar=$5 token csrf page secret pending code
	shift 5
	local extra=()
	for kv in "$@"; do extra+=(--data-urlencode "$kv"); done
	token=${link##*t=}
	csrf=$(curl -s -c "$jar" -b "$jar" "$link" | csrf_of_page)
	page=$(curl -s -c "$jar" -b "$jar" --data-urlencode "navn=$name" --data-urlencode "epost=$email" \
	    --data-urlencode "passord=$pw" --data-urlencode "passord2=$pw" "${extra[@]}" \
	    -d "csrf=$csrf&t=$token&steg=konto&vilkar=ja" "$BP_URL/cgi-bin/register")
	secret=$(printf '%s' "$page" | grep -o '<code class="secret">[^<]*' | sed 's/.*>//; s/ //g')
	pending=$(printf '%s' "$page" | grep -o 'name="p" value="[0-9a-f]*"' | cut -d'"' -f4)
	[ -n "$secret" ] && [ -n "$pending" ] || { echo "instance_register: step 1 failed for $email" >&2; return 1; }
	code=$(oathtool --totp -b --now="$(date -u -d @$(( $(date +%s) + $(instance_clock) )) '+%Y-%m-%d %H:%M:%S UTC')" "$secret")
	curl -s -o /dev/null -c "$jar" -b "$jar" -d "csrf=$csrf&t=$token&steg=kode&p=$pending&kode=$code" \
	    "$BP_URL/cgi-bin/register" || return 1
	echo "$secret"
}

# instance_person JAR LINK NAME EMAIL PASSWORD [FIELD=VALUE...]: register through LINK and log
# in, as a person would. Prints the TOTP secret; says which e-post failed, and fails, when a
# step (or the link) is missing.
instance_person() {
	local jar=$1 link=$2 name=$3 email=$4 pw=$5 secret
	shift 5
	[ -n "$link" ] && secret=$(instance_register "$link" "$name" "$email" "$pw" "$jar" "$@") &&
	    instance_login "$email" "$pw" "$secret" "$jar" ||
	    { echo "setup failed: $email" >&2; return 1; }
	echo "$secret"
}

# instance_clock: the test clock's offset in seconds (0 when unset, and in drift mode, which
# has no test clock)
instance_clock() {
	local o
	o=$("$BP_BPADM" -c "$BP_CONF" clock 2>/dev/null |
	    sed -n 's/.*forskjøvet \(-\{0,1\}[0-9]*\) sekunder.*/\1/p')
	echo "${o:-0}"
}

# instance_login EMAIL PASSWORD SECRET JAR: log in with the next TOTP step's code (the
# registration spent this one; the server accepts one step either way).
instance_login() {
	local email=$1 pw=$2 secret=$3 jar=$4 csrf code
	code=$(oathtool --totp -b --now="$(date -u -d @$(( $(date +%s) + $(instance_clock) + 30 )) '+%Y-%m-%d %H:%M:%S UTC')" "$secret")
	csrf=$(curl -s -c "$jar" -b "$jar" "$BP_URL/cgi-bin/login" | csrf_of_page)
	curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "epost=$email" \
	    --data-urlencode "passord=$pw" -d "csrf=$csrf&kode=$code" "$BP_URL/cgi-bin/login" || return 1
	grep -q bp_sid "$jar" || { echo "instance_login: no session for $email" >&2; return 1; }
}

# instance_account NAME EMAIL PASSWORD JAR: a KORFOR account from `bpadm invite`, logged in.
# Prints the TOTP secret.
instance_account() {
	local link secret
	link=$("$BP_BPADM" -c "$BP_CONF" invite --role korfor) || return 1
	secret=$(instance_register "$link" "$1" "$2" "$3" "$4") || return 1
	instance_login "$2" "$3" "$secret" "$4" || return 1
	echo "$secret"
}

# instance_invite JAR ROLE [FIELD=VALUE...]: make one invitation link as the account of JAR
# (the "Inviter til Brukerplan" form). Prints the link.
instance_invite() {
	local jar=$1 role=$2 csrf
	shift 2
	local extra=()
	for kv in "$@"; do extra+=(--data-urlencode "$kv"); done
	csrf=$(curl -s -c "$jar" -b "$jar" "$BP_URL/cgi-bin/invite" | csrf_of_page)
	curl -s -c "$jar" -b "$jar" -d "csrf=$csrf&handling=lag&rolle=$role&antall=1&tilganger=1" \
	    "${extra[@]}" "$BP_URL/cgi-bin/invite" | grep -o '<code>[^<]*register?t=[0-9a-f]*' | sed 's/<code>//' | head -1
}

# instance_kartlegger NAME EMAIL PASSWORD JAR KOMMUNE INSTANS: a kartlegger in KOMMUNE and
# INSTANS, invited by a KORFOR account made on first use, logged in. Prints the TOTP secret.
instance_kartlegger() {
	local link secret korfor=$BP_DIR/korfor.jar
	if [ ! -f "$korfor" ]; then
		instance_account "KORFOR Admin" korfor-admin@korfor.no "et langt korforpassord" \
		    "$korfor" >/dev/null || return 1
	fi
	link=$(instance_invite "$korfor" kartlegger "kommune=$5" "instans=$6") || return 1
	[ -n "$link" ] || { echo "instance_kartlegger: no invitation link" >&2; return 1; }
	secret=$(instance_register "$link" "$1" "$2" "$3" "$4" tjenestetype=nav) || return 1
	instance_login "$2" "$3" "$secret" "$4" || return 1
	echo "$secret"
}

# fnr_make DDMMYY III: the fødselsnummer with those nine digits and their control digits
# (cgi-bin/lib/fnr.c), or nothing when no k1 or k2 exists for them (then try another III).
fnr_make() {
	local d=$1$2 w1=(3 7 6 1 8 9 4 5 2) w2=(5 4 3 2 7 6 5 4 3 2) s=0 i k1 k2
	for i in 0 1 2 3 4 5 6 7 8; do s=$((s + ${d:i:1} * w1[i])); done
	k1=$(( (11 - s % 11) % 11 ))
	[ "$k1" -eq 10 ] && return 0
	d=$d$k1 s=0
	for i in 0 1 2 3 4 5 6 7 8 9; do s=$((s + ${d:i:1} * w2[i])); done
	k2=$(( (11 - s % 11) % 11 ))
	[ "$k2" -eq 10 ] && return 0
	echo "$d$k2"
}

# fnr_any DDMMYY [FROM]: a valid number born DDMMYY, the first from individnummer FROM up
fnr_any() {
	local i n
	for i in $(seq "${2:-100}" 999); do
		n=$(fnr_make "$1" "$(printf %03d "$i")")
		[ -n "$n" ] && { echo "$n"; return 0; }
	done
	return 1
}

# load_accounts N FILE: N kartleggere (two kommuner, an instans each per four), each with
# three synthetic surveys (bpadm demo), as "email<TAB>password<TAB>secret<TAB>clock offset"
# lines for tests/load/client.py. Their codes of this TOTP step are spent.
load_accounts() {
	local n=$1 file=$2 i k email secret pw="et langt passord for lasttesten"
	: > "$file"
	for i in $(seq 1 "$n"); do
		k=$([ $((i % 2)) = 0 ] && echo 1103 || echo 1101)
		email="k$i@last.kommune.no"
		secret=$(instance_kartlegger "Kartlegger $i" "$email" "$pw" "$BP_DIR/k$i.jar" "$k" \
		    "Instans $((i / 4))") || { echo "load: account $i" >&2; return 1; }
		"$BP_BPADM" -c "$BP_CONF" demo --owner "$email" --surveys 3 >/dev/null ||
		    { echo "load: surveys of $i" >&2; return 1; }
		printf '%s\t%s\t%s\t%s\n' "$email" "$pw" "$secret" "$(instance_clock)" >> "$file"
	done
}
