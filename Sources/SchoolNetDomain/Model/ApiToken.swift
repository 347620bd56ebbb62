import Foundation

/// An API token as stored: never the token itself, only what it may do and its dates.
public struct ApiToken: Sendable, Hashable, Codable {
    public var id: Int64
    public var role: ActorRole
    /// nil only for the regional centre's admin tokens.
    public var organisationID: OrganisationID?
    public var label: String
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(
        id: Int64, role: ActorRole, organisationID: OrganisationID?, label: String, createdAt: Date,
        expiresAt: Date? = nil, revokedAt: Date? = nil, lastUsedAt: Date? = nil
    ) {
        self.id = id
        self.role = role
        self.organisationID = organisationID
        self.label = label
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }
}
