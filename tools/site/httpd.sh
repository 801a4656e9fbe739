#!/bin/sh
# httpd.sh conf SITE RUNDIR PORT: print an Apache httpd config that serves the deployed
# SITE (tools/site/deploy.sh) on 127.0.0.1:PORT with logs and sockets in RUNDIR. Used by
# `make run`, the tests and the benchmarks, so all three run the same Apache setup.
#
# httpd.sh user: the account Apache's workers run as (www-data when started as root).
set -eu

server_user() {
	if [ "$(id -u)" -eq 0 ]; then echo www-data; else id -un; fi
}

case "${1:-}" in
user)
	server_user
	exit 0
	;;
conf)
	;;
*)
	echo "usage: httpd.sh conf SITE RUNDIR PORT | httpd.sh user" >&2
	exit 2
	;;
esac
site=$2 run=$3 port=$4
mods=/usr/lib/apache2/modules
user=$(server_user)

cat <<CONF
# Written by tools/site/httpd.sh: Brukerplan on loopback.
ServerRoot "$run"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$run/httpd.pid"
ErrorLog "$run/logs/error.log"
LogLevel warn
LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule mime_module $mods/mod_mime.so
LoadModule alias_module $mods/mod_alias.so
LoadModule env_module $mods/mod_env.so
LoadModule headers_module $mods/mod_headers.so
LoadModule reqtimeout_module $mods/mod_reqtimeout.so
LoadModule cgid_module $mods/mod_cgid.so
ScriptSock "$run/cgid.sock"
CONF
if [ "$(id -u)" -eq 0 ]; then
	echo "User $user"
	echo "Group $user"
fi
cat <<CONF
# The access log leaves out query strings: invitation links carry their token there.
LogFormat "%h %t \"%m %U %H\" %>s %b %D" brukerplan
CustomLog "$run/logs/access.log" brukerplan
ServerTokens Prod
ServerSignature Off
TraceEnable Off
Timeout 30
RequestReadTimeout header=10-20,MinRate=500 body=20,MinRate=500
LimitRequestBody 1048576
TypesConfig /dev/null
AddType text/html .html
AddType text/css .css
AddType text/javascript .js
AddType image/svg+xml .svg
AddDefaultCharset utf-8
DocumentRoot "$site/public_html"
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory "$site/public_html">
  AllowOverride All
  Require all granted
</Directory>
<FilesMatch "^\.ht">
  Require all denied
</FilesMatch>
# Apache answers some errors (a malformed URL, a path above the root) before it reads any
# .htaccess, so the Norwegian error pages and the security headers are set here as well.
CONF
base=$(sed -n 's#^[[:space:]]*base_url[[:space:]]*=[[:space:]]*https\{0,1\}://[^/]*##p' "$site/brukerplan.conf")
for status in 400 403 404 405 413 500 503; do
	echo "ErrorDocument $status $base/feil/$status.html"
done
cat <<'CONF'
Header always set X-Content-Type-Options "nosniff"
Header always set X-Frame-Options "DENY"
Header always set Referrer-Policy "no-referrer"
Header always set Content-Security-Policy "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
CONF
