import Foundation
import Hummingbird
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// Inviting colleagues: a school's coordinator invites coordinators of the same school (`/school/invite`), the
/// regional centre anyone anywhere (`/admin/invite`). Who may invite whom is the account service's rule; the
/// forms offer what it says the person may give. With mail configured the link is mailed; else it is shown once, on the
/// answer to the post (never stored in a page anyone can reload from a cache: signed-in pages are no-store).
struct InvitePages {
    let services: WebServices
    let renderer: PageRenderer
    let config: WebConfig

    enum Door {
        case school, admin
        var path: String { self == .school ? "/school/invite" : "/admin/invite" }
    }

    func addRoutes(to pages: RouterGroup<WebContext>) {
        pages.get("school/invite") { request, context in try await self.form(.school, request: request, context: context) }
        pages.post("school/invite") { request, context in try await self.invite(.school, request: request, context: context) }
        pages.get("admin/invite") { request, context in try await self.form(.admin, request: request, context: context) }
        pages.post("admin/invite") { request, context in try await self.invite(.admin, request: request, context: context) }
    }

    /// The person at `door`: a coordinator at the school's, the regional centre at the admin's; anyone else 403.
    func caller(_ door: Door, _ context: WebContext) throws -> Caller {
        switch door {
        case .school:
            return try context.coordinator().caller
        case .admin:
            let caller = try context.signedInCaller()
            guard caller.role == .regionalAdmin else { throw WebError.forbidden }
            return caller
        }
    }

    struct Entered {
        var email = ""
        var name = ""
        var organisation: Int64?
        var role: AccountRole?
    }

    func form(
        _ door: Door, entered: Entered = Entered(), errors: [RegistrationError] = [], request: Request, context: WebContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let caller = try caller(door, context)
        let choices = try await services.accounts.invitationChoices(by: caller)
        let t = WebText.table(context.language)
        let placed = FormErrors(errors, language: context.language)
        var model: [String: Any] = [
            "action": door.path, "admin_door": door == .admin, "email": entered.email, "name": entered.name,
            "organisation_name": choices.organisations.first?.displayName ?? "",
            "organisations": choices.organisations.map { organisation -> [String: Any] in
                ["value": organisation.id.rawValue, "label": organisation.displayName, "selected": organisation.id.rawValue == entered.organisation]
            },
            "roles": choices.roles.map { role -> [String: Any] in
                ["value": role.rawValue, "label": t["role_\(role.rawValue)"] ?? role.rawValue, "selected": role == entered.role]
            }
        ]
        var slots: [String: Any] = [:]
        for field in ["email", "organisation", "role", "displayName"] {
            if let slot = placed.slot(field) { slots[field] = RegistrationFormView.joined(slot) }
        }
        model["e"] = slots
        if !placed.isEmpty {
            model["has_errors"] = true
            model["summary"] = placed.summary { path in ["email": "email", "organisation": "organisation", "role": "role"][path] }
        }
        return renderer.page("invite", model, request: request, context: context, status: status)
    }

    func invite(_ door: Door, request: Request, context: WebContext) async throws -> Response {
        let caller = try caller(door, context)
        let posted = context.form
        var entered = Entered(email: posted["email"] ?? "", name: posted["name"] ?? "")
        let ru = context.language == .ru
        switch door {
        case .school:
            entered.organisation = caller.organisationID?.rawValue
            entered.role = .coordinator
        case .admin:
            entered.organisation = posted["organisation"].flatMap(Int64.init)
            entered.role = posted["role"].flatMap(AccountRole.init(rawValue:))
        }
        guard let role = entered.role else {
            let missing = RegistrationError(.validation, field: "role", ru: "Выберите роль", en: "Choose a role")
            return try await form(door, entered: entered, errors: [missing], request: request, context: context, status: .unprocessableContent)
        }
        do {
            let invitation = try await services.accounts.invite(
                email: entered.email, displayName: entered.name, organisation: entered.organisation.map(OrganisationID.init(rawValue:)),
                role: role, by: caller)
            let t = WebText.table(context.language)
            var model: [String: Any] = [
                "email": invitation.account.email, "name": invitation.account.displayName, "role": t["role_\(role.rawValue)"] ?? role.rawValue,
                "again": door.path
            ]
            if let link = invitation.link {
                // Mailed (mail is configured): the page names the address and never shows the secret.
                if let address = invitation.mailedTo {
                    model["mailed_to"] = address
                } else {
                    model["link"] = origin(request, context) + "/account/invitation/" + link.raw
                }
                let zone = RegistrationWindow.defaultTimeZone
                model["expires"] =
                    ApplicationView.instant(link.expiresAt, in: zone, context.language) + (ru ? " (время \(zone.identifier))" : " (\(zone.identifier) time)")
            } else {
                model["existing"] = true
            }
            return renderer.page("invite_done", model, request: request, context: context)
        } catch let refusal as RegistrationRefusal {
            return try await form(door, entered: entered, errors: refusal.errors, request: request, context: context, status: .unprocessableContent)
        } catch let error as RegistrationError where error.code == .validation || error.code == .notFound {
            return try await form(door, entered: entered, errors: [error], request: request, context: context, status: .unprocessableContent)
        }
    }

    /// Where the invited person opens the link: the configured public address, else the one this browser used.
    func origin(_ request: Request, _ context: WebContext) -> String {
        if let configured = config.publicURL { return configured }
        let host = request.head.authority ?? "127.0.0.1"
        return (context.secure ? "https://" : "http://") + host
    }
}
