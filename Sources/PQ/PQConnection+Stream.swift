import CLibPQ

extension PQConnection {
    /// Runs a query and hands its rows to `body` one at a time (libpq single-row mode), so any
    /// number of rows decode in constant memory. Returns the number of rows. If `body` throws,
    /// the query is cancelled on the server and the connection stays usable.
    @discardableResult
    public func stream(_ sql: String, _ parameters: [any PQEncodable] = [], _ body: (PQRow) throws -> Void) throws -> Int {
        try checkCancelled()
        try params.encode(parameters)
        logger.debug("stream", metadata: ["sql": "\(sql)", "parameters": "\(parameters.count)"])
        let sent: Int32
        if statements.isEnabled {
            let name = try preparedName(sql)
            sent = params.withPointers { n, _, values, lengths, formats in
                PQsendQueryPrepared(handle, name, n, values, lengths, formats, 1)
            }
        } else {
            sent = params.withPointers { n, types, values, lengths, formats in
                PQsendQueryParams(handle, sql, n, types, values, lengths, formats, 1)
            }
        }
        guard sent == 1 else { throw PQError(connection: handle, context: "could not send query") }
        PQsetSingleRowMode(handle)

        var count = 0
        var failure: (any Error)? = nil
        // Every single-row result of the query has the same columns: read their types once.
        var columns: [PQColumnType]? = nil
        while let raw = PQgetResult(handle) {
            if failure != nil { PQclear(raw); continue }
            switch PQresultStatus(raw) {
            case PGRES_SINGLE_TUPLE:
                if columns == nil { columns = PQColumnType.all(of: raw) }
                let result = PQResult(raw, columns: columns)
                do {
                    try body(PQRow(result: result, row: 0))
                    count += 1
                } catch {
                    failure = error
                    cancelRunningQuery()
                }
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                PQclear(raw)
            default:
                do { _ = try check(raw, sql: sql) } catch { failure = error }
            }
        }
        if let failure { throw failure }
        return count
    }

    /// Asks the server to stop the query this connection is running (PQcancel, from this thread).
    func cancelRunningQuery() {
        guard let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }
}
