/// A module of the programme («Истоки», «Точки роста») and whom its events are for.
public struct ProgrammeModule: Sendable, Hashable, Codable {
    public var id: ProgrammeModuleID
    public var name: String
    public var audience: AudienceKind

    public init(id: ProgrammeModuleID, name: String, audience: AudienceKind) {
        self.id = id
        self.name = name
        self.audience = audience
    }
}
