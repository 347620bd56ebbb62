# Builds the schoolnet binary and runs `schoolnet serve`. Used by docker-compose.yml.
FROM swift:6.1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
COPY sql ./sql
RUN swift build -c release --product schoolnet && cp "$(swift build -c release --show-bin-path)/schoolnet" /usr/local/bin/schoolnet

FROM swift:6.1-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /app schoolnet
COPY --from=build /usr/local/bin/schoolnet /usr/local/bin/schoolnet
USER schoolnet
EXPOSE 8080
ENTRYPOINT ["schoolnet"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080", "--migrate"]
