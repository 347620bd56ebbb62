import Foundation
import Hummingbird
import HummingbirdTesting
import SchoolNetHTTP
import Testing

/// openapi.yaml is compiled into the binary (scripts/embed-openapi): the copy served is the file in the source tree.
@Suite struct OpenAPIEmbeddingTests {
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SchoolNetHTTP/openapi.yaml")

    @Test func theEmbeddedSpecEqualsTheFile() throws {
        let onDisk = try [UInt8](Data(contentsOf: Self.file))
        #expect(!onDisk.isEmpty)
        // Compared outside #expect, which would print both documents in full.
        let same = OpenAPIDocument.bytes == onDisk
        #expect(same, "openapi.yaml differs from its embedded copy: run scripts/embed-openapi")
    }

    @Test func getOpenAPIServesTheFileByteForByte() async throws {
        let onDisk = try [UInt8](Data(contentsOf: Self.file))
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml")
                let same = Array(buffer: response.body) == onDisk
                #expect(same, "GET /openapi.yaml differs from Sources/SchoolNetHTTP/openapi.yaml")
            }
        }
    }
}
