#!/usr/bin/env bash
# Print the nginx site for the atlas: deploy/nginx-site.conf.in with what nginx listens on and the replicas.
# Usage: deploy/render-nginx.sh LISTEN IP:PORT [IP:PORT...]
#   deploy/render-nginx.sh 80 127.0.0.1:8501 127.0.0.1:8502 > /etc/nginx/sites-available/cmc-atlas
#   deploy/render-nginx.sh 80 127.0.0.1:8501 127.0.0.1:8502 192.168.1.21:8501 192.168.1.21:8502
# LISTEN: a port (80) or an address and port (127.0.0.1:8080, [::]:80).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

if [ "$#" -lt 2 ]; then
  sed -n '3,6s/^# \{0,1\}//p' "$0" >&2
  exit 2
fi
listen="$1"
shift
if ! [[ "$listen" =~ ^([0-9.]+:|\[[0-9a-fA-F:]+\]:)?[0-9]+$ ]]; then
  echo "render-nginx.sh: not a port or address:port to listen on: $listen" >&2
  exit 2
fi
replicas="" routes="" answered="" groups=""
declare -A named=()
for replica in "$@"; do
  if ! [[ "$replica" =~ ^([0-9]{1,3}(\.[0-9]{1,3}){3}|\[[0-9a-fA-F:]+\]):[0-9]+$ ]]; then
    # nginx names the replica that answered by its IP address, which the route cookie is made from
    echo "render-nginx.sh: not IP:PORT (an IP address, not a host name): $replica" >&2
    exit 2
  fi
  # its name in the cookie: 127.0.0.1:8501 -> 127-0-0-1-8501
  name="$(printf '%s' "$replica" | tr -c 'A-Za-z0-9' '-' | tr -s '-' | sed 's/^-//')"
  if [ -n "${named[$name]:-}" ]; then
    echo "render-nginx.sh: $replica and ${named[$name]} are the same replica" >&2
    exit 2
  fi
  named[$name]="$replica"
  pattern="$(printf '%s' "$replica" | sed 's/[].[]/\\&/g')"  # a regular expression: 127\.0\.0\.1:8501
  replicas+="    server ${replica} max_fails=1 fail_timeout=10s;"$'\n'
  routes+="    ${name} cmc_atlas_${name};"$'\n'
  answered+="    \"~(^|, )${pattern}\$\" ${name};"$'\n'
  groups+="upstream cmc_atlas_${name} {"$'\n'"    server ${replica} max_fails=1 fail_timeout=10s;"$'\n'
  for other in "$@"; do
    if [ "$other" != "$replica" ]; then
      groups+="    server ${other} max_fails=1 fail_timeout=10s backup;"$'\n'
    fi
  done
  groups+="}"$'\n'
done

LISTEN="$listen" REPLICAS="${replicas%$'\n'}" ROUTES="${routes%$'\n'}" ANSWERED="${answered%$'\n'}" \
REPLICA_GROUPS="${groups%$'\n'}" awk '
  /^@[A-Z_]+@$/ { print ENVIRON[substr($0, 2, length($0) - 2)]; next }
  { gsub(/@LISTEN@/, ENVIRON["LISTEN"]); print }
' "$here/nginx-site.conf.in"
