#!/bin/sh
# deps.sh: make sure the Debian packages (and pinned node modules) a target needs are present.
# Usage: tools/site/deps.sh build|run|test|bench|fuzz ...
# As root it installs what is missing; otherwise it prints the exact command and fails.
set -eu

pkgs_build="gcc make pkg-config libc6-dev cmake dpkg-dev xz-utils ca-certificates xsltproc tzdata
	libssl-dev liblmdb-dev zlib1g-dev libxml2-dev libxslt1-dev libargon2-dev liboath-dev libqrencode-dev
	libpango1.0-dev libcairo2-dev libpwquality-dev"
pkgs_run="apache2-bin lmdb-utils fonts-dejavu-core libpwquality1 cracklib-runtime"
pkgs_test="libcmocka-dev curl chromium lmdb-utils oathtool openssl libapache2-mod-auth-openidc
	poppler-utils libxml2-utils python3 man-db"
pkgs_bench="wrk curl oathtool python3 valgrind lmdb-utils"
pkgs_fuzz="clang libclang-rt-14-dev"

want=""
node=no
for profile in "$@"; do
	case "$profile" in
	build) want="$want $pkgs_build" ;;
	run) want="$want $pkgs_build $pkgs_run" ;;
	test) want="$want $pkgs_build $pkgs_run $pkgs_test"; node=yes ;;
	bench) want="$want $pkgs_build $pkgs_run $pkgs_bench" ;;
	fuzz) want="$want $pkgs_build $pkgs_fuzz" ;;
	*) echo "deps.sh: unknown profile: $profile" >&2; exit 2 ;;
	esac
done

missing=""
for p in $want; do
	case " $missing " in *" $p "*) continue ;; esac
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
# Node 18 or newer runs the browser tests; Debian 12's own nodejs is enough.
if [ "$node" = yes ]; then
	major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	if [ "$major" -lt 18 ]; then missing="$missing nodejs npm"; fi
	command -v npm >/dev/null 2>&1 || case " $missing " in *" npm "*) ;; *) missing="$missing npm" ;; esac
fi

if [ -n "$missing" ]; then
	cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends$missing"
	if [ "$(id -u)" -ne 0 ]; then
		echo "deps.sh: missing Debian packages:$missing" >&2
		echo "deps.sh: run as root:  $cmd" >&2
		exit 1
	fi
	echo "deps.sh: installing:$missing" >&2
	sh -c "$cmd" >&2
fi

# Pinned node modules for the browser tests (package-lock.json); never a browser download.
if [ "$node" = yes ]; then
	dir=$(dirname "$0")/../../tests/browser
	stamp="$dir/node_modules/.lock-stamp"
	if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
		echo "deps.sh: npm ci in tests/browser" >&2
		(cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) >&2
		cp "$dir/package-lock.json" "$stamp"
	fi
fi
exit 0
