# One image for every Rapport process; the compose file picks the entry point.
# npm install, not npm ci: a lockfile written on one platform may lack another's optional binaries.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 INGESTION_HOST=0.0.0.0
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The gRPC server serves reflection from the .proto sources.
COPY --from=build /app/proto ./proto
USER node
CMD ["node", "dist/apps/api/src/main.js"]
