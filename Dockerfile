# Builds the schoolnet binary and runs `schoolnet serve`. Used by docker-compose.yml, which migrates in a
# one-off job as the owner and serves as the runtime login: the server never migrates (nor needs the rights to).
FROM swift:6.2-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY sql ./sql
# The binary is all there is to ship: SQL and openapi.yaml are compiled in (scripts/embed-sql, scripts/embed-openapi).
RUN swift build -c release --product schoolnet \
    && BIN="$(swift build -c release --show-bin-path)" \
    && mkdir -p /app/bin \
    && cp "$BIN/schoolnet" /app/bin/schoolnet

FROM swift:6.2-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app schoolnet
COPY --from=build /app/bin/schoolnet /usr/local/bin/schoolnet
USER schoolnet
EXPOSE 8080
ENTRYPOINT ["schoolnet"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
