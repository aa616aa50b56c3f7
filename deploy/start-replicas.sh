#!/usr/bin/env bash
# Start N replicas of the atlas on this machine, on N ports in a row, each restarted if it stops.
# Ctrl-C (or stopping the script) stops them all. For a server that starts them at boot, use the systemd
# units in deploy/systemd instead (see deploy/README.md).
# Usage: deploy/start-replicas.sh [N] [FIRST_PORT]      e.g. deploy/start-replicas.sh 4 8501 -> 8501..8504
# ADDRESS=192.168.1.21 deploy/start-replicas.sh 2        listens on that address, for nginx on another machine
set -uo pipefail
cd "$(dirname "$0")/.."
N="${1:-2}"
FIRST_PORT="${2:-8501}"
ADDRESS="${ADDRESS:-127.0.0.1}"
PYTHON="${PYTHON:-.venv/bin/python}"
export STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

if ! [[ "$N" =~ ^[1-9][0-9]*$ && "$FIRST_PORT" =~ ^[0-9]+$ ]]; then
  sed -n '5,6s/^# \{0,1\}//p' "$0" >&2
  exit 2
fi

replica() {
  local port="$1"
  while true; do
    # `geoapp serve` is `streamlit run streamlit_app.py`, prepared at start (the first visitor does not wait)
    "$PYTHON" -m geoapp serve --server.port "$port" --server.address "$ADDRESS" --server.headless true
    echo "replica on port $port stopped ($?); restarting in 2 s" >&2
    sleep 2
  done
}

trap 'trap - EXIT; kill 0' EXIT INT TERM
upstreams=()
for ((i = 0; i < N; i++)); do
  port=$((FIRST_PORT + i))
  replica "$port" &
  upstreams+=("$ADDRESS:$port")
done
echo "started $N replica(s): ${upstreams[*]}" >&2
echo "nginx site for them: deploy/render-nginx.sh 80 ${upstreams[*]}" >&2
wait
