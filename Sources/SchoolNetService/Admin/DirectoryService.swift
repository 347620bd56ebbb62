import Foundation
import PQ
import SchoolNetDomain
import SchoolNetStore

/// The network's organisations for the regional centre: list, search, show, and record agreements.
public struct DirectoryService: Sendable {
    let pool: PQPool
    let time: any TimeSource
    let organisations = OrganisationRepository()
    let reference = ReferenceRepository()

    public init(pool: PQPool, time: any TimeSource) {
        self.pool = pool
        self.time = time
    }

    /// An organisation with where it is and whether it is a member today.
    public struct Listed: Sendable, Codable {
        public var organisation: Organisation
        public var municipality: String
        public var isMember: Bool
    }

    /// Everything known about one organisation.
    public struct Details: Sendable, Codable {
        public var listed: Listed
        public var region: String
        public var country: String
        public var aliases: [String]
        public var agreements: [NetworkAgreement]
    }

    /// All organisations (members on `memberOn` only, when given), by name.
    public func list(memberOn: LocalDate? = nil) async throws -> [Listed] {
        let today = self.today
        return try await pool.withTransaction(readOnly: true) { [organisations, reference] conn in
            var names: [MunicipalityID: String] = [:]
            return try organisations.list(OrganisationFilter(memberOn: memberOn), on: conn).map { org in
                if names[org.municipalityID] == nil {
                    names[org.municipalityID] = try reference.municipality(org.municipalityID, on: conn)?.name ?? ""
                }
                return Listed(
                    organisation: org, municipality: names[org.municipalityID] ?? "",
                    isMember: try organisations.isMember(org.id, on: today, on: conn))
            }
        }
    }

    /// Organisations matching a name as people write it («гимназия 13 томск»), best first.
    public func search(_ query: String, limit: Int = 10) async throws -> [OrganisationMatch] {
        try await pool.withConnection { [organisations] conn in try organisations.search(query, limit: limit, on: conn) }
    }

    public func details(_ id: OrganisationID) async throws -> Details {
        let today = self.today
        return try await pool.withTransaction(readOnly: true) { [organisations, reference] conn in
            guard let org = try organisations.get(id, on: conn) else { throw Self.notFound(id) }
            let municipality = try reference.municipality(org.municipalityID, on: conn)
            let region = try municipality.flatMap { try reference.region($0.regionID, on: conn) }
            let country = try region.flatMap { try reference.country(code: $0.countryCode, on: conn) }
            return Details(
                listed: Listed(
                    organisation: org, municipality: municipality?.name ?? "",
                    isMember: try organisations.isMember(id, on: today, on: conn)),
                region: region?.name ?? "", country: country?.name ?? "",
                aliases: try organisations.aliases(id, on: conn), agreements: try organisations.agreements(id, on: conn))
        }
    }

    /// An id ("42") or a name: the single best search match; several equally good ones are refused, listed.
    public func resolve(_ text: String) async throws -> OrganisationID {
        if let raw = Int64(text.trimmingCharacters(in: .whitespaces)) { return OrganisationID(rawValue: raw) }
        let found = try await search(text, limit: 5)
        guard let best = found.first else {
            throw RegistrationError(
                .notFound, field: "organisation", ru: "Организация «\(text)» не найдена",
                en: "No organisation matches “\(text)”")
        }
        let tied = found.filter { $0.score >= best.score }
        if tied.count > 1 {
            let names = tied.map { "\($0.organisationID.rawValue) \($0.fullName)" }.joined(separator: "; ")
            throw RegistrationError(
                .validation, field: "organisation", ru: "«\(text)» подходит к нескольким организациям: \(names)",
                en: "“\(text)” matches several organisations: \(names)")
        }
        return best.organisationID
    }

    /// Records a network agreement (договор); overlapping an existing one is refused.
    public func addAgreement(_ id: OrganisationID, since: LocalDate, until: LocalDate?, number: String?, by caller: Caller) async throws -> NetworkAgreement {
        guard caller.role == .regionalAdmin else { throw Refusals.regionalCentreOnly }
        if let until, until < since {
            throw RegistrationError(
                .validation, field: "agreement.until",
                ru: "Договор заканчивается (\(until.iso)) раньше, чем начинается (\(since.iso))",
                en: "The agreement ends (\(until.iso)) before it starts (\(since.iso))")
        }
        do {
            return try await pool.withTransaction { [organisations] conn in
                try AuditActor.set(caller, on: conn)
                guard try organisations.get(id, on: conn) != nil else { throw Self.notFound(id) }
                return try organisations.addAgreement(id, number: number, membership: NetworkMembership(since: since, until: until), on: conn)
            }
        } catch let error as PQError where error.constraint?.hasPrefix("network_agreement") == true {
            // which agreement it runs into, so the regional centre knows what to end or correct
            let recorded =
                (try? await details(id).agreements.map { a in
                    "\(a.membership.since.iso)..\(a.membership.until?.iso ?? "")" + (a.number.map { " №\($0)" } ?? "")
                }.joined(separator: "; ")) ?? ""
            throw RegistrationError(
                .validation, field: "agreement",
                ru: "Договор пересекается с уже заключённым: \(recorded)",
                en: "The agreement overlaps one already recorded: \(recorded)")
        }
    }

    var today: LocalDate { LocalDate(time.now(), in: RegistrationWindow.defaultTimeZone) }

    static func notFound(_ id: OrganisationID) -> RegistrationError {
        RegistrationError(
            .notFound, field: "organisation", ru: "Организация №\(id.rawValue) не найдена",
            en: "Organisation \(id.rawValue) not found")
    }
}
