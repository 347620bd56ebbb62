import PQ

extension PQConnection {
    /// The single row a statement with RETURNING (or an aggregate) must give; a missing one is a bug, not a user error.
    func one(_ sql: String, _ parameters: [any PQEncodable] = []) throws -> PQRow {
        guard let row = try query(sql, parameters).first else {
            throw PQError(kind: .other, message: "expected a row from: \(sql.prefix(80))")
        }
        return row
    }
}
