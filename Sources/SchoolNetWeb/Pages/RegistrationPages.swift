import Foundation
import Hummingbird
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// A coordinator registers a team or a pupil, sees the application, changes or withdraws it until the deadline.
/// Every rule is the registration service's (the API's own): the pages turn the form into its request and its
/// refusals into messages at the fields. An application of another school is 404, as the service answers.
struct RegistrationPages {
    let services: WebServices
    let renderer: PageRenderer

    var registration: RegistrationService { services.api.registration }

    func addRoutes(to pages: RouterGroup<WebContext>) {
        pages.get("events/:id/register") { request, context in try await self.registerForm(request: request, context: context) }
        pages.post("events/:id/register") { request, context in try await self.register(request: request, context: context) }
        pages.get("applications/:application") { request, context in try await self.show(request: request, context: context) }
        pages.get("applications/:application/edit") { request, context in try await self.editForm(request: request, context: context) }
        pages.post("applications/:application/edit") { request, context in try await self.edit(request: request, context: context) }
        pages.post("applications/:application/withdraw") { request, context in try await self.withdraw(request: request, context: context) }
    }

    // MARK: registering

    func registerForm(request: Request, context: WebContext) async throws -> Response {
        let (caller, school) = try context.coordinator()
        try registration.authorize(.register, by: caller)
        let details = try await event(context)
        guard let session = context.session else { throw WebError.signInRequired }
        let form = RegistrationForm(responsibleName: session.principal.displayName, responsibleEmail: session.principal.email)
        let closed = details.event.rules.window.checkSubmit(at: services.api.catalog.now()).map { message($0, context.language) }
        let query = request.uri.queryParameters
        return try await render(
            .register, details, form: form, errors: [], closed: closed, query: query.get("q").flatMap(RegistrationForm.blankless),
            group: query.get("class").flatMap(SchoolRoster.Group.init(key:)), caller: caller, school: school, request: request,
            context: context)
    }

    func register(request: Request, context: WebContext) async throws -> Response {
        let (caller, school) = try context.coordinator()
        try registration.authorize(.register, by: caller)
        let details = try await event(context)
        var form = try RegistrationForm(posted: context.form)
        do {
            let members = try await members(form, details.event, school: school, caller: caller)
            let outcome = try await registration.register(
                RegistrationRequest(
                    eventID: details.event.id, organisationID: school,
                    change: ApplicationChange(
                        teamName: RegistrationForm.blankless(form.teamName), nominationID: form.nominationID.map(NominationID.init(rawValue:)),
                        responsible: form.responsible, members: members),
                    idempotencyKey: form.idempotencyKey),
                by: caller)
            return PageRenderer.redirect(to: "/applications/\(outcome.application.id.rawValue)")
        } catch let refusal as RegistrationRefusal {
            // The key went with a different form: this one is another application, so it gets a key of its own.
            if refusal.errors.contains(where: { $0.code == .idempotencyConflict }) { form.idempotencyKey = RegistrationForm.newIdempotencyKey() }
            return try await render(
                .register, details, form: form, errors: refusal.errors, caller: caller, school: school, request: request, context: context,
                status: .unprocessableContent)
        }
    }

    // MARK: the application

    func show(request: Request, context: WebContext) async throws -> Response {
        let (caller, _) = try context.coordinator()
        let application = try await registration.application(try applicationID(context), by: caller)
        return try await page(application, caller: caller, request: request, context: context)
    }

    func editForm(request: Request, context: WebContext) async throws -> Response {
        let (caller, school) = try context.coordinator()
        let application = try await registration.application(try applicationID(context), by: caller)
        let details = try await event(application.eventID)
        var closed: String?
        do {
            try RegistrationCheck.checkEdit(
                status: application.status, by: caller.role, window: details.event.rules.window, at: services.api.catalog.now())
        } catch {
            closed = message(error, context.language)
        }
        let query = request.uri.queryParameters
        return try await render(
            .edit(application.id), details, form: RegistrationForm(application: application), errors: [], closed: closed,
            query: query.get("q").flatMap(RegistrationForm.blankless), group: query.get("class").flatMap(SchoolRoster.Group.init(key:)),
            extra: Self.listed(application), caller: caller, school: school, request: request, context: context)
    }

    func edit(request: Request, context: WebContext) async throws -> Response {
        let (caller, school) = try context.coordinator()
        // Another school's application is 404 before the form is even read.
        let application = try await registration.application(try applicationID(context), by: caller)
        let details = try await event(application.eventID)
        let form = try RegistrationForm(posted: context.form)
        do {
            let members = try await members(form, details.event, school: school, caller: caller)
            let change = ApplicationChange(
                teamName: RegistrationForm.blankless(form.teamName), nominationID: form.nominationID.map(NominationID.init(rawValue:)),
                responsible: form.responsible, members: members)
            _ = try await registration.edit(application.id, change, by: caller)
            return PageRenderer.redirect(to: "/applications/\(application.id.rawValue)")
        } catch let refusal as RegistrationRefusal where !Self.isMissing(refusal) {
            return try await render(
                .edit(application.id), details, form: form, errors: refusal.errors, extra: Self.listed(application), caller: caller,
                school: school, request: request, context: context, status: .unprocessableContent)
        }
    }

