# promptshelf: the same steps as README and CI — install, build, migrate, start — on Node 24 LTS.

# Build stage: install with the lock file (better-sqlite3 compiles its native addon here), build, drop dev dependencies.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# node-gyp's toolchain, for better-sqlite3's addon.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# The manifests alone first, so that the dependency layer is rebuilt only when they change. The client's
# package.json comes too: it is an npm workspace, and npm ci refuses a lock file whose workspaces are missing.
COPY package.json package-lock.json ./
COPY clients/typescript/package.json ./clients/typescript/package.json
RUN npm ci --no-audit --no-fund
# What the build compiles (tsconfig.build.json: src and seed) and the compiler settings it extends.
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY seed ./seed
# The migrations, applied at start; copied here so that the runtime stage takes everything from this stage.
COPY migrations ./migrations
COPY web ./web
RUN npm run build && npm prune --omit=dev

# Runtime stage: only what the running service reads; runs as the non-root node user under tini.
FROM node:24-bookworm-slim
# tini as PID 1 forwards SIGTERM/SIGINT to node (so in-flight requests finish and the database closes cleanly)
# and reaps zombies: the `docker run --init` behaviour, built into the image.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/promptshelf.db
WORKDIR /app
# package.json: "type": "module" for the compiled code, and the marker the service finds its own folder by.
COPY --from=build /app/package.json ./package.json
# Production dependencies only (pruned above), with better-sqlite3's addon built for this Node.
COPY --from=build /app/node_modules ./node_modules
# The compiled service and its command-line tools (dist/src/cli/migrate.js runs before start).
COPY --from=build /app/dist ./dist
# The SQL migrations applied at start.
COPY --from=build /app/migrations ./migrations
# The seed document (an empty store is seeded from it) and the search synonyms read at start.
COPY --from=build /app/seed/PROMPTS.md /app/seed/search-synonyms.json ./seed/
RUN mkdir -p /data && chown node:node /data
USER node
# The SQLite database (and its WAL files) live on this volume.
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# Migrate, then start (the server also applies pending migrations and seeds an empty store); exec so that tini
# signals node itself, not the shell.
CMD ["sh", "-c", "node dist/src/cli/migrate.js && exec node dist/src/server.js"]
