import Hummingbird
import Logging
import NIOHTTP1
import PQ
import SchoolNetService
import SchoolNetDomain

/// Turns every error thrown below it into an RFC 9457 response: `ProblemConvertible` as it says,
/// Hummingbird's `HTTPError` by its status, anything else into a 500 that is logged loudly.
public struct ProblemMiddleware<Context: SchoolNetRequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let language = Language(acceptLanguage: request.headers[.acceptLanguage])
            let problem = Self.problem(for: error, context: context)
            return ProblemDocument.response(for: problem, language: language, requestID: context.requestID)
        }
    }

    /// What `error` means to a client: the API renders it as problem+json, the web pages as a page.
    public static func problem(for error: any Error, context: Context) -> any ProblemConvertible {
        switch error {
        case let refusal as RegistrationRefusal:
            return RefusalProblem(refusal)
        case let refusal as RegistrationError:
            return RefusalProblem(refusal)
        case let error as JSONBodyError:
            return BodyProblem.body(error)
        case let error as PQError where Problem.databaseUnavailable(error) != nil:
            // Down, saturated, full, read-only, shutting down or busy: the client may retry; the cause
            // is for the operator's log only.
            let problem = Problem.databaseUnavailable(error)!
            context.logger.error(
                "database unavailable",
                metadata: [
                    "error.kind": .string("\(error.kind)"), "sqlstate": .string(error.sqlState?.rawValue ?? "-"), "problem.code": .string(problem.code)
                ])
            return problem
        case let error as HTTPParserError where error == .invalidEOFState:
            // The client closed the connection mid-request (an aborted upload): nobody is there to read an
            // answer and nothing is wrong with the server, so no 500 and no error log.
            context.logger.info("client went away", metadata: ["error": "the connection closed before the request was complete"])
            return Problem(
                .badRequest, code: "incomplete_request",
                detail: .init(ru: "Соединение закрыто до конца запроса.", en: "The connection closed before the request was complete."))
        case let problem as any ProblemConvertible:
            if problem.status.code >= 500 {
                // Anticipated failures (dependency down, say): the code says enough, the thrower logs causes.
                context.logger.warning("request failed", metadata: ["problem.code": .string(problem.code)])
            }
            return problem
        case let error as HTTPError:
            if error.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error.type": "HTTPError", "error": .string("\(error)")])
            }
            return Problem.from(status: error.status, message: error.body, headers: error.headers)
        case let error as any HTTPResponseError:
            if error.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error.type": .string("\(type(of: error))"), "error": .string("\(error)")])
            }
            return Problem.from(status: error.status, message: nil, headers: [:])
        default:
            context.logger.error(
                "unhandled error",
                metadata: ["error.type": .string(String(reflecting: type(of: error))), "error": .string("\(error)")]
            )
            return Problem.internalError(requestID: context.requestID)
        }
    }
}
