import PQ
import SchoolNetDomain

// Enum labels read from the judging tables; an unknown label is a schema/code mismatch, never a default.
extension PQRow {
    func applicationStatus(_ column: String) throws -> ApplicationStatus {
        let label: String = try decode(column)
        guard let status = ApplicationStatus(rawValue: label) else {
            throw PQError(kind: .decoding, message: "unknown application_status \(label)", column: column)
        }
        return status
    }

    func award(_ column: String, title: String) throws -> Award {
        let code: String = try decode(column)
        guard let award = Award(code: code, title: try decode(title, as: String?.self)) else {
            throw PQError(kind: .decoding, message: "unknown award \(code) or special without a title", column: column)
        }
        return award
    }
}
