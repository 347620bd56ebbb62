import Hummingbird

/// The OpenAPI description, served byte for byte from the copy compiled into the binary
/// (EmbeddedOpenAPI.swift, written by scripts/embed-openapi from openapi.yaml).
public enum OpenAPIDocument {
    /// Bytes of `openapi.yaml`.
    public static let bytes: [UInt8] = Array(EmbeddedOpenAPI.yaml.utf8)

    static let contentType = "application/yaml"
}
