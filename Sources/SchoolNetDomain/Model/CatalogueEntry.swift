/// An event as the public catalogue shows it: the event, who organises it, its module, and the places taken now.
public struct CatalogueEntry: Sendable, Hashable {
    public var event: Event
    /// The organiser's short name, else its full name.
    public var organiserName: String
    /// nil for an event outside the programme's modules.
    public var moduleName: String?
    /// Active (submitted or accepted) applications: a team holds one place.
    public var placesTaken: Int

    public init(event: Event, organiserName: String, moduleName: String?, placesTaken: Int) {
        self.event = event
        self.organiserName = organiserName
        self.moduleName = moduleName
        self.placesTaken = placesTaken
    }

    /// Places still free; nil when the event takes any number of applications.
    public var placesLeft: Int? { event.rules.capacity.map { max(0, $0 - placesTaken) } }
}

/// Which events the public catalogue lists; nil fields don't filter.
public struct CatalogueFilter: Sendable, Hashable {
    public var moduleID: ProgrammeModuleID?
    /// `.pupils` takes events open to pupils, preschoolers or students; `.teachers` those open to teachers.
    public var audience: AudienceKind?
    /// Events a pupil of this grade may enter: pupils admitted, with no grade range or one containing it.
    public var grade: Int?

    public init(moduleID: ProgrammeModuleID? = nil, audience: AudienceKind? = nil, grade: Int? = nil) {
        self.moduleID = moduleID
        self.audience = audience
        self.grade = grade
    }
}