    func withdraw(request: Request, context: WebContext) async throws -> Response {
        let (caller, _) = try context.coordinator()
        let id = try applicationID(context)
        do {
            _ = try await registration.withdraw(id, reason: context.form["reason"], by: caller)
            return PageRenderer.redirect(to: "/applications/\(id.rawValue)")
        } catch let refusal as RegistrationRefusal where !Self.isMissing(refusal) {
            let application = try await registration.application(id, by: caller)
            // A second click on the same button: what it asked for is done.
            if application.status == .withdrawn { return PageRenderer.redirect(to: "/applications/\(id.rawValue)") }
            return try await page(
                application, caller: caller, refusal: refusal.errors, request: request, context: context,
                status: HTTPResponse.Status(code: refusal.httpStatus))
        }
    }

    // MARK: helpers

    /// The request's members: those picked from the school's lists (the service reads them, refusing anyone not the
    /// school's), then the new one typed in.
    private func members(_ form: RegistrationForm, _ event: Event, school: OrganisationID, caller: Caller) async throws -> [MemberRequest] {
        let picked = try await registration.pickedMembers(form.picked, of: school, by: caller)
        let (members, unreadable) = form.members(picked: picked, defaultKind: RegistrationFormView.kinds(event).first ?? .pupil)
        try RegistrationRefusal.throwIfAny(unreadable)
        return members
    }

    private func render(
        _ target: RegistrationFormView.Target, _ details: EventDetails, form: RegistrationForm, errors: [RegistrationError],
        closed: String? = nil, query: String? = nil, group: SchoolRoster.Group? = nil, extra: [RosterPerson] = [], caller: Caller,
        school: OrganisationID, request: Request, context: WebContext, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let roster = try await registration.roster(of: school, in: details.event.schoolYear, by: caller)
        let view = RegistrationFormView(
            target: target, details: details, form: form, errors: FormErrors(errors, language: context.language), roster: roster,
            extra: extra, query: query, group: group, closed: closed, language: context.language)
        return renderer.page("registration", view.model, request: request, context: context, status: status)
    }

    private func page(
        _ application: SchoolNetDomain.Application, caller: Caller, refusal: [RegistrationError] = [], request: Request, context: WebContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let details = try await event(application.eventID)
        let language = context.language
        let ru = language == .ru
        let event = details.event
        let now = services.api.catalog.now()
        let window = event.rules.window
        let canEdit = (try? RegistrationCheck.checkEdit(status: application.status, by: caller.role, window: window, at: now)) != nil
        let canWithdraw = (try? RegistrationCheck.checkWithdraw(status: application.status, by: caller.role, window: window, at: now)) != nil
        var model: [String: Any] = [
            "app_id": application.id.rawValue,
            "heading": ApplicationView.label(application, language),
            "event": ApplicationView.event(event, language),
            "status": ApplicationView.status(application.status, language),
            "status_key": application.status.rawValue,
            "members": application.members.map { ApplicationView.member($0, language) },
            "member_count": application.members.count + (application.headcount ?? 0),
            "responsible_name": application.responsible.name,
            "submitted": ApplicationView.instant(application.submittedAt, in: event.timeZone, language),
            "submitted_by": application.submittedBy,
            "can_edit": canEdit, "can_withdraw": canWithdraw, "can_change": canEdit || canWithdraw
        ]
        if let email = application.responsible.email { model["responsible_email"] = email }
        if let phone = application.responsible.phone { model["responsible_phone"] = phone }
        if let nomination = application.nominationID.flatMap({ id in details.nominations.first { $0.id == id } }) {
            model["nomination"] = nomination.title
        }
        if let reason = application.statusReason {
            model["reason"] = reason
            model["reason_label"] =
                application.status == .rejected ? (ru ? "Причина отказа" : "Reason for rejection") : (ru ? "Пояснение" : "Note")
        }
        if !application.status.isFinal, !canEdit {
            model["closed_note"] =
                ru
                ? "Приём заявок закончился: изменить или отозвать заявку можно только через организатора."
                : "Registration has ended: only the organiser can change or withdraw the application now."
        }
        if !refusal.isEmpty {
            model["has_refusal"] = true
            model["refusal"] = refusal.map { ru ? $0.messageRU : $0.messageEN }
        }
        return renderer.page("application", model, request: request, context: context, status: status)
    }

    private func event(_ context: WebContext) async throws -> EventDetails {
        guard let raw = context.parameters.get("id", as: Int64.self) else { throw WebError.notFound }
        return try await event(EventID(rawValue: raw))
    }

    private func event(_ id: EventID) async throws -> EventDetails {
        guard let details = try await services.api.catalog.event(id) else { throw WebError.notFound }
        return details
    }

    private func applicationID(_ context: WebContext) throws -> ApplicationID {
        guard let raw = context.parameters.get("application", as: Int64.self) else { throw WebError.notFound }
        return ApplicationID(rawValue: raw)
    }

    private func message(_ error: RegistrationError, _ language: Language) -> String {
        language == .ru ? error.messageRU : error.messageEN
    }

    /// The application is not there for this caller (missing, or another school's): the 404 page, not the form.
    static func isMissing(_ refusal: RegistrationRefusal) -> Bool {
        refusal.errors.allSatisfy { $0.code == .notFound && $0.field == nil }
    }

    /// The application's members as list rows, for those the school's lists do not show now.
    static func listed(_ application: SchoolNetDomain.Application) -> [RosterPerson] {
        application.members.map { member in
            RosterPerson(id: member.personID, kind: member.kind, name: member.name, grade: member.grade, hasConsent: member.hasConsent)
        }
    }
}
