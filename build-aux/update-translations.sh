#!/usr/bin/env bash
# update-translations.sh [--check] — keeps the translations in po/ in step with the sources.
#
# Without arguments (after adding or changing user-visible strings):
#   1. regenerates po/POTFILES.in (build-aux/update-potfiles.sh),
#   2. regenerates po/rapport.pot with xgettext, as `meson compile -C build rapport-pot` does,
#   3. merges it into every po/LL.po listed in po/LINGUAS (msgmerge) and prints, per language,
#      how many messages are translated, fuzzy and untranslated — translate the last two (and
#      drop the "fuzzy" flag once checked), then run `msgfmt --check --statistics po/LL.po`.
#
# With --check (the i18n test suite runs this) nothing in the tree changes: it fails when
# POTFILES.in is out of date, when xgettext warns, or when a language has an untranslated or
# fuzzy message against a POT freshly made from the sources, and lists those messages.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
if [[ "${1:-}" == --check ]]; then
  check=true
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--check]" >&2
  exit 2
fi

# The arguments meson's i18n.gettext('rapport', preset: 'glib') passes to xgettext (see
# po/meson.build); keep them the same so this POT is the one `rapport-pot` writes.
xgettext_args=(
  --package-name=rapport -D . -k_ --from-code=UTF-8 --add-comments
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format --flag=g_print:1:c-format
  --flag=g_printerr:1:c-format --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format
  --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
)

languages() {
  grep -v '^#' po/LINGUAS | tr -s ' \t' '\n' | grep -v '^$' || true
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# 1. The list of files with translatable strings.
if $check; then
  build-aux/update-potfiles.sh --stdout >"$work/POTFILES.in"
  if ! diff -u po/POTFILES.in "$work/POTFILES.in"; then
    echo "po/POTFILES.in is out of date (the diff above): run build-aux/update-translations.sh" >&2
    failed=1
  fi
  potfiles=$work/POTFILES.in
else
  build-aux/update-potfiles.sh
  potfiles=po/POTFILES.in
fi

# 2. The POT, from the sources the list names. A warning from xgettext is a bug in a string.
pot=$work/rapport.pot
grep -v '^#' "$potfiles" >"$work/files"
xgettext "${xgettext_args[@]}" -f "$work/files" -o "$pot" 2>"$work/xgettext.log" || {
  cat "$work/xgettext.log" >&2
  exit 1
}
if [[ -s "$work/xgettext.log" ]]; then
  cat "$work/xgettext.log" >&2
  echo "xgettext warned about the sources (above)" >&2
  failed=1
fi
echo "rapport.pot: $(msgattrib --no-obsolete "$pot" | grep -c '^msgid ' | awk '{print $1 - 1}') messages"
if ! $check; then
  cp "$pot" po/rapport.pot
fi

# 3. Every language against it.
for lang in $(languages); do
  merged=$work/$lang.po
  msgmerge --quiet --previous -o "$merged" "po/$lang.po" "$pot"
  if ! $check; then
    cp "$merged" "po/$lang.po"
  fi
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$merged" 2>&1) || {
    echo "$lang: msgfmt --check failed:" >&2
    echo "$stats" >&2
    failed=1
    continue
  }
  echo "$lang: $stats"
  if [[ "$stats" == *fuzzy* || "$stats" == *untranslated* ]]; then
    failed=1
    if $check; then
      echo "$lang: these messages need a translation (run build-aux/update-translations.sh," \
        "translate them in po/$lang.po and remove their fuzzy flags):" >&2
      # (sed drops the header entry, which msgattrib always keeps)
      msgattrib --untranslated --no-obsolete "$merged" | sed '1,/^$/d' >&2
      msgattrib --only-fuzzy --no-obsolete "$merged" | sed '1,/^$/d' >&2
    fi
  fi
done

if $check && [[ $failed -ne 0 ]]; then
  exit 1
fi
# Without --check the files are updated; a missing translation is reported above, not fatal.
exit 0
