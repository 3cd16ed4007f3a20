# promptshelf: the same steps as README and CI — install, build, migrate, start.

# Build stage: install with the lock file (better-sqlite3 compiles its native addon here), build, drop dev dependencies.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY seed ./seed
COPY migrations ./migrations
COPY web ./web
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled code, production dependencies, migrations, the seed document and the search synonyms;
# runs as the non-root node user.
FROM node:20-bookworm-slim
ENV HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/promptshelf.db
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/seed/PROMPTS.md /app/seed/search-synonyms.json ./seed/
RUN mkdir -p /data && chown node:node /data
USER node
# The SQLite database (and its WAL files) live on this volume.
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrate, then start (the server also applies pending migrations and seeds an empty store).
CMD ["sh", "-c", "node dist/src/cli/migrate.js && exec node dist/src/server.js"]
