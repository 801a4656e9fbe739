#!/bin/sh
# run.sh: `make run`. Deploy the build into RUN_DIR, make a store with fresh secrets the
# first time (printing a one-time bootstrap invitation for the first KORFOR account),
# then run Apache httpd in the foreground on http://127.0.0.1:$PORT/. Ctrl-C stops it.
set -eu

build=${BUILD:-build}
port=${PORT:-8080}
src=$(cd "$(dirname "$0")/../.." && pwd)
user=$("$src/tools/site/httpd.sh" user)
run=${RUN_DIR:-}
if [ -z "$run" ]; then
	run="$src/run"
	# As root, Apache's workers run as www-data and must reach the site; a checkout under
	# /root cannot be reached, so the site then lives under /var/tmp.
	if [ "$(id -u)" -eq 0 ] && ! runuser -u "$user" -- test -x "$src" 2>/dev/null; then
		run=/var/tmp/brukerplan-run
	fi
fi
site="$run/site"
mkdir -p "$run/logs"
"$src/tools/site/deploy.sh" "$build" "$site" "http://127.0.0.1:$port" test
conf="$site/brukerplan.conf"
if ! grep -q "^base_url *= *http://127.0.0.1:$port\$" "$conf"; then
	sed -i "s#^base_url *=.*#base_url = http://127.0.0.1:$port#" "$conf"
	"$site/bin/bpadm" -c "$conf" errorpages "$site/public_html/feil"
fi

link=""
if [ ! -f "$site/store/data.mdb" ]; then
	"$site/bin/bpadm" -c "$conf" init >/dev/null
	link=$("$site/bin/bpadm" -c "$conf" invite --role korfor)
fi
if [ "$(id -u)" -eq 0 ]; then
	chmod 755 "$run"
	chown -R "$user:$user" "$site/store" "$site/secrets" "$run/logs"
fi
"$src/tools/site/httpd.sh" conf "$site" "$run" "$port" > "$run/httpd.conf"
/usr/sbin/apache2 -t -f "$run/httpd.conf" >/dev/null 2>&1 || /usr/sbin/apache2 -t -f "$run/httpd.conf"

echo
echo "Brukerplan kjører på http://127.0.0.1:$port/  (Ctrl-C stopper)"
echo "Lager og logger: $run"
if [ -n "$link" ]; then
	echo
	echo "Nytt lager. Registrer den første KORFOR-kontoen med denne engangslenken:"
	echo "  $link"
fi
echo
exec /usr/sbin/apache2 -f "$run/httpd.conf" -DFOREGROUND
