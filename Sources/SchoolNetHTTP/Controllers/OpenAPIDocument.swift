import Foundation
import Hummingbird

/// The OpenAPI description, served byte for byte from the resource bundle.
public enum OpenAPIDocument {
    /// Bytes of `openapi.yaml`. Read once; a missing bundle stops the process at startup, not at request time.
    public static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"), let data = try? Data(contentsOf: url) else {
            preconditionFailure("openapi.yaml is missing from the SchoolNetHTTP resource bundle")
        }
        return Array(data)
    }()

    static let contentType = "application/yaml"
}
