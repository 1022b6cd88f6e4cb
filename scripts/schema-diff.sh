#!/usr/bin/env bash
# Prints how schema/schema.graphql differs from main's copy (graphql-inspector diff), breaking changes first. It only
# reports: a branch may break the contract on purpose (say so in its description and README); the lead decides.
# Compares against origin/main when it exists, else main, else SCHEMA_DIFF_BASE.
set -uo pipefail
cd "$(dirname "$0")/.."
base="${SCHEMA_DIFF_BASE:-}"
if [ -z "$base" ]; then
  for ref in origin/main main; do
    if git rev-parse --verify --quiet "$ref" >/dev/null; then base="$ref"; break; fi
  done
fi
if [ -z "$base" ]; then echo "schema diff: no main branch to compare with; skipped"; exit 0; fi
old="$(mktemp --suffix=.graphql)"
trap 'rm -f "$old"' EXIT
if ! git show "$base:schema/schema.graphql" > "$old" 2>/dev/null; then echo "schema diff: $base has no schema/schema.graphql; skipped"; exit 0; fi
echo "schema diff: $base:schema/schema.graphql -> working tree"
if npx graphql-inspector diff "$old" schema/schema.graphql --rule ignoreDescriptionChanges; then
  echo "schema diff: no breaking changes"
else
  echo "schema diff: BREAKING changes listed above (reported, not failed: see scripts/schema-diff.sh)"
fi
exit 0
