#!/bin/sh
# Every source file that marks a string for translation is in po/POTFILES.in,
# and every file listed there exists.
set -eu
top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist"
    status=1
  fi
done
marked=$( (grep -lE '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext) ?\(' $(find src -name '*.c') 2>/dev/null || true;
           grep -l 'translatable="yes"' $(find ui -name '*.ui') 2>/dev/null || true) | sort -u)
for f in $marked; do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "$f marks strings for translation but is not in po/POTFILES.in"
    status=1
  fi
done
[ $status = 0 ] && echo "po/POTFILES.in lists every translatable file"
exit $status
