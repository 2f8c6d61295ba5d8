#!/bin/sh
# Checks the README's quick start the way a new user meets it: a fresh clone of the committed
# HEAD, nothing installed, `npm start` with the machine's own Node, then the sign-in list and the
# document list over HTTP. Usage: sh test/fresh-clone.sh  (or npm run test:fresh-clone)
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/tip-fresh-clone-XXXXXX)
port=${PORT:-8799}
log="$work/start.log"
cleanup() {
  [ -n "${pid:-}" ] && kill -TERM "-$pid" 2>/dev/null || true
  sleep 2
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

git clone -q "$repo" "$work/app"
cd "$work/app"
echo "fresh clone at $work/app (node $(node --version) on PATH); running npm start on port $port..."
# Own process group (setsid), so the cleanup stops npm, node and wrangler together.
PORT=$port setsid npm start >"$log" 2>&1 &
pid=$!
deadline=$(( $(date +%s) + 900 ))
until grep -q "is running at http://127.0.0.1:$port" "$log"; do
  if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
    echo "npm start did not print the URL:"; cat "$log"; exit 1
  fi
  sleep 2
done
url="http://127.0.0.1:$port"
grep "is running at" "$log"
curl -fsS "$url/" | grep -q '<div id="root">' || { echo "no web app at $url"; exit 1; }
users=$(curl -fsS "$url/auth/dev/users" | grep -o '"email"' | wc -l)
[ "$users" -gt 10 ] || { echo "sign-in list has $users users"; exit 1; }
jar="$work/cookies"
curl -fsS -c "$jar" -H "Origin: $url" -H "Content-Type: application/json" -d '{"email":"ambassador@tip.example.gov"}' "$url/auth/dev/login" >/dev/null
narratives=$(curl -fsS -b "$jar" "$url/api/cycles/2025/documents?kind=country_narrative" | grep -o '"id":"2025-' | wc -l)
[ "$narratives" -eq 188 ] || { echo "expected 188 narratives, got $narratives"; exit 1; }
echo "OK: fresh clone started with npm start, sign-in lists $users users, leadership lists $narratives narratives."
