import Foundation
import Hummingbird
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetService

/// Runs before every page: picks the language, finds the signed-in person from the session cookie, prepares the
/// form token, and for a POST reads the form and refuses it (403 page) unless it carries the right token.
struct WebFrontMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let accounts: AccountService
    let config: WebConfig

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let cookies = request.cookies
        if let chosen = cookies[WebCookies.language].flatMap({ Language(rawValue: $0.value) }) {
            context.language = chosen
        } else {
            context.language = Language(acceptLanguage: request.headers[.acceptLanguage])
        }
        context.secure = config.httpsOnly || request.headers[HTTPFieldName("X-Forwarded-Proto")!]?.lowercased() == "https"

        var clearSession = false
        if let secret = cookies[WebCookies.session]?.value, !secret.isEmpty {
            if let principal = try await accounts.validate(session: secret) {
                let preferred = cookies[WebCookies.organisation].flatMap { Int64($0.value) }.map(OrganisationID.init(rawValue:))
                let session = WebSession(principal: principal, secret: secret, preferredOrganisation: preferred)
                context.session = session
                context.notes.caller = session.caller
            } else {
                context.sessionEnded = true
                clearSession = true
            }
        }
        if let session = context.session {
            context.csrfToken = CSRF.token(forSession: session.secret)
        } else if let visitor = cookies[CSRF.cookie]?.value, visitor.count >= 16 {
            context.csrfToken = visitor
        } else {
            let fresh = CSRF.newVisitorToken()
            context.csrfToken = fresh
            context.newCSRFCookie = fresh
        }

        if request.method == .post {
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes), let form = FormData(encoded: text) else {
                throw WebError.badForm
            }
            // A visitor's token that the page only now minted cannot be what the form sent.
            guard context.newCSRFCookie == nil, CSRF.matches(form.raw(CSRF.field), context.csrfToken) else { throw WebError.formExpired }
            context.form = form
        }

        var response: Response
        do {
            response = try await next(request, context)
        } catch WebError.signInRequired {
            // To the login page, and back here afterwards; a session that just ended says so there.
            let expired = context.sessionEnded ? "&expired=1" : ""
            response = PageRenderer.redirect(to: "/login?next=" + WebPaths.encodeQuery(request.uri.path) + expired)
        } catch let error as ErrorInContext {
            throw error
        } catch {
            // The error page is rendered outside this middleware: it gets the context as this request knew it (the
            // person signed in, the language, the form token), so a 404 still shows who is signed in and its forms work.
            throw ErrorInContext(error: error, context: context)
        }
        if clearSession { response.setCookie(WebCookies.expired(WebCookies.session, secure: context.secure)) }
        return response
    }
}

/// An error thrown below `WebFrontMiddleware`, with the context it had made (for the error page).
struct ErrorInContext: Error {
    let error: any Error
    let context: WebContext
}

/// The pages' cookies: names and how they are set.
enum WebCookies {
    static let session = "sn_session"
    static let language = "sn_lang"
    static let organisation = "sn_org"

    /// The session cookie: HttpOnly, SameSite=Lax, Secure over TLS; a browser-session cookie (the server ends it).
    static func session(_ secret: String, secure: Bool) -> Cookie {
        Cookie(name: session, value: secret, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A preference cookie (language, organisation) kept for a year.
    static func preference(_ name: String, _ value: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: 365 * 24 * 3600, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Tells the browser to forget `name`.
    static func expired(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// What the pages themselves refuse, before any service is asked.
enum WebError: Error {
    /// A POST whose body is not a form.
    case badForm
    /// A POST without the right form token: forged, or the form was rendered for a session that has ended.
    case formExpired
    /// The page needs a signed-in person.
    case signInRequired
    /// The signed-in person's role cannot use this page.
    case forbidden
    /// Nothing here (or nothing this person may see: the same answer).
    case notFound
}
