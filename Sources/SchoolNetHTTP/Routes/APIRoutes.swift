import Hummingbird

/// The `/v1` API. Public routes go on `api`; routes that need a token go on
/// `api.authenticatedGroup(dependencies:)`, with `RoleGuard` or `context.require(...)` for roles.
/// Every route registered here must also be in openapi.yaml (a test checks both ways).
struct APIRoutes {
    let dependencies: AppDependencies

    func register(on api: RouterGroup<AppRequestContext>) {
        // wired in integration: events, applications, results, exports.
    }
}
