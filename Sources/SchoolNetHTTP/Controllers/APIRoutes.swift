import Hummingbird

/// The `/v1` API: one controller per area (Controllers/*Controller.swift). Public routes go on `api`; routes that need a token go on
/// `api.authenticatedGroup(dependencies:)`; what a role may do is the services' to decide (they take `context.caller`).
/// Every route registered here must also be in openapi.yaml (a test checks both ways).
struct APIRoutes {
    let dependencies: AppDependencies

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        PublicResultsController(dependencies: self.dependencies).addRoutes(to: api)
        let auth = api.authenticatedGroup(dependencies: self.dependencies)
        EventController(dependencies: self.dependencies).addRoutes(to: auth)
        ApplicationController(dependencies: self.dependencies).addRoutes(to: auth)
        OrganiserController(dependencies: self.dependencies).addRoutes(to: auth)
        ModuleController(dependencies: self.dependencies).addRoutes(to: auth)
        PeopleController(dependencies: self.dependencies).addRoutes(to: auth)
        NotificationController(dependencies: self.dependencies).addRoutes(to: auth)
        ParkedMailController(dependencies: self.dependencies).addRoutes(to: auth)
    }
}
