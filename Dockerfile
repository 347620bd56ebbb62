# Builds the schoolnet binary and runs `schoolnet serve`. Used by docker-compose.yml, which migrates in a
# one-off job as the owner and serves as the runtime login: the server never migrates (nor needs the rights to).
FROM swift:6.2-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY sql ./sql
# SwiftPM's Bundle.module looks for the resource bundle next to the executable: openapi.yaml
# lives in SchoolNet_SchoolNetHTTP.resources, and without it the server stops at startup.
RUN swift build -c release --product schoolnet \
    && BIN="$(swift build -c release --show-bin-path)" \
    && mkdir -p /app/bin \
    && cp "$BIN/schoolnet" /app/bin/schoolnet \
    && cp -R "$BIN/SchoolNet_SchoolNetHTTP.resources" /app/bin/

FROM swift:6.2-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app schoolnet
COPY --from=build /app/bin/schoolnet /usr/local/bin/schoolnet
COPY --from=build /app/bin/SchoolNet_SchoolNetHTTP.resources /usr/local/bin/SchoolNet_SchoolNetHTTP.resources
USER schoolnet
EXPOSE 8080
ENTRYPOINT ["schoolnet"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
