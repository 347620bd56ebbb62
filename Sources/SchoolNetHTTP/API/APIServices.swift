import PQ
import SchoolNetDomain
import SchoolNetService

/// The services the `/v1` routes call; all share one pool and one clock.
public struct APIServices: Sendable {
    public var registration: RegistrationService
    public var eventAdmin: EventAdminService
    public var catalog: EventCatalogService
    public var modules: ModuleService
    /// Explicit corrections of a pupil's grade on record.
    public var grades: GradeCorrectionService
    /// The mail the delivery worker gave up on (the regional centre's).
    public var parkedMail: ParkedMailService

    public init(
        registration: RegistrationService, eventAdmin: EventAdminService, catalog: EventCatalogService, modules: ModuleService,
        parkedMail: ParkedMailService
    ) {
        self.registration = registration
        self.eventAdmin = eventAdmin
        self.catalog = catalog
        self.modules = modules
        self.parkedMail = parkedMail
        self.grades = GradeCorrectionService(registration: registration)
    }

    /// Every service over `pool`, reading "now" from `time`.
    public init(pool: PQPool, time: any TimeSource = SystemTime()) {
        self.init(
            registration: RegistrationService(pool: pool, time: time),
            eventAdmin: EventAdminService(pool: pool, time: time),
            catalog: EventCatalogService(pool: pool, time: time),
            modules: ModuleService(pool: pool),
            parkedMail: ParkedMailService(pool: pool, time: time)
        )
    }
}
