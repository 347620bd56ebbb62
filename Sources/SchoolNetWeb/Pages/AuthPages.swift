import Foundation
import Hummingbird
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// Signing in and out, invitations, password resets, the account page and the language switch.
struct AuthPages {
    let services: WebServices
    let renderer: PageRenderer

    func addRoutes(to pages: RouterGroup<WebContext>) {
        pages.get("login") { request, context in self.loginForm(request: request, context: context) }
        pages.post("login") { request, context in try await self.login(request: request, context: context) }
        pages.post("logout") { request, context in try await self.logout(request: request, context: context) }
        pages.get("account") { request, context in try self.account(request: request, context: context) }
        pages.post("account/logout-everywhere") { request, context in try await self.logoutEverywhere(request: request, context: context) }
        pages.post("account/act-as") { request, context in try self.actAs(request: request, context: context) }
        pages.get("account/invitation/:secret") { request, context in
            try await self.linkForm(.invitation, request: request, context: context)
        }
        pages.post("account/invitation/:secret") { request, context in
            try await self.useLink(.invitation, request: request, context: context)
        }
        pages.get("account/reset/:secret") { request, context in try await self.linkForm(.reset, request: request, context: context) }
        pages.post("account/reset/:secret") { request, context in try await self.useLink(.reset, request: request, context: context) }
        pages.get("language") { request, context in self.language(request: request, context: context) }
    }

    // MARK: login

    func loginForm(request: Request, context: WebContext, email: String = "", error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        if context.session != nil, error == nil {
            return PageRenderer.redirect(to: WebPaths.local(request.uri.queryParameters.get("next")))
        }
        var model: [String: Any] = ["email": email, "next": WebPaths.local(request.uri.queryParameters.get("next") ?? context.form["next"])]
        if let error {
            model["error"] = error
        } else if context.sessionEnded || request.uri.queryParameters.get("expired") == "1" {
            model["notice"] = WebText.table(context.language)["session_expired"]
        }
        return renderer.page("login", model, request: request, context: context, status: status)
    }

    func login(request: Request, context: WebContext) async throws -> Response {
        let form = context.form
        let email = form["email"] ?? ""
        do {
            let login = try await services.accounts.login(email: email, password: form.raw("password") ?? "", address: context.peerAddress)
            var response = PageRenderer.redirect(to: WebPaths.local(form["next"]))
            response.setCookie(WebCookies.session(login.session.raw, secure: context.secure))
            return response
        } catch let refusal as AccountRefusal {
            let text = context.language == .ru ? refusal.messageRU : refusal.messageEN
            let status: HTTPResponse.Status = refusal.code == .tooManyAttempts ? .tooManyRequests : .unauthorized
            var response = loginForm(request: request, context: context, email: email, error: text, status: status)
            if let until = refusal.retryAfter {
                response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
            }
            return response
        }
    }

    func logout(request: Request, context: WebContext) async throws -> Response {
        if let session = context.session { try await services.accounts.logout(session: session.secret) }
        var response = PageRenderer.redirect(to: "/")
        response.setCookie(WebCookies.expired(WebCookies.session, secure: context.secure))
        return response
    }

    // MARK: the account page

    func account(request: Request, context: WebContext) throws -> Response {
        guard let session = context.session else { throw WebError.signInRequired }
        let t = WebText.table(context.language)
        let memberships: [[String: Any]] = session.principal.memberships.map { membership in
            [
                "role": t["role_\(membership.role.rawValue)"] ?? membership.role.rawValue,
                "organisation": membership.organisationName ?? "",
                "organisation_id": membership.organisationID?.rawValue ?? 0,
                "current": membership == session.membership,
                "switchable": membership != session.membership && membership.role.actorRole != nil && membership.organisationID != nil
            ]
        }
        let model: [String: Any] = ["name": session.principal.displayName, "email": session.principal.email, "memberships": memberships]
        return renderer.page("account", model, request: request, context: context)
    }

    func logoutEverywhere(request: Request, context: WebContext) async throws -> Response {
        guard let session = context.session else { throw WebError.signInRequired }
        try await services.accounts.logoutEverywhere(session.principal)
        var response = PageRenderer.redirect(to: "/login")
        response.setCookie(WebCookies.expired(WebCookies.session, secure: context.secure))
        return response
    }

    /// Chooses which of the person's organisations the pages act for (kept in a cookie; checked against the
    /// memberships on every request, so a forged cookie only ever picks among the person's own).
    func actAs(request: Request, context: WebContext) throws -> Response {
        guard context.session != nil else { throw WebError.signInRequired }
        guard let id = context.form["organisation"].flatMap(Int64.init) else { throw WebError.badForm }
        var response = PageRenderer.redirect(to: "/account")
        response.setCookie(WebCookies.preference(WebCookies.organisation, String(id), secure: context.secure))
        return response
    }

    // MARK: invitation and reset links

    enum LinkKind {
        case invitation, reset
        var template: String { self == .invitation ? "invitation" : "reset" }
    }

    func linkForm(_ kind: LinkKind, request: Request, context: WebContext) async throws -> Response {
        let secret = context.parameters.get("secret") ?? ""
        // The reset page cannot ask whether its link is open without using it; the form's answer tells.
        if kind == .invitation, try await !services.accounts.invitationIsOpen(secret) {
            return renderer.page("link_dead", [:], request: request, context: context, status: .gone)
        }
        return renderer.page(kind.template, ["action": request.uri.path], request: request, context: context)
    }

    func useLink(_ kind: LinkKind, request: Request, context: WebContext) async throws -> Response {
        let secret = context.parameters.get("secret") ?? ""
        let form = context.form
        let password = form.raw("password") ?? ""
        let t = WebText.table(context.language)
        guard password == form.raw("password_repeat") else {
            return renderer.page(
                kind.template, ["action": request.uri.path, "error_repeat": t["password_mismatch"] ?? ""], request: request,
                context: context, status: .unprocessableContent)
        }
        do {
            let login =
                switch kind {
                case .invitation: try await services.accounts.acceptInvitation(secret, password: password, signingInFrom: context.peerAddress)
                case .reset: try await services.accounts.completePasswordReset(secret, password: password, signingInFrom: context.peerAddress)
                }
            var response = PageRenderer.redirect(to: "/account")
            response.setCookie(WebCookies.session(login.session.raw, secure: context.secure))
            return response
        } catch let refusal as AccountRefusal where refusal.code == .weakPassword {
            let text = context.language == .ru ? refusal.messageRU : refusal.messageEN
            return renderer.page(
                kind.template, ["action": request.uri.path, "error_password": text], request: request, context: context,
                status: .unprocessableContent)
        } catch let refusal as AccountRefusal where refusal.code == .linkInvalid {
            return renderer.page("link_dead", [:], request: request, context: context, status: .gone)
        }
    }

    // MARK: language

    func language(request: Request, context: WebContext) -> Response {
        let chosen = request.uri.queryParameters.get("to").flatMap(Language.init(rawValue:)) ?? .ru
        var response = PageRenderer.redirect(to: WebPaths.local(request.uri.queryParameters.get("back")))
        response.setCookie(WebCookies.preference(WebCookies.language, chosen.rawValue, secure: context.secure))
        return response
    }
}
