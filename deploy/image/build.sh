#!/bin/sh
# Builds the runtime tree of one service's image into <out>: its production dependencies, and for the service and
# every workspace package it runs, the package.json, the compiled dist/, the workspace's own node_modules (npm
# nests a dependency there when the root holds another version of it) and the data it reads at run time.
#
# The Dockerfile's build stage runs this script and its runtime stage copies <out> alone; the image-layout test
# (deploy/checks/test/image-layout.test.ts) runs the same script on a copy of the build context and starts the
# result on the image's Node. Whatever an image needs must therefore happen here, not in the Dockerfile.
#
# Usage, from the root of the build context: deploy/image/build.sh <service> <out>   (e.g. grades /out)
set -eu

service="${1:-}"
out="${2:-}"
if [ -z "$service" ] || [ -z "$out" ]; then
  echo "usage: deploy/image/build.sh <service> <out>  (docker build --build-arg SERVICE=<service>)" >&2
  exit 64
fi
if [ ! -f "services/$service/package.json" ]; then
  echo "build.sh: SERVICE=$service names no folder under services/ (no services/$service/package.json)" >&2
  exit 64
fi

# What a workspace reads at run time besides dist/: the Avro schemas (schemas/avro, found from
# schemas/dist/../avro) and a service's SQL migrations (services/<name>/migrations).
runtime_data="avro migrations"

folders=$(node deploy/image/workspaces.mjs "services/$service")

# Only what this service needs, plus the root's tools (typescript); never the other services' dependencies.
npm ci --workspace "services/$service" --include-workspace-root --ignore-scripts
# --ignore-scripts skips the root's postinstall too, so apply patches/ here (kafkajs: see that folder's README).
npx --no-install patch-package --error-on-fail

# Each workspace compiles its own src/ (imports of other workspaces resolve to their sources, so no order).
for folder in $folders; do
  npm run build --workspace "$folder"
done

# Development dependencies out, wherever npm put them: the root's node_modules and each workspace's own.
npm prune --omit=dev --workspace "services/$service" --include-workspace-root --ignore-scripts

mkdir -p "$out"
cp package.json "$out/"
cp -a node_modules "$out/"
for folder in $folders; do
  mkdir -p "$out/$folder"
  cp "$folder/package.json" "$out/$folder/"
  cp -a "$folder/dist" "$out/$folder/"
  for part in node_modules $runtime_data; do
    if [ -e "$folder/$part" ]; then cp -a "$folder/$part" "$out/$folder/"; fi
  done
done

# The root node_modules links every workspace (../../packages/cli, ...); a link to one this image does not ship
# would point at nothing.
find "$out/node_modules" -maxdepth 2 -xtype l -delete
