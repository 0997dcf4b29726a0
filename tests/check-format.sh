#!/bin/sh
# The C sources follow .clang-format (GNU style, as GTK writes it).
set -eu
top=${1:?usage: check-format.sh SOURCE_ROOT CLANG_FORMAT}
clang_format=${2:?}
cd "$top"
files=$(find src tests -name '*.[ch]' | sort)
if "$clang_format" --dry-run --Werror $files; then
  echo "every C file follows .clang-format"
else
  echo "run: clang-format -i \$(find src tests -name '*.[ch]')"
  exit 1
fi
