import Hummingbird

extension HTTPFieldName {
    /// `X-Content-Type-Options`.
    public static let contentTypeOptions = HTTPFieldName("X-Content-Type-Options")!
}

/// Every answer says `X-Content-Type-Options: nosniff` (a browser must not guess a CSV or JSON with a pupil's name
/// is HTML); every answer to a request that carried credentials, which is every answer that may carry personal
/// data, says `Cache-Control: no-store` unless the route chose otherwise, problems included. Public answers stay
/// cacheable.
struct NoStoreMiddleware<Context: SchoolNetRequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentTypeOptions] = "nosniff"
        if request.headers[.authorization] != nil, response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
