import Hummingbird
import SchoolNetHTTP
import Testing

/// The OpenAPI document and the router describe the same API: every route is documented and
/// every documented operation is served.
@Suite struct RouteSpecTests {
    @Test func routesAndSpecMatch() throws {
        let router = buildRouter(HTTPConfig(), dependencies: .failing)
        let served = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = try Self.operations(in: String(decoding: OpenAPIDocument.bytes, as: UTF8.self))
        #expect(!documented.isEmpty)
        #expect(served.subtracting(documented).sorted() == [], "served but not in openapi.yaml")
        #expect(documented.subtracting(served).sorted() == [], "in openapi.yaml but not served")
    }

    @Test func parserReadsPathsAndMethods() throws {
        let yaml = """
            openapi: 3.1.0
            paths:
              /v1/events/{eventID}:
                parameters: []
                get:
                  summary: x
                patch:
                  summary: y
              "/healthz":
                get: {}
            components:
              schemas:
                Thing:
                  get: not a path
            """
        #expect(try Self.operations(in: yaml) == ["GET /v1/events/{eventID}", "PATCH /v1/events/{eventID}", "GET /healthz"])
    }

    /// "METHOD /path" for each operation under `paths:`. Reads the block style openapi.yaml uses:
    /// paths indented by two spaces, methods by four.
    static func operations(in yaml: String) throws -> Set<String> {
        let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        var operations: Set<String> = []
        var inPaths = false
        var currentPath: String?
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            if !line.hasPrefix(" ") {
                inPaths = line.hasPrefix("paths:")
                currentPath = nil
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  "), !line.hasPrefix("   ") {
                var key = line.dropFirst(2).prefix { $0 != ":" || false }
                key = key.trimmingPrefix("\"")
                if key.hasSuffix("\"") { key = key.dropLast() }
                try #require(key.hasPrefix("/"), "unexpected key under paths: \(line)")
                currentPath = String(key)
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path = currentPath {
                let key = line.dropFirst(4).prefix { $0 != ":" }
                if methods.contains(String(key)) {
                    operations.insert("\(key.uppercased()) \(path)")
                }
            }
        }
        return operations
    }
}
