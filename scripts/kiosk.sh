#!/usr/bin/env bash
# Run the atlas as an unattended exhibit: the app server and Chromium in kiosk mode, each restarted
# if it stops. Usage: scripts/kiosk.sh [extra URL parameters, e.g. "lang=en&idle=120"]
# Settings (language, idle time, start moment) live in atlas.toml; see the README's kiosk runbook.
set -uo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8501}"
PARAMS="${1:-}"
URL="http://127.0.0.1:${PORT}/?kiosk=1${PARAMS:+&${PARAMS}}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
PROFILE="${KIOSK_PROFILE:-$HOME/.cache/cmc-atlas-kiosk}"

server() {
  while true; do
    # prepared at start: the first visitor after a power cut does not wait for the map to be built
    .venv/bin/python -m geoapp serve --server.port "$PORT" --server.address 127.0.0.1 \
      --server.headless true --browser.gatherUsageStats false
    echo "atlas server stopped ($?); restarting in 2 s" >&2
    sleep 2
  done
}

# Chromium refuses to run as root without --no-sandbox; a kiosk should run as an ordinary user.
SANDBOX=()
if [ "$(id -u)" = "0" ]; then SANDBOX=(--no-sandbox); fi

browser() {
  until curl -sf "http://127.0.0.1:${PORT}/_stcore/health" >/dev/null; do sleep 1; done
  while true; do
    "$CHROMIUM" "${SANDBOX[@]}" --kiosk --noerrdialogs --disable-infobars --no-first-run --disable-translate \
      --disable-pinch --overscroll-history-navigation=0 --disable-features=TranslateUI \
      --disable-background-networking --disable-component-update --disable-sync \
      --check-for-update-interval=31536000 --user-data-dir="$PROFILE" "$URL"
    echo "browser stopped ($?); restarting in 2 s" >&2
    sleep 2
  done
}

trap 'kill 0' EXIT INT TERM
server &
browser &
wait
