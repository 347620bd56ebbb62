#!/bin/sh
# Run once by the postgres image when its data volume is new (docker-entrypoint-initdb.d), as the image's
# superuser. Creates SchoolNet's login roles with passwords from the environment (never from the repository):
#   schoolnet_owner    owns the database; `schoolnet db migrate` logs in as it
#   schoolnet_app      member of schoolnet_runtime (rows only); `schoolnet serve` logs in as it
# The group role schoolnet_runtime is created here so the owner needs no CREATEROLE; migration 0014
# grants it its rights. Safe to run again (a role that exists gets its password and membership set):
# CLIComposeRolesTests runs this very file against a throwaway cluster, then migrates and serves as compose does.
set -eu
: "${SCHOOLNET_OWNER_PASSWORD:?set SCHOOLNET_OWNER_PASSWORD}"
: "${SCHOOLNET_RUNTIME_PASSWORD:?set SCHOOLNET_RUNTIME_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v owner_password="$SCHOOLNET_OWNER_PASSWORD" -v runtime_password="$SCHOOLNET_RUNTIME_PASSWORD" \
     -v db="$POSTGRES_DB" <<'SQL'
SELECT format('CREATE ROLE %I', r) FROM unnest(ARRAY['schoolnet_owner', 'schoolnet_runtime', 'schoolnet_app']) r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec
ALTER ROLE schoolnet_owner LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD :'owner_password';
ALTER ROLE schoolnet_runtime NOLOGIN;
ALTER ROLE schoolnet_app LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB PASSWORD :'runtime_password';
GRANT schoolnet_runtime TO schoolnet_app;
ALTER DATABASE :"db" OWNER TO schoolnet_owner;
-- pg_trgm and btree_gist are trusted extensions: the database owner may create them itself.
SQL
