import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// A subject access request (issue 17): everything SchoolNet holds about one person, as one JSON document, for the
/// regional centre, which answers such requests for the network. Reading it is audited (who asked, for whom), never
/// with the data itself.
public struct PersonExportService: Sendable {
    let pool: PQPool
    let exports = PersonExportRepository()

    public init(pool: PQPool) { self.pool = pool }

    public func export(_ person: PersonID, by caller: Caller) async throws -> String {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        return try await pool.withTransaction { [exports] conn in
            try AuditActor.set(caller, on: conn)
            guard let document = try exports.export(person, on: conn) else {
                throw RegistrationRefusal([
                    RegistrationError(
                        .notFound, field: "personId", ru: "Человек №\(person.rawValue) не найден", en: "Person \(person.rawValue) not found")
                ])
            }
            try exports.noteExport(person, at: Date(), on: conn)
            return document
        }
    }
}
