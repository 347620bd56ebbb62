import Foundation
import Hummingbird
import SchoolNetHTTP

/// Turns whatever a page throws into a page a person can read (sign-in needed is `WebFrontMiddleware`'s redirect):
/// the status, what happened in the person's language, and the request number for support. The mapping of errors to statuses is the API's own (`ProblemMiddleware`).
struct WebErrorMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let renderer: PageRenderer

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let wrapped as ErrorInContext {
            return page(for: wrapped.error, request: request, context: wrapped.context)
        } catch {
            var context = context
            if let chosen = request.cookies[WebCookies.language].flatMap({ Language(rawValue: $0.value) }) {
                context.language = chosen
            } else {
                context.language = Language(acceptLanguage: request.headers[.acceptLanguage])
            }
            return page(for: error, request: request, context: context)
        }
    }

    private func page(for error: any Error, request: Request, context: WebContext) -> Response {
        let problem = Self.problem(for: error, context: context)
        let model: [String: Any] = [
            "status": problem.status.code, "title": problem.title(context.language), "detail": problem.detail(context.language),
            "request_id": context.requestID
        ]
        return renderer.page("error", model, request: request, context: context, status: problem.status)
    }

    static func problem(for error: any Error, context: WebContext) -> any ProblemConvertible {
        switch error {
        case WebError.badForm:
            Problem(.badRequest, code: "bad_form", detail: .init(ru: "Форма пришла повреждённой.", en: "The form arrived damaged."))
        case WebError.formExpired:
            Problem(
                .forbidden, code: "form_expired",
                detail: .init(
                    ru: "Форма устарела или открыта не с нашего сайта. Откройте страницу заново и повторите.",
                    en: "The form has expired or did not come from this site. Open the page again and retry."))
        case WebError.forbidden:
            Problem(
                .forbidden, code: "forbidden",
                detail: .init(ru: "Эта страница не для вашей роли.", en: "This page is not for your role."))
        case WebError.notFound:
            // a person, not a program, reads this: what may have happened and what to do
            Problem(
                .notFound, code: "not_found",
                detail: .init(
                    ru: "Такой страницы нет или она не для вас. Проверьте адрес или начните с главной.",
                    en: "There is no such page, or it is not yours to see. Check the address or start from the home page."))
        default:
            ProblemMiddleware<WebContext>.problem(for: error, context: context)
        }
    }
}

/// A GET of a path no route serves (the router's own 404), outside the API: the site's 404 page, in the person's
/// language and with who is signed in, as a page that throws `WebError.notFound` shows it. `/v1/...` stays problem+json.
struct WebNotFoundMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let errors: WebErrorMiddleware
    let front: WebFrontMiddleware

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.method == .get && !Self.isAPI(request.uri.path) {
            return try await errors.handle(request, context: try WebContext(context: context)) { request, context in
                try await front.handle(request, context: context) { _, _ in throw WebError.notFound }
            }
        }
    }

    static func isAPI(_ path: String) -> Bool { path == "/v1" || path.hasPrefix("/v1/") }
}

/// Small helpers for paths in links.
enum WebPaths {
    /// Percent-encodes a value for a query string.
    static func encodeQuery(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `next` when it is a path on this site (starts with one `/`), else `/`: no open redirect.
    static func local(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.contains("\r"), !next.contains("\n") else {
            return "/"
        }
        return next
    }
}
