#!/bin/sh
# staticdeps.sh PREFIX: build Debian's own libxml2 and libxslt as static libraries without ICU.
#
# Why: every request is a fresh CGI process. Debian's shared libxml2 pulls in ICU and
# libstdc++, whose symbol relocations cost ~3M instructions per process start, twice the
# whole hello-world CGI (see tests/bench/README.md). Debian ships no libxslt.a, so we take the
# source packages Debian builds from (apt-get source: signature-checked through the archive's
# Release files, Debian's patches applied) and build them static. Nothing is vendored; the
# sources come from the machine's own configured Debian mirror. `make LINK=shared` skips this.
set -eu

prefix=${1:?usage: staticdeps.sh PREFIX}
mkdir -p "$prefix"
prefix=$(cd "$prefix" && pwd)
[ -f "$prefix/lib/libxslt.a" ] && [ -f "$prefix/lib/libxml2.a" ] && exit 0

work="$prefix/src"
apt="$prefix/apt"
rm -rf "$work" "$apt"
mkdir -p "$work" "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial"

# The machine's own Debian sources, turned into deb-src entries in a private apt setup:
# nothing under /etc is changed and no root is needed.
if [ -f /etc/apt/sources.list ]; then
	sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' /etc/apt/sources.list > "$apt/sources.list"
else
	: > "$apt/sources.list"
fi
for f in /etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] || continue
	sed 's/^Types:.*/Types: deb-src/' "$f" > "$apt/sources.list.d/$(basename "$f")"
done
for f in /etc/apt/sources.list.d/*.list; do
	[ -f "$f" ] || continue
	sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" > "$apt/sources.list.d/$(basename "$f")"
done
cat > "$apt/apt.conf" <<CONF
Dir::Etc::sourcelist "$apt/sources.list";
Dir::Etc::sourceparts "$apt/sources.list.d";
Dir::State::Lists "$apt/lists";
Dir::Cache "$apt/cache";
APT::Sandbox::User "$(id -un)";
CONF
export APT_CONFIG="$apt/apt.conf"

echo "staticdeps: fetching Debian sources of libxml2 and libxslt" >&2
if ! apt-get -qq update >"$apt/update.log" 2>&1; then
	cat "$apt/update.log" >&2
	echo "staticdeps: cannot reach the Debian source archive; build with: make LINK=shared" >&2
	exit 1
fi
(cd "$work" && apt-get -qq source libxml2 libxslt >"$apt/source.log" 2>&1) || {
	cat "$apt/source.log" >&2
	echo "staticdeps: apt-get source failed; build with: make LINK=shared" >&2
	exit 1
}

# Debian's hardening flags, as the packages themselves are built; CMake reads CFLAGS.
CFLAGS="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
export CFLAGS
common="-DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$prefix -DCMAKE_PREFIX_PATH=$prefix
	-DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_SHARED_LIBS=OFF"

echo "staticdeps: building libxml2 (static, no ICU, no network, no catalogs)" >&2
# shellcheck disable=SC2086
cmake -S "$work"/libxml2-*/ -B "$work/build-xml2" $common \
	-DLIBXML2_WITH_ICU=OFF -DLIBXML2_WITH_ICONV=OFF -DLIBXML2_WITH_LZMA=OFF \
	-DLIBXML2_WITH_ZLIB=OFF -DLIBXML2_WITH_PYTHON=OFF -DLIBXML2_WITH_HTTP=OFF \
	-DLIBXML2_WITH_FTP=OFF -DLIBXML2_WITH_CATALOG=OFF -DLIBXML2_WITH_MODULES=OFF \
	-DLIBXML2_WITH_TESTS=OFF -DLIBXML2_WITH_PROGRAMS=OFF \
	-DLIBXML2_WITH_LEGACY=OFF >"$work/xml2.log" 2>&1 &&
cmake --build "$work/build-xml2" -j"$(nproc)" >>"$work/xml2.log" 2>&1 &&
cmake --install "$work/build-xml2" >>"$work/xml2.log" 2>&1 || {
	tail -30 "$work/xml2.log" >&2; exit 1; }

echo "staticdeps: building libxslt (static)" >&2
# shellcheck disable=SC2086
cmake -S "$work"/libxslt-*/ -B "$work/build-xslt" $common \
	-DLIBXSLT_WITH_CRYPTO=OFF -DLIBXSLT_WITH_PYTHON=OFF -DLIBXSLT_WITH_TESTS=OFF \
	-DLIBXSLT_WITH_PROFILER=OFF -DLIBXSLT_WITH_MODULES=OFF -DLIBXSLT_WITH_DEBUGGER=OFF \
	>"$work/xslt.log" 2>&1 &&
cmake --build "$work/build-xslt" -j"$(nproc)" >>"$work/xslt.log" 2>&1 &&
cmake --install "$work/build-xslt" >>"$work/xslt.log" 2>&1 || {
	tail -30 "$work/xslt.log" >&2; exit 1; }

ls "$work" | grep -E '\.dsc$' > "$prefix/VERSIONS"
echo "staticdeps: done ($(tr '\n' ' ' < "$prefix/VERSIONS"))" >&2
