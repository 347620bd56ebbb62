import PQ
import SchoolNetDomain

// An award is two columns (code and special title); an unknown code is a schema/code mismatch, never a default.
extension PQRow {
    func award(_ column: String, title: String) throws -> Award {
        let code: String = try decode(column)
        guard let award = Award(code: code, title: try decode(title, as: String?.self)) else {
            throw PQError(kind: .decoding, message: "unknown award \(code) or special without a title", column: column)
        }
        return award
    }
}
