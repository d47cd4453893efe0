#!/usr/bin/env bash
# Generates a forward-only migration from the schema files and commits it at once, holding a lock so
# that two engineers never generate from the same base. Usage: scripts/new-migration.sh <name> [files to commit with it…]
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/new-migration.sh <name> [paths…]}"
shift
exec 9>/tmp/openum-migrations.lock
flock 9
npx drizzle-kit generate --name "$name"
git add migrations "$@"
git commit -m "migration: $name" -- migrations "$@"
