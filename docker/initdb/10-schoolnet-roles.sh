#!/bin/sh
# Run once by the postgres image when its data volume is new (docker-entrypoint-initdb.d), as the image's
# superuser. Creates SchoolNet's login roles with passwords from the environment (never from the repository):
#   schoolnet_owner    owns the database; `schoolnet db migrate` logs in as it
#   schoolnet_app      member of schoolnet_runtime (rows only); `schoolnet serve` logs in as it
# The group role schoolnet_runtime is created here so the owner needs no CREATEROLE; migration 0014
# grants it its rights.
set -eu
: "${SCHOOLNET_OWNER_PASSWORD:?set SCHOOLNET_OWNER_PASSWORD}"
: "${SCHOOLNET_RUNTIME_PASSWORD:?set SCHOOLNET_RUNTIME_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v owner_password="$SCHOOLNET_OWNER_PASSWORD" -v runtime_password="$SCHOOLNET_RUNTIME_PASSWORD" \
     -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE schoolnet_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE schoolnet_runtime NOLOGIN;
CREATE ROLE schoolnet_app LOGIN PASSWORD :'runtime_password' IN ROLE schoolnet_runtime;
ALTER DATABASE :"db" OWNER TO schoolnet_owner;
-- pg_trgm and btree_gist are trusted extensions: the database owner may create them itself.
SQL
