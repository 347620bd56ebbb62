import Hummingbird

/// The `/v1` API. Public routes go on `api`; routes that need a token go on
/// `api.authenticatedGroup(dependencies:)`; what a role may do is the services' to decide (they take `context.caller`).
/// Every route registered here must also be in openapi.yaml (a test checks both ways).
struct APIRoutes {
    let dependencies: AppDependencies

    func register(on api: RouterGroup<AppRequestContext>) {
        PublicRoutes(dependencies: self.dependencies).register(on: api)
        let auth = api.authenticatedGroup(dependencies: self.dependencies)
        EventRoutes(dependencies: self.dependencies).register(on: auth)
        ApplicationRoutes(dependencies: self.dependencies).register(on: auth)
        OrganiserRoutes(dependencies: self.dependencies).register(on: auth)
        ModuleRoutes(dependencies: self.dependencies).register(on: auth)
        PeopleRoutes(dependencies: self.dependencies).register(on: auth)
    }
}
