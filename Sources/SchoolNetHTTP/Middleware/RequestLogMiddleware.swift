import Hummingbird
import Logging

/// One log line per request: method, route, path, the names (never the values) of query
/// parameters, status and duration; for an authenticated request also who asked (token id, role,
/// organisation) and from where (peer address), so every read of personal data names its reader.
/// No bodies and no headers, so no personal data and no token.
struct RequestLogMiddleware<Context: SchoolNetRequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            self.log(request, context: context, status: status, elapsed: clock.now - start)
            return response
        } catch {
            // Only reached if the problem middleware is missing below; the server will answer 500.
            self.log(request, context: context, status: 500, elapsed: clock.now - start)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, elapsed: Duration) {
        let level: Logger.Level = status >= 500 ? .warning : .info
        // Below the logger's level the line is dropped: do not build it (a cached page costs less than its log line).
        guard context.logger.logLevel <= level else { return }
        var metadata: Logger.Metadata = [
            "http.method": .string(request.method.rawValue),
            "http.path": .string(RequestLogPath.loggable(request.uri.path)),
            "http.status": .stringConvertible(status),
            "http.duration_ms": .string(Self.milliseconds(elapsed))
        ]
        if let caller = context.notes.caller {
            if let tokenID = caller.tokenID { metadata["auth.token_id"] = .stringConvertible(tokenID) }
            if let accountID = caller.accountID { metadata["auth.account_id"] = .stringConvertible(accountID) }
            metadata["auth.role"] = .string(caller.role.rawValue)
            if let organisation = caller.organisationID { metadata["auth.organisation_id"] = .stringConvertible(organisation.rawValue) }
        }
        if let peer = context.peerAddress {
            metadata["net.peer.addr"] = .string(peer)
        }
        if let route = context.endpointPath {
            metadata["http.route"] = .string(route)
        }
        let queryNames = request.uri.queryParameters.map { String($0.key) }
        if !queryNames.isEmpty {
            metadata["http.query_names"] = .string(Set(queryNames).sorted().joined(separator: ","))
        }
        context.logger.log(level: level, "request", metadata: metadata)
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(format: "%.2f", ms)
    }
}

/// The path as the request log writes it: a single-use link's secret (invitation, password reset) never reaches a log.
public enum RequestLogPath {
    public static func loggable(_ path: String) -> String {
        for prefix in ["/account/invitation/", "/account/reset/"] where path.hasPrefix(prefix) {
            return prefix + "…"
        }
        return path
    }
}
