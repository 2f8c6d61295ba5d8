#!/bin/sh
# Installs dependencies when node_modules is missing or older than the lockfile, using whatever
# Node/npm the machine has (Node 20 is enough for npm); the project's own Node 22 then comes
# from node_modules/.bin (the pinned `node` devDependency) for every npm script after this.
set -e
cd "$(dirname "$0")/../.."
stamp=node_modules/.package-lock.json
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ] || [ package.json -nt "$stamp" ]; then
  echo "Installing dependencies..."
  # A fresh clone installs exactly the committed lockfile (which lists every platform's optional
  # workerd build, as npm writes it); an existing install that fell behind is brought up to date.
  if [ ! -d node_modules ]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm install --no-audit --no-fund --loglevel=error
  fi
fi
if [ ! -x node_modules/.bin/node ]; then
  echo "node_modules/.bin/node is missing: the project's Node 22 did not install. Run: rm -rf node_modules && npm ci" >&2
  exit 1
fi
