#!/bin/sh
# check.sh: fails when the message catalogs are not ready to ship:
#  - po/passage.pot is older than the code (a message added, changed or removed without `make pot`);
#  - a po/CODE.po lacks a message of the template, has one left untranslated or marked fuzzy, or has a
#    translation whose format directives differ from the English (msgfmt --check-format);
#  - a catalog's header is incomplete or its Plural-Forms is missing (msgfmt --check-header).
# Markup and plural counts are checked on the compiled catalogs by tests/unit/test_msg.c.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

make -s pot POT_OUT="$tmp/fresh.pot" >/dev/null
if ! msgcmp --use-untranslated "$tmp/fresh.pot" po/passage.pot 2>"$tmp/err1" ||
	! msgcmp --use-untranslated po/passage.pot "$tmp/fresh.pot" 2>"$tmp/err2"; then
	echo "po: po/passage.pot is not up to date with the code: run make pot, translate, commit" >&2
	head -n 20 "$tmp/err1" "$tmp/err2" >&2
	status=1
fi
for f in po/*.po; do
	[ -e "$f" ] || continue
	if ! msgfmt --check --statistics -o /dev/null "$f" 2>"$tmp/stat"; then
		cat "$tmp/stat" >&2
		status=1
		continue
	fi
	if grep -Eq 'fuzzy|untranslated' "$tmp/stat"; then
		echo "po: $f: $(cat "$tmp/stat")" >&2
		msgattrib --only-fuzzy --no-obsolete "$f" 2>/dev/null | grep '^msgid' | head -n 5 >&2 || true
		msgattrib --untranslated --no-obsolete "$f" 2>/dev/null | grep '^msgid' | head -n 5 >&2 || true
		status=1
	fi
	if ! msgcmp "$f" po/passage.pot 2>"$tmp/cmp"; then
		echo "po: $f lacks messages of the template:" >&2
		head -n 10 "$tmp/cmp" >&2
		status=1
	fi
done
[ "$status" = 0 ] && echo "po: the template is current; $(ls po/*.po 2>/dev/null | wc -l) catalogs complete"
exit "$status"
