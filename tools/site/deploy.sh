#!/bin/sh
# deploy.sh BUILD DEST [BASE_URL] [MODE]: lay out a Brukerplan site for Apache httpd.
#
#   DEST/brukerplan.conf         configuration (written once; an existing one is kept)
#   DEST/secrets, DEST/store/    made by `bpadm init`; outside the DocumentRoot
#   DEST/xslt/                   stylesheets
#   DEST/data/                   reference data (kommuner, bydeler, KORUS regions), each
#                                year's questionnaire (kartlegging/YEAR, a link to its
#                                version) and report definition (rapport/YEAR.xml)
#   DEST/bin/bpadm               the admin tool (and bp-transfer, the cron tool)
#   DEST/man/man8/               their man pages, bpadm(8) and bp-transfer(8)
#   DEST/public_html/            the DocumentRoot: css, favicon, error pages, .htaccess
#   DEST/public_html/cgi-bin/    the CGI programs, run through .htaccess (ExecCGI)
#
# Everything Apache needs is in the two .htaccess files, so the same tree works on shared
# hosting (AllowOverride All) and under the loopback Apache of `make run` and the tests.
set -eu

build=${1:?usage: deploy.sh BUILD DEST [BASE_URL] [MODE]}
dest=${2:?usage: deploy.sh BUILD DEST [BASE_URL] [MODE]}
base_url=${3:-}
mode=${4:-}
src=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$build" && pwd)
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
web="$dest/public_html"

install -d -m 755 "$dest/bin" "$dest/xslt" "$dest/data" "$dest/data/kartlegging" "$dest/data/rapport" "$web" "$web/cgi-bin" "$web/css" "$web/js" "$web/feil"
install -m 755 "$build"/tools/* "$dest/bin/"
install -m 755 "$build"/cgi-bin/* "$web/cgi-bin/"
install -m 644 "$build"/xslt/*.xsl "$dest/xslt/"
install -m 644 "$build"/data/*.xml "$dest/data/"
# what `bpadm definition` makes a year's questionnaire with, so that the site can publish
# next year's itself (the README says how): the stylesheets, the schema, the report sources
install -d -m 755 "$dest/data/rapport/kilde"
install -m 644 "$build"/data/kartlegging/*.xsl "$build"/data/kartlegging/*.rng \
    "$dest/data/kartlegging/"
install -m 644 "$build"/data/rapport/*.xml "$build"/data/rapport/rapport.xsl "$dest/data/rapport/"
install -m 644 "$build"/data/rapport/kilde/*.xml "$dest/data/rapport/kilde/"
# the files of an earlier layout (YEAR.xml beside YEAR.def): no program reads them now
for f in "$dest"/data/kartlegging/[0-9][0-9][0-9][0-9].def; do
	[ -f "$f" ] || continue
	rm -f "$f" "${f%.def}.xml" "${f%.def}.form.html"
done
# Each year's questionnaire, made anew by this release's bpadm (its form must fit this
# release's programs) and switched in at once: the site's own source where it has one (a
# year KORFOR published stays as published), else the build's.
# A build's changed questionnaire for a year the site has goes in by publish, which checks
# it against the year's surveys: said here, not done.
for v in "$build"/data/kartlegging/[0-9][0-9][0-9][0-9] "$dest"/data/kartlegging/[0-9][0-9][0-9][0-9]; do
	[ -e "$v/source.xml" ] || continue
	y=$(basename "$v")
	s="$dest/data/kartlegging/$y/source.xml"
	if [ ! -f "$s" ]; then
		s="$v/source.xml"
	elif [ "$v" != "$dest/data/kartlegging/$y" ] && ! cmp -s "$s" "$v/source.xml"; then
		echo "deploy.sh: $y: the site's questionnaire is not this build's, and is kept;" \
		    "to take the build's: $dest/bin/bpadm -c $dest/brukerplan.conf definition" \
		    "publish $src/data/kartlegging/$y.xml" >&2
	fi
	"$dest/bin/bpadm" definition build "$dest/data" "$s" >/dev/null
done
install -m 644 "$src"/htdocs/css/*.css "$web/css/"
install -m 644 "$src"/htdocs/js/*.js "$web/js/"
install -m 644 "$src"/htdocs/favicon.svg "$web/"
# the man pages: man -M DEST/man bpadm (or MANPATH)
install -d -m 755 "$dest/man" "$dest/man/man8"
install -m 644 "$src"/tools/*.8 "$dest/man/man8/"

conf="$dest/brukerplan.conf"
if [ ! -f "$conf" ]; then
	cat > "$conf" <<CONF
# Brukerplan configuration (README.md, "Configuration"). Relative paths are relative to
# this file. Programs find it through BRUKERPLAN_CONFIG (SetEnv in public_html/.htaccess).
store    = store
secrets  = secrets
xslt     = xslt
base_url = ${base_url:-http://127.0.0.1:8080}
mode     = ${mode:-drift}
auth     = local
# The public statements linked from every page (cgi-bin/README.md "Public statements"): the data
# controller and how to reach it, the accessibility contact and the statement's date.
# controller         = Helse Stavanger HF
# controller_contact = personvern@example.no
# a11y_contact       = uu@example.no
# a11y_date          = 2026-12-01
# Audit events older than this many months are deleted by bp-transfer's daily run.
# audit_months       = 24
# Look-ups of people (Sjekk reservasjon, Kartlegg bruker) one account may make in 15 minutes.
# lookup_limit       = 60
CONF
	chmod 644 "$conf"
elif [ -n "$base_url$mode" ]; then
	echo "deploy.sh: $conf exists and is kept; edit it to change base_url or mode" >&2
fi

# the path part of base_url: where the site lives on its host
url=$(sed -n 's/^[[:space:]]*base_url[[:space:]]*=[[:space:]]*//p' "$conf")
base=$(printf '%s\n' "$url" | sed -n 's#^https\{0,1\}://[^/]*##p')

cat > "$web/.htaccess" <<HTACCESS
# Brukerplan (written by tools/site/deploy.sh). Needs AllowOverride All, or at least
# FileInfo Indexes Limit Options=ExecCGI, and mod_env, mod_alias and mod_cgi(d).
SetEnv BRUKERPLAN_CONFIG $conf
Options -Indexes
LimitRequestBody 1048576
# nosniff below: a script must come with a script type, whatever the host's mime.types say
AddType text/javascript .js
RedirectMatch 303 ^$base/?\$ $base/cgi-bin/menu
ErrorDocument 400 $base/feil/400.html
ErrorDocument 403 $base/feil/403.html
ErrorDocument 404 $base/feil/404.html
ErrorDocument 405 $base/feil/405.html
ErrorDocument 413 $base/feil/413.html
ErrorDocument 500 $base/feil/500.html
ErrorDocument 503 $base/feil/503.html
<IfModule mod_headers.c>
  Header always set X-Content-Type-Options "nosniff"
  Header always set X-Frame-Options "DENY"
  Header always set Referrer-Policy "no-referrer"
  Header always set Content-Security-Policy "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
</IfModule>
HTACCESS
cat > "$web/cgi-bin/.htaccess" <<'HTACCESS'
Options +ExecCGI
SetHandler cgi-script
HTACCESS

"$dest/bin/bpadm" -c "$conf" errorpages "$web/feil"
echo "deploy.sh: site in $dest (DocumentRoot $web)" >&2
