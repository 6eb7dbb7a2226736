# Shared by test/install.sh (source it): `cordova plugin add` of a copy of the plugin without its
# native binaries (a source tree) must be refused with one clear message, and leave the app
# exactly as it was.
#
#   refused_add LABEL APP SOURCE HINT LOG
#     runs `cordova plugin add SOURCE` in APP (with the caller's `cordova` function), output into
#     LOG, and exits the calling script unless:
#       - the add fails;
#       - the app's tree is what it was before: every path, link target and file content
#         (package.json, package-lock.json, plugins/fetch.json and node_modules included);
#       - the output says it once, without a Node stack trace: the missing binaries, the build
#         command, the tarball to add as `cordova plugin add file:HINT`, README's section by its
#         title ("Install"), and that nothing is left in the app.
#     $test_name names the calling test in its messages.

# Every path below DIR with its type and link target, then every file's SHA-1.
app_snapshot() {
  (cd "$1" && find . -printf '%y %p -> %l\n' | LC_ALL=C sort && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha1sum)
}

# count_lines LOG FIXED-STRING: how many lines of LOG hold the string.
count_lines() { grep -cF -- "$2" "$1" || true; }

refused_add() {
  local label=$1 app=$2 source=$3 hint=$4 log=$5 bad=0 line
  echo "--- cordova plugin add of $label must be refused, leaving the app as it was"
  app_snapshot "$app" >"$log.before"
  if (cd "$app" && cordova plugin add "$source") >"$log" 2>&1; then
    cat "$log"
    echo "$test_name: FAIL ($label: a plugin without native binaries was added)"
    exit 1
  fi
  app_snapshot "$app" >"$log.after"
  if ! diff "$log.before" "$log.after" >"$log.diff"; then
    head -40 "$log.diff"
    echo "$label: the refused add changed the app ($(grep -c '^[<>]' "$log.diff") lines of its tree differ; the first 40 above)"
    bad=1
  fi
  for line in "native binaries missing:" "bash scripts/package.sh" "    cordova plugin add file:$hint" \
    "See \"Install\" in the plugin's README.md." "Nothing of it is left in the app"; do
    if [ "$(count_lines "$log" "$line")" != 1 ]; then
      echo "$label: '$line' is in the output $(count_lines "$log" "$line") times, not once"
      bad=1
    fi
  done
  if grep -nE '^[[:space:]]+at .*[(:][0-9]+' "$log"; then echo "$label: a Node stack trace (above)"; bad=1; fi
  if grep -nF '"Installing"' "$log"; then echo "$label: names a README section that does not exist (above)"; bad=1; fi
  if [ "$bad" != 0 ]; then
    cat "$log"
    echo "$test_name: FAIL ($label: refused, but see above)"
    exit 1
  fi
  echo "ok: $label refused, the app's tree unchanged ($(wc -l <"$log.after") lines of paths and checksums), the message once:"
  sed 's/^/    | /' "$log"
}
