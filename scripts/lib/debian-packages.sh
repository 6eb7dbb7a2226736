# Source this: the one way the project's scripts install what they need on a fresh Debian
# machine.
#   need_debian_packages PKG...   installs those of PKG that dpkg does not list as installed
#                                 (apt-get update first, once per run of the calling script;
#                                 no recommends; quiet; the output of a failure is shown);
#                                 returns non-zero when the install fails
#   debian_package_installed PKG  whether dpkg lists PKG as installed
debian_package_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

need_debian_packages() {
  local missing=() pkg log
  for pkg in "$@"; do
    debian_package_installed "$pkg" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing Debian packages: ${missing[*]}" >&2
  log=$(mktemp)
  if { [ -n "${_monaca_apt_updated:-}" ] || apt-get update -qq; } >"$log" 2>&1 &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    _monaca_apt_updated=1
    rm -f "$log"
  else
    tail -n 30 "$log" >&2
    rm -f "$log"
    echo "could not install: ${missing[*]}" >&2
    return 1
  fi
}

#   need_commands CMD:PKG...      installs PKG for each CMD that is not on PATH (for tools
#                                 that may come from elsewhere than Debian: python3, node, java)
need_commands() {
  local pair packages=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || packages+=("${pair#*:}")
  done
  [ ${#packages[@]} -eq 0 ] || need_debian_packages "${packages[@]}"
}
