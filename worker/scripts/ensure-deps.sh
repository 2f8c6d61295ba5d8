#!/bin/sh
# Installs dependencies when node_modules is missing or older than the lockfile, using whatever
# Node/npm the machine has (Node 20 is enough for npm); the project's own Node 22 then comes
# from node_modules/.bin (the pinned `node` devDependency) for every npm script after this.
set -e
cd "$(dirname "$0")/../.."
stamp=node_modules/.package-lock.json
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "Installing dependencies..."
  # `npm install`, not `npm ci`: the registry here serves workerd's Linux builds only, so the
  # lockfile cannot list the macOS/Windows ones that `npm ci` insists on. The lockfile is respected.
  npm install --no-audit --no-fund --loglevel=error
fi
if [ ! -x node_modules/.bin/node ]; then
  echo "node_modules/.bin/node is missing: the project's Node 22 did not install. Run: rm -rf node_modules && npm ci" >&2
  exit 1
fi
