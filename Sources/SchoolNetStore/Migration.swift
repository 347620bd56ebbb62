/// One SQL file of `sql/migrations` (or `sql/analytics`): its file name and exact text.
public struct Migration: Sendable, Hashable {
    /// The file name, e.g. `0001_extensions_and_names.sql`; migrations apply in name order.
    public let name: String
    public let sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}
