import Foundation

/// A consent to personal data processing (a parent's for a minor): who gave it, who entered it, when.
/// PERSONAL DATA throughout.
public struct PersonalDataConsent: Sendable, Hashable, Codable {
    public var id: Int64
    public var personID: PersonID
    public var givenBy: String
    public var recordedBy: String
    public var recordedByTokenID: Int64?
    public var recordedAt: Date
    public var withdrawnAt: Date?

    public init(
        id: Int64, personID: PersonID, givenBy: String, recordedBy: String, recordedByTokenID: Int64? = nil,
        recordedAt: Date, withdrawnAt: Date? = nil
    ) {
        self.id = id
        self.personID = personID
        self.givenBy = givenBy
        self.recordedBy = recordedBy
        self.recordedByTokenID = recordedByTokenID
        self.recordedAt = recordedAt
        self.withdrawnAt = withdrawnAt
    }

    /// Not withdrawn.
    public var isInForce: Bool { withdrawnAt == nil }
}
