# syntax=docker/dockerfile:1
# MedNanny: one Node 20 process serving webhooks, the workers and the scheduler, with SQLite on /data.

# --- deps: production dependencies, with the toolchain better-sqlite3 needs if no prebuilt binary fits
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# --- build: the TypeScript compiled to dist/ (docs/decisions/0035), with the dev dependencies
FROM deps AS build
RUN npm ci && npm cache clean --force
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: no compilers, no dev dependencies, not root
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_PATH=/data/mednanny.db
WORKDIR /app
# Chart text (resvg draws with DejaVu Sans; slim images ship no fonts): docs/decisions/0032.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
# The dev console's page is read from its place in the sources (src/lib/root.ts finds the project root).
COPY src/channels/console/page.html ./src/channels/console/page.html
COPY migrations ./migrations
COPY prompts ./prompts
COPY bin ./bin
COPY docker-entrypoint.sh /usr/local/bin/mednanny-entrypoint
RUN mkdir -p /data && chown node:node /data
# Starts as root only to fix the ownership of a mounted /data, then runs as `node` (setpriv, util-linux).
ENTRYPOINT ["mednanny-entrypoint"]
VOLUME ["/data"]
EXPOSE 3000
# slim has no curl; Node 20 has fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node is PID 1 (the entrypoint execs it) and handles SIGTERM itself (src/main.ts): stop accepting, finish
# in-flight work, close the DB. It may take up to 20 s: run with `docker stop -t 30` / `--stop-timeout 30`.
CMD ["node", "--enable-source-maps", "dist/main.js"]
