import Foundation
import SchoolNetDomain

/// A body that is not the documented shape: the HTTP API answers 400, the CLI refuses the file, in the same words.
public enum JSONBodyError: Error, Sendable, Equatable {
    /// Not UTF-8 JSON text; the byte offset of the first bad byte.
    case notUTF8(offset: Int)
    /// Not JSON; 1-based line and column, (0, 0) when the parser did not say.
    case malformed(line: Int, column: Int)
    /// JSON, but a member is unknown, missing, null or of the wrong type.
    case invalid([BodyFieldError])

    public var code: String {
        switch self {
        case .notUTF8: "invalid_encoding"
        case .malformed: "malformed_json"
        case .invalid: "invalid_body"
        }
    }

    public var messageRU: String {
        switch self {
        case .notUTF8(let offset): "Текст не в кодировке UTF-8 (ошибка в байте \(offset))."
        case .malformed(let line, let column) where line > 0: "Некорректный JSON в строке \(line), столбце \(column)."
        case .malformed: "Некорректный JSON."
        case .invalid(let errors) where errors.count == 1: "Ошибка в поле \(Self.quoted(errors[0].field))."
        case .invalid(let errors): "Ошибки в полях: \(errors.count)."
        }
    }

    public var messageEN: String {
        switch self {
        case .notUTF8(let offset): "The text is not valid UTF-8 (bad byte at offset \(offset))."
        case .malformed(let line, let column) where line > 0: "Malformed JSON at line \(line), column \(column)."
        case .malformed: "Malformed JSON."
        case .invalid(let errors) where errors.count == 1: "Invalid field \(Self.quoted(errors[0].field))."
        case .invalid(let errors): "\(errors.count) fields are invalid."
        }
    }

    public var fieldErrors: [BodyFieldError] {
        if case .invalid(let errors) = self { return errors }
        return []
    }

    private static func quoted(_ field: String) -> String { field.isEmpty ? "(body)" : "'\(field)'" }
}

/// One member's problem: `field` is a path like `members[2].grade` ("" is the whole body); `code` is one of
/// missing, invalid_type, invalid_value, unknown_field.
public struct BodyFieldError: Sendable, Equatable {
    public var field: String
    public var code: String
    public var messageRU: String
    public var messageEN: String

    public init(field: String, code: String, ru: String, en: String) {
        self.field = field
        self.code = code
        self.messageRU = ru
        self.messageEN = en
    }

    static func unknown(_ path: [any CodingKey]) -> BodyFieldError {
        BodyFieldError(field: fieldPath(path), code: "unknown_field", ru: "Неизвестное поле.", en: "Unknown field.")
    }

    /// The problem a `DecodingError` describes, at the path it names. Values are never repeated (a birth date stays
    /// off screens and logs).
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            let path = context.codingPath.last?.stringValue == key.stringValue ? context.codingPath : context.codingPath + [key]
            self.init(field: fieldPath(path), code: "missing", ru: "Обязательное поле отсутствует.", en: "This field is required.")
        case .valueNotFound(_, let context):
            self.init(field: fieldPath(context.codingPath), code: "missing", ru: "Значение не может быть null.", en: "The value must not be null.")
        case .typeMismatch(let type, let context):
            let expected = Self.kind(of: type)
            self.init(field: fieldPath(context.codingPath), code: "invalid_type", ru: "Ожидается \(expected.ru).", en: "Expected \(expected.en).")
        case .dataCorrupted(let context):
            self.init(field: fieldPath(context.codingPath), code: "invalid_value", ru: "Недопустимое значение.", en: "Invalid value.")
        @unknown default:
            self.init(field: "", code: "invalid_value", ru: "Недопустимое значение.", en: "Invalid value.")
        }
    }

    /// The JSON type a Swift type is read from, named for a person.
    private static func kind(of type: Any.Type) -> (ru: String, en: String) {
        switch type {
        case is String.Type: ("строка", "a string")
        case is Bool.Type: ("логическое значение (true или false)", "a boolean")
        case is any FixedWidthInteger.Type: ("целое число", "an integer")
        case is Double.Type, is Float.Type, is Decimal.Type: ("число", "a number")
        case is [Any].Type: ("массив", "an array")
        case is [String: Any].Type: ("объект", "an object")
        default: ("значение другого типа", "a value of another type")
        }
    }
}

/// A coding path as clients write it: `members[1].grade`; the empty path (the whole body) is "".
func fieldPath(_ codingPath: [any CodingKey]) -> String {
    var path = ""
    for key in codingPath {
        // Foundation names array positions "Index 2"; named keys with an Int raw value are not positions.
        if let index = key.intValue, key.stringValue == String(index) || key.stringValue == "Index \(index)" {
            path += "[\(index)]"
        } else {
            path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
    }
    return path
}
