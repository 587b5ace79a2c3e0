# syntax=docker/dockerfile:1

# One image for api, worker and session host; docker-compose picks the entry point.
FROM node:20.20.2-bookworm-slim AS base
WORKDIR /app

# The web build needs the dev dependencies (vite, plugins); the runtime does not, but tsx is a
# runtime dependency because the processes run the TypeScript sources directly.
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build:web && npm prune --omit=dev

FROM base AS runtime
# ffmpeg transcodes operators' audio into WhatsApp voice notes (ogg/opus).
RUN apt-get update \
  && apt-get install -y --no-install-recommends ffmpeg \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
# Sources stay owned by root so a compromised process cannot rewrite them; only DATA_DIR is
# writable, and a new named volume mounted there inherits this ownership.
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "api/server.ts"]
