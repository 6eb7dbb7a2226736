#!/usr/bin/env bash
# The README's JavaScript (every ```js block of the repository's README.md, as it is written
# there) type-checked by `tsc --strict`, as TypeScript and as JavaScript (`--checkJs`), in two
# apps: one with the plugin's own declarations alone (no other @types: `cordova` must come from
# types/index.d.ts), and one with @types/cordova installed as well (the two declarations must
# merge). Called by bindings/cordova/test.sh.
#
# Usage: readme-snippets.sh TOOLS WORK [PLUGIN]
#   TOOLS   the folder whose node_modules holds typescript and @types/cordova (test.sh's pins)
#   WORK    an empty folder to write the apps into
#   PLUGIN  the plugin folder the apps use (default: this plugin); test.sh passes a copy without
#           the `cordova` declaration to show that this check then fails
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../../.." && pwd)
tools=$1 work=$2 plugin=${3:-$(cd "$here/../.." && pwd)}
tsc="$tools/node_modules/.bin/tsc"
[ -x "$tsc" ] || { echo "no tsc in $tools"; exit 1; }
[ -f "$tools/node_modules/@types/cordova/index.d.ts" ] || { echo "no @types/cordova in $tools"; exit 1; }

# The ```js blocks of README.md, one file each.
mkdir -p "$work/snippets"
count=$(awk -v out="$work/snippets" '
  /^```js$/ { n++; file = out "/snippet-" n ".js"; printf "" > file; inside = 1; next }
  /^```/ && inside { inside = 0; close(file); next }
  inside { print > file }
  END { print n + 0 }' "$root/README.md")
[ "$count" -ge 1 ] || { echo "README.md has no \`\`\`js block"; exit 1; }

# One app: node_modules with the plugin (and @types/cordova when asked), a tsconfig naming the
# snippets, `types` set so that no other declarations than these are read.
app() {
  local key=$1 name=$2 types=$3 language=$4 file files=()
  local dir="$work/$key-$language"
  mkdir -p "$dir/node_modules/@types"
  ln -sfn "$plugin" "$dir/node_modules/cordova-plugin-monaca-cloud-error"
  [ "$types" = '[]' ] || ln -sfn "$tools/node_modules/@types/cordova" "$dir/node_modules/@types/cordova"
  for file in "$work"/snippets/*.js; do
    cp "$file" "$dir/$(basename "$file" .js).$language"
    files+=("\"$(basename "$file" .js).$language\"")
  done
  cat >"$dir/tsconfig.json" <<EOF
{
  "compilerOptions": {
    "strict": true, "noEmit": true, "target": "es2020", "module": "commonjs",
    "moduleResolution": "node", "allowJs": true, "checkJs": true, "types": $types
  },
  "files": [$(IFS=,; echo "${files[*]}")]
}
EOF
  if "$tsc" -p "$dir"; then
    echo "ok: $name, as .$language: ${#files[@]} README snippet(s)"
  else
    echo "FAIL: $name, as .$language (README.md's \`\`\`js blocks, in $dir)"
    return 1
  fi
}

types_cordova_version=$(node -p "require('$tools/node_modules/@types/cordova/package.json').version")
status=0
for language in ts js; do
  app alone "the plugin's declarations alone" '[]' "$language" || status=1
  app with-types-cordova "with @types/cordova $types_cordova_version" '["cordova"]' "$language" || status=1
done
exit "$status"
