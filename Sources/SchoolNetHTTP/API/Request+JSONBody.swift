import Foundation
import Hummingbird
import SchoolNetService

extension Request {
    /// Reads and decodes a JSON body strictly: 415 unless `application/json`, 413 over the context's `maxUploadSize`,
    /// 400 for non-UTF-8, malformed JSON or another shape (naming unknown, missing or mistyped fields), 422 for a NUL.
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: some SchoolNetRequestContext) async throws -> T {
        guard Self.isJSONContentType(self.headers[.contentType]) else { throw BodyProblem.unsupportedMediaType }
        let limit = context.maxUploadSize
        if let declared = self.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw BodyProblem.tooLarge(limit: limit)
        }
        return try Self.decode(type, from: try await self.bodyBytes(limit: limit))
    }

    /// A JSON body where the body is optional: nil when there is none (no bytes at all, however the client framed
    /// that), else decoded as strictly as `decodeJSON`.
    func decodeOptionalJSON<T: Decodable>(_ type: T.Type, context: some SchoolNetRequestContext) async throws -> T? {
        let bytes = try await self.bodyBytes(limit: context.maxUploadSize)
        if bytes.isEmpty { return nil }
        guard Self.isJSONContentType(self.headers[.contentType]) else { throw BodyProblem.unsupportedMediaType }
        return try Self.decode(type, from: bytes)
    }

    private func bodyBytes(limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in self.body {
            guard bytes.count + chunk.readableBytes <= limit else { throw BodyProblem.tooLarge(limit: limit) }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }

    private static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        do {
            return try JSONBody.decode(type, from: bytes)
        } catch let error as JSONBodyError {
            throw BodyProblem.body(error)
        }
    }

    /// Whether a Content-Type value names JSON in UTF-8 (`application/json`, optionally `; charset=utf-8`).
    public static func isJSONContentType(_ value: String?) -> Bool {
        guard let value else { return false }
        let parts = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.first == "application/json" else { return false }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.first == "charset", pair.count == 2, pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) != "utf-8" {
                return false
            }
        }
        return true
    }
}
