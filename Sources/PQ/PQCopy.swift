import CLibPQ

/// Sends COPY ... FROM STDIN data inside a copyIn body; libpq buffers it, so writes may be any size.
public struct PQCopyWriter {
    let handle: OpaquePointer

    /// Sends raw bytes (text or CSV rows, in the format the COPY statement named).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        let sent = PQputCopyData(handle, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        if sent != 1 { throw PQError(connection: handle, context: "COPY data could not be sent") }
    }

    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}

extension PQConnection {
    /// COPY ... FROM STDIN fed by `body`; returns the number of rows loaded. If `body` throws,
    /// the COPY is aborted on the server (nothing is loaded) and the connection stays usable.
    @discardableResult
    public func copyIn(_ sql: String, _ body: (PQCopyWriter) throws -> Void) throws -> Int {
        try checkCancelled()
        logger.debug("copy in", metadata: ["sql": "\(sql)"])
        let start = try check(PQexec(handle, sql), sql: sql, allowCopy: true)
        guard PQresultStatus(start.handle) == PGRES_COPY_IN else {
            throw PQError(kind: .other, message: "copyIn needs a COPY ... FROM STDIN statement")
        }
        let writer = PQCopyWriter(handle: handle)
        do {
            try body(writer)
            try checkCancelled()
        } catch {
            _ = PQputCopyEnd(handle, "COPY aborted by the client")
            _ = try? finishCopy(sql)
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            _ = try? finishCopy(sql)
            throw PQError(connection: handle, context: "COPY could not be finished")
        }
        return try finishCopy(sql)
    }

    /// COPY ... FROM STDIN from a sequence of byte chunks, read one at a time.
    @discardableResult
    public func copyIn<S: Sequence>(_ sql: String, chunks: S) throws -> Int where S.Element == [UInt8] {
        try copyIn(sql) { writer in
            for chunk in chunks { try writer.write(chunk) }
        }
    }

    /// COPY ... TO STDOUT, handing the data to `body` in chunks of about `chunkSize` bytes;
    /// returns the number of rows. Memory stays at one chunk whatever the table size.
    @discardableResult
    public func copyOut(_ sql: String, chunkSize: Int = 64 * 1024, _ body: ([UInt8]) throws -> Void) throws -> Int {
        var chunk = [UInt8]()
        chunk.reserveCapacity(chunkSize + 1024)
        let rows = try copyOutMessages(sql) { message in
            chunk.append(contentsOf: message)
            if chunk.count >= chunkSize {
                try body(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { try body(chunk) }
        return rows
    }

    /// COPY ... TO STDOUT one row at a time (the server sends each row as one message, so CSV
    /// values with embedded newlines stay whole). The row includes its trailing newline.
    @discardableResult
    public func copyOutRows(_ sql: String, _ body: ([UInt8]) throws -> Void) throws -> Int {
        try copyOutMessages(sql) { message in try body([UInt8](message)) }
    }

    private func copyOutMessages(_ sql: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        try checkCancelled()
        logger.debug("copy out", metadata: ["sql": "\(sql)"])
        let start = try check(PQexec(handle, sql), sql: sql, allowCopy: true)
        guard PQresultStatus(start.handle) == PGRES_COPY_OUT else {
            throw PQError(kind: .other, message: "copyOut needs a COPY ... TO STDOUT statement")
        }
        var failure: (any Error)? = nil
        var buffer: UnsafeMutablePointer<CChar>? = nil
        while true {
            let n = PQgetCopyData(handle, &buffer, 0)
            if n < 0 { break }
            defer { PQfreemem(buffer); buffer = nil }
            if failure != nil { continue }
            do {
                try body(UnsafeRawBufferPointer(start: buffer, count: Int(n)))
            } catch {
                failure = error
                cancelRunningQuery()
            }
        }
        do {
            let rows = try finishCopy(sql)
            if let failure { throw failure }
            return rows
        } catch {
            throw failure ?? error
        }
    }

    /// Reads the COPY's final results until libpq has none left; throws the server's error if any.
    private func finishCopy(_ sql: String) throws -> Int {
        var rows = 0
        var failure: (any Error)? = nil
        while let raw = PQgetResult(handle) {
            let status = PQresultStatus(raw)
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT {
                // Still in COPY (the server did not accept the end); give up on the connection state.
                PQclear(raw)
                failure = failure ?? PQError(connection: handle, context: "COPY did not end")
                break
            }
            do {
                let result = try check(raw, sql: sql)
                rows = result.affectedRows
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return rows
    }
}
