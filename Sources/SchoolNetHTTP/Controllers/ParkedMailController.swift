import Foundation
import Hummingbird
import SchoolNetService
import SchoolNetStore

/// `GET /v1/notifications/parked` and `POST /v1/notifications/parked/{messageID}/retry` (the regional centre; issue 15):
/// the mail the delivery worker gave up on, and sending one again by hand.
struct ParkedMailController {
    let dependencies: AppDependencies

    func addRoutes(to auth: RouterGroup<AuthenticatedContext>) {
        auth.get("notifications/parked", use: self.parked)
        auth.post("notifications/parked/{messageID}/retry", use: self.retry)
    }

    /// `GET /v1/notifications/parked`.
    @Sendable func parked(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        let rows = try await services.parkedMail.parked(by: context.caller)
        return try JSONResponse.make(ListBody(items: rows.map(ParkedMailBody.init)))
    }

    /// `POST /v1/notifications/parked/{messageID}/retry`.
    @Sendable func retry(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        let services = try self.dependencies.requireServices()
        let id = try context.id("messageID")
        try await services.parkedMail.retry(id, by: context.caller)
        return try JSONResponse.make(RetriedMailBody(id: id, queued: true))
    }
}

/// A parked message: no payload (it names pupils), only what it takes to decide.
struct ParkedMailBody: Encodable {
    var id: Int64
    var kind: String
    var recipient: String
    var attempts: Int
    var parkedAt: Date?
    var lastError: String?

    init(_ row: OutboxRow) {
        id = row.id
        kind = row.kind
        recipient = row.recipient
        attempts = row.attempts
        parkedAt = row.parkedAt
        lastError = row.lastError
    }
}

struct RetriedMailBody: Encodable {
    var id: Int64
    var queued: Bool
}
