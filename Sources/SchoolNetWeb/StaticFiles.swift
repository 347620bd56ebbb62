import Hummingbird
import NIOCore
import SchoolNetHTTP

/// `/static/FILE`: the stylesheet and the little script, from the binary; cached for a day (they change only with
/// a new release, which a reload picks up).
struct StaticFiles {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("static/:file") { _, context -> Response in
            guard let name = context.parameters.get("file"), let asset = EmbeddedWeb.assets[name] else {
                return Response(
                    status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "not found")))
            }
            var headers: HTTPFields = [.contentType: asset.contentType, .cacheControl: "public, max-age=86400"]
            headers[HTTPFieldName("X-Content-Type-Options")!] = "nosniff"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.text)))
        }
    }
}
