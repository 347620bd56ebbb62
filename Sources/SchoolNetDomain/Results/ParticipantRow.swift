/// One person of an active application, as the organiser exports them (one CSV row); no birth dates or contacts.
public struct ParticipantRow: Sendable, Hashable, Codable {
    public var applicationID: ApplicationID
    public var status: ApplicationStatus
    public var organisationName: String
    public var teamName: String?
    public var nomination: String?
    /// The full name, "Иванова Мария Петровна"; nil for an application that names nobody (a headcount only).
    public var fullName: String?
    /// The database's `participant_role` label: participant, captain, mentor, ...
    public var role: String?
    /// The grade in the event's school year, for pupils whose grade is known.
    public var grade: Int?
    /// The title of the furthest stage the application reached, nil before any advancement.
    public var stage: String?
    /// Awards of the application, best first, as "diploma_1" or "special:За артистизм" codes.
    public var awards: [String]

    public init(
        applicationID: ApplicationID, status: ApplicationStatus, organisationName: String, teamName: String?,
        nomination: String?, fullName: String?, role: String?, grade: Int?, stage: String?, awards: [String]
    ) {
        self.applicationID = applicationID
        self.status = status
        self.organisationName = organisationName
        self.teamName = teamName
        self.nomination = nomination
        self.fullName = fullName
        self.role = role
        self.grade = grade
        self.stage = stage
        self.awards = awards
    }
}
