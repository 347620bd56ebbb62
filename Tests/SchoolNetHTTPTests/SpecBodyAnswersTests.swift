import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetHTTP
import Testing

/// Every operation that reads a JSON body can answer what the body decoder answers: 400 (malformed,
/// invalid, not UTF-8), 413 (too large), 415 (not JSON, or no body where one is required) and 422 (`validation`:
/// a NUL character in any string, or a value a rule refuses).
/// schemathesis (scripts/fuzz-api) found withdraw, reject, results and advance answering these undocumented, and
/// (2026-12-07) the grade correction answering 422 for a malformed `schoolYear`.
@Suite struct SpecBodyAnswersTests {
    @Test func operationsWithABodyDocumentTheDecodersAnswers() throws {
        let operations = Self.operations(in: String(decoding: OpenAPIDocument.bytes, as: UTF8.self))
        let withBody = operations.filter(\.hasBody)
        #expect(withBody.count >= 8)
        for operation in withBody {
            let missing = ["400", "413", "415", "422"].filter { !operation.statuses.contains($0) }
            #expect(missing.isEmpty, "\(operation.name) does not document \(missing)")
        }
    }

    @Test func readerFindsBodiesAndStatuses() {
        let yaml = """
            paths:
              /a:
                post:
                  operationId: a
                  requestBody:
                    required: true
                  responses:
                    "200": { $ref: x }
                    "415": { $ref: x }
                get:
                  operationId: b
                  responses:
                    "200": { $ref: x }
            components:
              schemas: {}
            """
        let operations = Self.operations(in: yaml)
        #expect(operations.map(\.name) == ["a", "b"])
        #expect(operations.map(\.hasBody) == [true, false])
        #expect(operations[0].statuses == ["200", "415"])
    }

    @Test func rejectWithoutABodyAndWithdrawWithABrokenOneAnswerAsDocumented() async throws {
        let f = try APIFixture.shared("api_spec_body_answers")
        try await f.app.test(.live) { client in
            let created = try await send(client, .post, "/v1/applications", token: f.tokens.schoolA, json: f.individual(lastName: "Телова"))
            let id = try #require(created.id)
            let noBody = try await send(client, .post, "/v1/applications/\(id)/reject", token: f.tokens.organiser)
            #expect(noBody.status == .unsupportedMediaType)
            #expect(noBody.problem?.code == "unsupported_media_type")
            let broken = try await send(client, .post, "/v1/applications/\(id)/withdraw", token: f.tokens.schoolA, json: "\u{0}")
            #expect(broken.status == .badRequest)
            #expect(broken.problem?.code == "malformed_json")
            // Nothing happened to the application.
            let seen = try await send(client, .get, "/v1/applications/\(id)", token: f.tokens.schoolA)
            #expect(seen.object["status"] as? String == "submitted")
        }
    }

    struct Operation {
        var name: String
        var hasBody = false
        var statuses: [String] = []
    }

    /// The operations under `paths:` of the block style openapi.yaml uses: an operation starts at its
    /// `operationId`, its body and answers follow before the next one.
    static func operations(in yaml: String) -> [Operation] {
        var operations: [Operation] = []
        var inPaths = false
        for line in yaml.split(separator: "\n") {
            if !line.hasPrefix(" ") {
                inPaths = line.hasPrefix("paths:")
                continue
            }
            guard inPaths else { continue }
            let text = line.drop { $0 == " " }
            if text.hasPrefix("operationId:") {
                operations.append(Operation(name: text.dropFirst("operationId:".count).trimmingCharacters(in: .whitespaces)))
            } else if text.hasPrefix("requestBody:"), !operations.isEmpty {
                operations[operations.count - 1].hasBody = true
            } else if text.hasPrefix("\""), text.count > 5, text.dropFirst(4).hasPrefix("\":"), !operations.isEmpty {
                let code = String(text.dropFirst().prefix(3))
                if code.allSatisfy(\.isNumber) { operations[operations.count - 1].statuses.append(code) }
            }
        }
        return operations
    }
}
