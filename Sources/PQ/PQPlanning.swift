/// How a statement with parameters is planned.
///
/// `.cached` prepares it once per connection (PQ's statement cache): after five executions PostgreSQL may keep one
/// generic plan for every later call, made with the table statistics of that moment. `.perCall` sends it as an
/// unnamed statement, planned for its actual parameters at every call: one round trip either way, a fraction of a
/// millisecond of planning more. For joins whose best plan changes as tables grow: a generic plan made while a
/// table was empty (a new school year, a fresh database) stays a sequential scan until the next ANALYZE, which
/// autovacuum may run only minutes later (docs/BENCHMARKS.md, "PostgreSQL's side").
public enum PQPlanning: Sendable {
    case cached
    case perCall
}
