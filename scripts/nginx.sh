#!/usr/bin/env bash
# Installs Debian's nginx for the deployment test (test/integration/deploy-nginx.test.ts) and
# prints its path as NGINX_PATH, so callers can `eval "$(bash scripts/nginx.sh)"`. Uses one
# already installed. Installing needs root (apt-get); the package's own service is not started
# (the test runs nginx itself on loopback, and port 80 stays free).
set -euo pipefail
log() { echo "nginx: $*" >&2; }

found() {
  for c in "${NGINX_PATH:-}" /usr/sbin/nginx /usr/bin/nginx "$(command -v nginx 2>/dev/null || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; return 0; fi
  done
  return 1
}

if path=$(found) && command -v openssl >/dev/null; then echo "export NGINX_PATH=$path"; exit 0; fi

# openssl makes the test's self-signed certificate (nginx terminates TLS as in production).
# Only what is missing is named: naming an installed package would upgrade it.
missing=()
found >/dev/null || missing+=(nginx)
command -v openssl >/dev/null || missing+=(openssl)

if [ "$(id -u)" != 0 ]; then
  log "need root to install ${missing[*]} (apt-get install ${missing[*]}); install it yourself or run this as root"
  exit 1
fi

# Debian's maintainer scripts start a service after installing it; policy-rc.d (exit 101) is
# Debian's way to say "not now". Ours is removed again afterwards; one already there is kept.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi

export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2; then
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
path=$(found) || { log "nginx was installed but is not on /usr/sbin"; exit 1; }
log "installed $("$path" -v 2>&1)"
echo "export NGINX_PATH=$path"
