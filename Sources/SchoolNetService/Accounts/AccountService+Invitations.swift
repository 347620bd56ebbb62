import PQ
import SchoolNetDomain
import SchoolNetStore

extension AccountService {
    /// Where and as what a caller may invite people: what an invitation form offers (`invite` decides again).
    public struct InvitationChoices: Sendable {
        /// Every organisation for the regional centre (by name), else the caller's own.
        public let organisations: [Organisation]
        public let roles: [AccountRole]
    }

    /// The organisations and roles `caller` may invite into, by the rule `invite` enforces.
    public func invitationChoices(by caller: Caller) async throws -> InvitationChoices {
        let roles = Self.invitableRoles(caller)
        let own = caller.organisationID
        let organisations = try await pool.withTransaction(readOnly: true) { conn -> [Organisation] in
            let repository = OrganisationRepository()
            if caller.role == .regionalAdmin { return try repository.list(on: conn) }
            return try own.flatMap { try repository.get($0, on: conn) }.map { [$0] } ?? []
        }
        return InvitationChoices(organisations: organisations, roles: roles)
    }

    /// The roles `caller` may give: the regional centre any, a school coordinators, an organiser organisers and jurors.
    static func invitableRoles(_ caller: Caller) -> [AccountRole] {
        switch caller.role {
        case .regionalAdmin: AccountRole.allCases
        case .school: [.coordinator]
        case .organiser: [.organiser, .juror]
        }
    }
}
