#!/bin/sh
# Runs MedNanny as the unprivileged `node` user. Platforms such as Railway mount the /data volume
# owned by root after the image is built, so the build-time chown does not hold: when started as root,
# take ownership of the database folder, then drop privileges for good.
set -eu
DATA_DIR="$(dirname "${DATABASE_PATH:-/data/mednanny.db}")"
if [ "$(id -u)" = "0" ]; then
  mkdir -p "$DATA_DIR"
  chown -R node:node "$DATA_DIR"
  exec setpriv --reuid=node --regid=node --init-groups "$@"
fi
exec "$@"
