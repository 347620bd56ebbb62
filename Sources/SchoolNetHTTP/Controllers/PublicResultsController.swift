import Hummingbird
import SchoolNetDomain
import SchoolNetService

/// `GET /v1/public/events/{eventID}/results`: published results for anyone, no token.
struct PublicResultsController {
    let dependencies: AppDependencies

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("public/events/{eventID}/results", use: self.results)
    }

    /// `GET /v1/public/events/{eventID}/results`.
    @Sendable func results(_ request: Request, context: AppRequestContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        let id = EventID(rawValue: try context.id("eventID"))
        return try JSONResponse.make(PublicResultsBody(try await services.eventAdmin.publicResults(event: id)))
    }
}
