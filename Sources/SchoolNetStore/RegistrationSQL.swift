import Foundation
import PQ
import SchoolNetDomain

// Decoding help private to the registration repositories, in a namespace of its own.
enum RegistrationSQL {
    /// A Swift value of a database enum, or a decoding error naming the column.
    static func enumValue<T: RawRepresentable>(_ raw: String, _ type: T.Type, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: raw) else {
            throw PQError(kind: .decoding, message: "column \"\(column)\" holds \"\(raw)\", unknown to \(T.self)")
        }
        return value
    }
}
