import Foundation

import Hummingbird

/// Strict decoding of JSON request bodies: every way a body can be wrong becomes a `BodyProblem`
/// (415, 413, 400 or 422 naming the field), never a 500.
public enum StrictJSON {
    /// Decodes `type` from UTF-8 JSON bytes, rejecting members the type does not read.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        if let offset = firstInvalidUTF8Offset(bytes) {
            throw BodyProblem.notUTF8(offset: offset)
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch let error as JSONSyntaxError {
            let position = lineAndColumn(of: error.offset, in: bytes)
            throw BodyProblem.malformed(line: position.line, column: position.column, reason: error.reason.text)
        } catch let error as JSONDuplicateKeyError {
            throw BodyProblem.invalid([
                FieldError(field: fieldPath(error.path), code: "duplicate_field", detail: .init(ru: "Поле указано дважды.", en: "This field appears twice."))
            ])
        }
        let decoded: (value: T, unknownFields: [[JSONKey]])
        do {
            decoded = try JSONValueDecoder.decode(type, from: document)
        } catch let error as DecodingError {
            throw BodyProblem.invalid([FieldError(error)])
        }
        guard decoded.unknownFields.isEmpty else {
            throw BodyProblem.invalid(
                decoded.unknownFields.map {
                    FieldError(field: fieldPath($0), code: "unknown_field", detail: .init(ru: "Неизвестное поле.", en: "Unknown field."))
                }
            )
        }
        return decoded.value
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

extension Request {
    /// Reads and decodes a JSON body strictly: 415 unless `application/json`, 413 over the context's
    /// `maxUploadSize`, 400 for non-UTF-8 or malformed JSON, 422 naming unknown, missing or mistyped fields.
    public func decodeJSON<T: Decodable>(_ type: T.Type, context: some SchoolNetRequestContext) async throws -> T {
        guard StrictJSON.isJSONContentType(self.headers[.contentType]) else { throw BodyProblem.unsupportedMediaType }
        let limit = context.maxUploadSize
        if let declared = self.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw BodyProblem.tooLarge(limit: limit)
        }
        var bytes: [UInt8] = []
        for try await chunk in self.body {
            guard bytes.count + chunk.readableBytes <= limit else { throw BodyProblem.tooLarge(limit: limit) }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return try StrictJSON.decode(type, from: bytes)
    }
}

extension FieldError {
    /// The field problem a `DecodingError` describes, at the path it names.
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            let path = context.codingPath.last?.stringValue == key.stringValue ? context.codingPath : context.codingPath + [key]
            self.init(field: fieldPath(path), code: "missing", detail: .init(ru: "Обязательное поле отсутствует.", en: "This field is required."))
        case .valueNotFound(_, let context):
            self.init(field: fieldPath(context.codingPath), code: "missing", detail: .init(ru: "Значение не может быть null.", en: "The value must not be null."))
        case .typeMismatch(let type, let context):
            let expected = jsonKind(of: type)
            self.init(
                field: fieldPath(context.codingPath),
                code: "invalid_type",
                detail: .init(ru: "Ожидается \(expected.ru).", en: "Expected \(expected.en).")
            )
        case .dataCorrupted(let context):
            self.init(field: fieldPath(context.codingPath), code: "invalid_value", detail: .init(ru: "Недопустимое значение.", en: "Invalid value."))
        @unknown default:
            self.init(field: "", code: "invalid_value", detail: .init(ru: "Недопустимое значение.", en: "Invalid value."))
        }
    }
}

/// The JSON type a Swift type is read from, named for a person.
private func jsonKind(of type: Any.Type) -> LocalizedText {
    switch type {
    case is String.Type: .init(ru: "строка", en: "a string")
    case is Bool.Type: .init(ru: "логическое значение (true или false)", en: "a boolean")
    case is any FixedWidthInteger.Type: .init(ru: "целое число", en: "an integer")
    case is Double.Type, is Float.Type, is Decimal.Type: .init(ru: "число", en: "a number")
    case is [JSONValue].Type: .init(ru: "массив", en: "an array")
    case is [String: JSONValue].Type: .init(ru: "объект", en: "an object")
    default: .init(ru: "значение другого типа", en: "a value of another type")
    }
}

extension JSONSyntaxError.Reason {
    var text: LocalizedText {
        switch self {
        case .unexpectedEnd: .init(ru: "неожиданный конец данных", en: "unexpected end of input")
        case .unexpectedCharacter: .init(ru: "неожиданный символ", en: "unexpected character")
        case .invalidEscape: .init(ru: "неверная escape-последовательность", en: "invalid escape sequence")
        case .controlCharacterInString: .init(ru: "управляющий символ внутри строки", en: "control character in a string")
        case .invalidNumber: .init(ru: "неверное число", en: "invalid number")
        case .trailingContent: .init(ru: "лишние данные после JSON", en: "unexpected data after the JSON value")
        case .tooDeep: .init(ru: "слишком глубокая вложенность", en: "nesting too deep")
        }
    }
}
