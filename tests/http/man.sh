#!/bin/bash
# The man pages (issue 19 §3): bpadm(8) and bp-transfer(8) are clean roff (`man --warnings`
# says nothing at 80 and at 60 columns), keep Debian's sections, and bpadm(8) lists the
# same commands as `bpadm --help`, in the same order.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/assert.sh
BPADM=${BUILD:-build}/tools/bpadm
echo "# man pages (build ${BUILD:-build})"

for page in tools/bpadm.8 tools/bp-transfer.8; do
	for width in 80 60; do
		warnings=$(MANWIDTH=$width LC_ALL=C.UTF-8 man --warnings -E UTF-8 -l "$page" 2>&1 >/dev/null)
		check "$page: no warnings from man --warnings at $width columns" is "$warnings" ""
	done
	sections=$(sed -n 's/^\.SH //p' "$page" | tr -d '"' | tr '\n' ',')
	check "$page: Debian's sections in order" is "$sections" \
	    "NAME,SYNOPSIS,DESCRIPTION,$([ "$page" = tools/bpadm.8 ] && echo COMMANDS,)OPTIONS,FILES,EXIT STATUS,ENVIRONMENT,EXAMPLES,SEE ALSO,"
done

# the commands of --help: the first word of each line of "Kommandoer:" that starts one
help=$("$BPADM" --help | sed -n '/^Kommandoer:/,/^$/p' | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p' | uniq | tr '\n' ' ')
# the commands of the man page: the bold word after each .TP or .TQ under COMMANDS
man=$(sed -n '/^\.SH COMMANDS/,/^\.SH /p' tools/bpadm.8 | grep -A1 -E '^\.(TP|TQ)$' |
    sed -n 's/^\.B \([a-z][a-z-]*\).*/\1/p' | uniq | tr '\n' ' ')
echo "     --help: $help"
check "bpadm --help and bpadm(8) list the same commands" is "$man" "$help"
check "... and there are commands to compare (backup, restore, verify among them)" \
    bash -c "[[ '$help' == *'backup restore verify'* ]]"
done_checks
