# syntax=docker/dockerfile:1
# Build: docker build --build-arg REVISION="$(git rev-parse HEAD)" -t temaplanbot .
# Run:   docker run --rm -e MONGODB_URI=... -e AUTHOR_HASH_KEY=... -e SLACK_BOT_TOKEN=... temaplanbot
# Web chat: add -e WEB_ENABLED=true -e WEB_BASE_URL=https://chat.example.no [-e WEB_ALLOWED_ORIGINS=https://www.asker.kommune.no]

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
# .dockerignore keeps ./data (residents' input, author-hash.key) and .git out.
COPY . .
# The context has no .git (see .dockerignore), so the revision shown in
# temaplanbot_build_info comes from these build arguments.
ARG VERSION=docker
ARG REVISION=unknown
# Build tags: ferretdb_no_postgresql drops FerretDB's PostgreSQL backend (the
# embedded server uses SQLite). With MONGODB_URI always set, build with
# --build-arg TAGS=temaplanbot_no_embedded: no FerretDB/SQLite at all, a far
# smaller binary and a much faster build (see README, "First run").
ARG TAGS=ferretdb_no_postgresql
# Static binary: pure-Go SQLite (modernc) for the embedded default, time zone
# data embedded through time/tzdata.
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=linux go build -trimpath -tags "${TAGS}" -ldflags="-s -w -X main.version=${VERSION} -X main.revision=${REVISION}" -o /out/temaplanbot ./cmd/temaplanbot \
 && mkdir -p /out/data

# distroless/static: CA certificates and zone data, no shell, runs as nonroot (65532).
# /data is created owned by nonroot, so a new named volume mounted there is
# writable; a bind mount keeps the host directory's owner (chown it to 65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/temaplanbot /usr/local/bin/temaplanbot
COPY --from=build --chown=65532:65532 /out/data /data
ENV DATA_DIR=/data \
    HTTP_ADDR=:8080 \
    LOG_FORMAT=json \
    TIME_ZONE=Europe/Oslo
VOLUME ["/data"]
EXPOSE 8080
USER nonroot:nonroot
# No shell or curl in distroless: the binary probes its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/temaplanbot", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/temaplanbot"]
CMD ["serve"]
