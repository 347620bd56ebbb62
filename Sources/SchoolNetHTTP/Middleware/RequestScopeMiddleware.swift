import Hummingbird

/// `HTTPField.Name`, reached through a type Hummingbird re-exports, so that the package needs no
/// direct dependency on swift-http-types.
public typealias HTTPFieldName = HTTPFields.Element.Name

extension HTTPFieldName {
    /// `X-Request-Id`: sent back on every response, accepted from clients when well-formed.
    public static let requestID = HTTPFieldName("X-Request-Id")!
}

/// The outermost middleware: gives the request its id and body limit, and puts the id on the response.
struct RequestScopeMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let maxBodySize: Int

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        if let offered = request.headers[.requestID], RequestIDs.isAcceptable(offered) {
            context.requestID = offered
            context.logger[metadataKey: RequestIDs.loggerKey] = .string(offered)
        }
        context.maxUploadSize = self.maxBodySize
        var response = try await next(request, context)
        response.headers[.requestID] = context.requestID
        return response
    }
}
