import Foundation
import Hummingbird
import Mustache
import NIOCore
import SchoolNetDomain
import SchoolNetHTTP

/// A static file the binary carries (`scripts/embed-web`).
struct EmbeddedAsset: Sendable {
    let contentType: String
    let text: String
}

/// Renders the embedded Mustache templates into HTML responses. Every page gets the same frame: the texts in the
/// person's language (`t`), who is signed in (`user`), the form token (`csrf`) and the path for the language switch.
/// Mustache escapes every `{{value}}`; no template uses the unescaped forms for anything a person typed.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    public init() {
        var library = MustacheLibrary()
        for (name, text) in EmbeddedWeb.templates {
            // A broken template is a programming error caught by every test that renders a page.
            do { try library.register(text, named: name) } catch { preconditionFailure("template \(name): \(error)") }
        }
        self.library = library
    }

    /// The page `template` with `model`, framed for `context`.
    func page(
        _ template: String, _ model: [String: Any], request: Request, context: WebContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        var full = model
        full["t"] = WebText.table(context.language)
        full["lang"] = context.language.rawValue
        full["other_lang"] = context.language == .ru ? "en" : "ru"
        full["back"] = request.uri.path
        full["csrf"] = context.csrfToken
        if let session = context.session {
            var user: [String: Any] = ["name": session.principal.displayName]
            if let membership = session.membership {
                user["coordinator"] = membership.role == .coordinator
                user["organiser"] = membership.role == .organiser
                user["admin"] = membership.role == .regionalAdmin
            }
            full["user"] = user
        }
        let html = library.render(full, withTemplate: template) ?? ""
        return Self.html(html, status: status, context: context)
    }

    /// An HTML response with the pages' security headers.
    static func html(_ html: String, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        WebHeaders.apply(to: &headers)
        // A signed-in person's page holds their school's data: no cache keeps it; a public page is revalidated.
        headers[.cacheControl] = context.session == nil ? "no-cache" : "no-store"
        let body = ByteBuffer(string: html)
        keep(headers: headers, body: body, status: status, context: context)
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: body))
        if let cookie = context.newCSRFCookie {
            response.setCookie(Cookie(name: CSRF.cookie, value: cookie, path: "/", secure: false, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// A visitor's public page goes into the cache when its middleware gave it a ticket (a page that is found).
    static func keep(headers: HTTPFields, body: ByteBuffer, status: HTTPResponse.Status, context: WebContext) {
        guard status == .ok, context.session == nil, let ticket = context.cacheTicket else { return }
        ticket.keep(headers: headers, body: body)
    }

    /// 303 to `location` (after a post: the browser then GETs, so a reload never posts twice).
    static func redirect(to location: String) -> Response {
        var headers: HTTPFields = [.location: location]
        WebHeaders.apply(to: &headers)
        return Response(status: .seeOther, headers: headers)
    }
}

/// Headers every page carries: nothing from other origins (no CDN, no remote fonts), no framing, no sniffing, and no
/// Referer leaving the site (a link's secret must not travel to anyone).
enum WebHeaders {
    static let contentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func apply(to headers: inout HTTPFields) {
        headers[HTTPFieldName("Content-Security-Policy")!] = contentSecurityPolicy
        headers[HTTPFieldName("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPFieldName("Referrer-Policy")!] = "same-origin"
    }
}
