#!/bin/sh
# Entry point of `npm start` and `npm test`: makes sure everything the project needs is present,
# then hands over to the real command under a Node that Astro 7 accepts.
#
# Written in POSIX sh, not TypeScript, because it must run before a suitable Node exists: the
# system Node may be older than 22.12, in which case Node 24 is fetched from the npm registry
# (the `node@24` package ships the binary) into .tools/ and put first on PATH.
#
# Usage: scripts/bootstrap.sh start|test|env [args...]
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
cmd=${1:-}
[ $# -gt 0 ] && shift

say() { printf '[playbook] %s\n' "$*" >&2; }
die() { printf '[playbook] error: %s\n' "$*" >&2; exit 1; }

# --- Node ≥ 22.12 ------------------------------------------------------------------------------
node_ok() {
  "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}
tools_node_dir="$here/.tools/node/node_modules/node/bin"
if command -v node >/dev/null 2>&1 && node_ok node; then
  :
elif [ -x "$tools_node_dir/node" ] && node_ok "$tools_node_dir/node"; then
  PATH="$tools_node_dir:$PATH"
else
  command -v npm >/dev/null 2>&1 || die "neither Node >= 22.12 nor npm was found. Install Node.js 22.12 or later (https://nodejs.org/) and run this again."
  say "system Node is $(node --version 2>/dev/null || echo missing); Astro 7 needs >= 22.12. Fetching Node 24 from the npm registry into .tools/node (once)."
  npm install --prefix "$here/.tools/node" --no-save --no-audit --no-fund --loglevel=error node@24 >&2 \
    || die "could not install node@24 from the npm registry. Install Node.js 22.12 or later yourself and run this again."
  node_ok "$tools_node_dir/node" || die "the node@24 package did not provide a working Node binary at $tools_node_dir/node"
  PATH="$tools_node_dir:$PATH"
fi
export PATH

# --- Go ≥ 1.22 ---------------------------------------------------------------------------------
command -v go >/dev/null 2>&1 || die "Go was not found on PATH. Install Go 1.22 or later (https://go.dev/dl/) and run this again."
go_minor=$(go env GOVERSION | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
[ -n "$go_minor" ] && [ "$go_minor" -ge 22 ] || die "Go $(go env GOVERSION) is too old: the snippets need Go 1.22 or later."

# --- the default Go release ----------------------------------------------------------------------
# The snippets and the checker use the playground's default Go release, whatever Go the machine
# has: the go command fetches that toolchain from the Go module proxy on first use (about 10 s,
# once) and runs it instead of itself. The release is read from its one definition.
default_go=$(node -e "import('./playground-server/src/contract/go-versions.ts').then((m) => console.log('go' + m.defaultGoRelease))") \
  || die "cannot read the default Go release from playground-server/src/contract/go-versions.ts"
export GOTOOLCHAIN="$default_go"
# The first use prints "go: downloading go1.N.P" on stderr: only stdout is the version.
go_err=$(mktemp)
if ! have=$(go env GOVERSION 2>"$go_err") || [ "$have" != "$default_go" ]; then
  cat "$go_err" >&2; rm -f "$go_err"
  die "could not get $default_go from the Go module proxy (GOTOOLCHAIN=$default_go go env GOVERSION printed: ${have:-nothing}). Check that proxy.golang.org (or your GOPROXY) is reachable."
fi
grep -v '^go: downloading' "$go_err" >&2 || true
rm -f "$go_err"

# --- Debian packages ---------------------------------------------------------------------------
# bubblewrap isolates user programs (start and test); chromium drives the browser tests (test).
need_pkgs=""
if [ "$(uname -s)" = Linux ] && [ -z "${PLAYBOOK_UNSAFE_LOCAL:-}" ]; then
  command -v bwrap >/dev/null 2>&1 || need_pkgs="$need_pkgs bubblewrap"
fi
if [ "$cmd" = test ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  need_pkgs="$need_pkgs chromium"
fi
# redis-server and nginx: the replicas test (test/server/replicas.test.ts) runs two replicas
# sharing a Redis behind nginx.
if [ "$cmd" = test ]; then
  command -v redis-server >/dev/null 2>&1 || need_pkgs="$need_pkgs redis-server"
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need_pkgs="$need_pkgs nginx"
fi
if [ -n "$need_pkgs" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages:$need_pkgs"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_pkgs >&2 \
      || die "apt-get could not install:$need_pkgs"
  else
    die "missing system packages:$need_pkgs. Install them with:  sudo apt-get install -y$need_pkgs  (on macOS, set PLAYBOOK_UNSAFE_LOCAL=1 to run without bubblewrap; see README)"
  fi
fi

# --- npm dependencies --------------------------------------------------------------------------
# Reinstall when package-lock.json changed since the last install (npm writes the hidden lockfile).
# `npm ci`: exactly the locked versions, and it refuses a lock that does not match package.json.
# The lock lists every platform's optional binaries (pagefind, the Astro compiler, esbuild…), so a
# fresh clone installs without rewriting it.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci, from package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed; see the messages above."
fi

case "$cmd" in
  start) exec node scripts/start.ts "$@" ;;
  test) exec node scripts/test.ts "$@" ;;
  env) exec "$@" ;;
  *) die "usage: scripts/bootstrap.sh start|test|env <command...>" ;;
esac
