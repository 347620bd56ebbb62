import Foundation
import Hummingbird
import SchoolNetDomain
import SchoolNetService
import SchoolNetStore

/// Notification choices over the API (issue 15): a school follows an event, the regional centre (or the owner)
/// sets a person's or account's preferences, the regional centre manages webhook subscriptions.
struct NotificationController {
    let dependencies: AppDependencies

    func addRoutes(to auth: RouterGroup<AuthenticatedContext>) {
        auth.put("events/{eventID}/follow", use: self.follow)
        auth.delete("events/{eventID}/follow", use: self.unfollow)
        auth.get("accounts/{accountID}/notification-preferences", use: self.accountPreferences)
        auth.put("accounts/{accountID}/notification-preferences", use: self.setAccountPreferences)
        auth.get("people/{personID}/notification-preferences", use: self.personPreferences)
        auth.put("people/{personID}/notification-preferences", use: self.setPersonPreferences)
        auth.get("webhooks", use: self.listWebhooks)
        auth.post("webhooks", use: self.subscribe)
        auth.delete("webhooks/{subscriptionID}", use: self.unsubscribe)
    }

    func service() throws -> NotificationService { NotificationService(sharing: try self.dependencies.requireServices().eventAdmin) }

    /// `?organisationId=` (the regional centre's way of naming the school).
    func organisation(_ request: Request) throws -> OrganisationID? {
        guard let raw = request.uri.queryParameters.get("organisationId") else { return nil }
        guard let id = Int64(raw), id > 0 else {
            throw QueryProblem(errors: [QueryProblem.invalid("organisationId", ru: "Ожидается номер организации.", en: "Expected an organisation id.")])
        }
        return OrganisationID(rawValue: id)
    }

    /// `PUT /v1/events/{eventID}/follow`.
    @Sendable func follow(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await service().follow(event: EventID(rawValue: try context.id("eventID")), organisation: try organisation(request), by: context.caller)
        return Response(status: .noContent)
    }

    /// `DELETE /v1/events/{eventID}/follow`.
    @Sendable func unfollow(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await service().unfollow(event: EventID(rawValue: try context.id("eventID")), organisation: try organisation(request), by: context.caller)
        return Response(status: .noContent)
    }

    @Sendable func accountPreferences(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try JSONResponse.make(try await service().preferences(of: .account(try context.id("accountID")), by: context.caller))
    }

    @Sendable func setAccountPreferences(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await set(.account(try context.id("accountID")), request, context)
    }

    @Sendable func personPreferences(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try JSONResponse.make(try await service().preferences(of: .person(PersonID(rawValue: try context.id("personID"))), by: context.caller))
    }

    @Sendable func setPersonPreferences(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await set(.person(PersonID(rawValue: try context.id("personID"))), request, context)
    }

    /// `PUT .../notification-preferences`: `{reminders, digests}`, each optional (an absent one is kept).
    func set(_ owner: NotificationSettingsRepository.Owner, _ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        struct Body: Decodable {
            var reminders: Bool?
            var digests: Bool?
        }
        let service = try service()
        var preferences = try await service.preferences(of: owner, by: context.caller)
        let body = try await request.decodeJSON(Body.self, context: context)
        preferences.reminders = body.reminders ?? preferences.reminders
        preferences.digests = body.digests ?? preferences.digests
        try await service.setPreferences(preferences, of: owner, by: context.caller)
        return try JSONResponse.make(preferences)
    }

    /// `GET /v1/webhooks` (the regional centre): subscriptions without their secrets.
    @Sendable func listWebhooks(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try JSONResponse.make(ListBody(items: try await service().subscriptions(by: context.caller).map { WebhookBody($0, secret: false) }))
    }

    /// `POST /v1/webhooks` (the regional centre): `{url, eventTypes}`; the answer shows the secret, once.
    @Sendable func subscribe(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        struct Body: Decodable {
            var url: String
            var eventTypes: [String]
        }
        let service = try service()
        try service.authorizeWebhooks(context.caller)
        let body = try await request.decodeJSON(Body.self, context: context)
        let subscription = try await service.subscribe(url: body.url, eventTypes: body.eventTypes, by: context.caller)
        return try JSONResponse.make(WebhookBody(subscription, secret: true), status: .created)
    }

    /// `DELETE /v1/webhooks/{subscriptionID}`.
    @Sendable func unsubscribe(_ request: Request, context: AuthenticatedContext) async throws -> Response {
        try await service().unsubscribe(try context.id("subscriptionID"), by: context.caller)
        return Response(status: .noContent)
    }
}

struct WebhookBody: Encodable {
    var id: Int64
    var url: String
    var eventTypes: [String]
    var active: Bool
    var secret: String?

    init(_ subscription: WebhookSubscription, secret: Bool) {
        self.id = subscription.id
        self.url = subscription.url
        self.eventTypes = subscription.eventTypes
        self.active = subscription.disabledAt == nil
        self.secret = secret ? subscription.secret : nil
    }
}
