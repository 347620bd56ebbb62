import Foundation
import Hummingbird

/// The RFC 9457 body: standard members plus our `code`, `requestId` and per-field `errors`.
struct ProblemDocument: Encodable {
    struct Field: Encodable {
        var field: String
        var code: String
        var detail: String
    }

    var type: String
    var title: String
    var status: Int
    var code: String
    var detail: String
    var requestId: String
    var errors: [Field]?

    init(_ problem: some ProblemConvertible, language: Language, requestID: String) {
        self.type = "urn:schoolnet:problem:\(problem.code)"
        self.title = problem.title(language)
        self.status = problem.status.code
        self.code = problem.code
        self.detail = problem.detail(language)
        self.requestId = requestID
        let fields = problem.fieldErrors.map { Field(field: $0.field, code: $0.code, detail: $0.detail(language)) }
        self.errors = fields.isEmpty ? nil : fields
    }

    static let contentType = "application/problem+json"

    /// The full response: problem+json, `Content-Language`, and the problem's own headers.
    static func response(for problem: some ProblemConvertible, language: Language, requestID: String) -> Response {
        let document = ProblemDocument(problem, language: language, requestID: requestID)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings and integers cannot fail; the fallback keeps even that case a valid problem.
        let data = (try? encoder.encode(document)) ?? Data(#"{"status":500,"code":"internal_error"}"#.utf8)
        var headers = problem.headers
        headers[.contentType] = Self.contentType
        headers[.contentLanguage] = language.rawValue
        headers[.vary] = "Accept-Language"
        return Response(status: problem.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
