import Foundation
import Hummingbird
import SchoolNetMail

/// A receiving system for the webhook tests: verifies every request's Standard Webhooks signature with the
/// subscription's secret and records what came, in order; answers 503 to the first `failing` requests.
final class WebhookReceiver: @unchecked Sendable {
    struct Received: Equatable {
        var id: String
        var type: String
        var applicationID: Int64?
        var signatureValid: Bool
        var answered: Int
    }

    private let lock = NSLock()
    private var received: [Received] = []
    private var failing: Int
    let secret: @Sendable () -> String

    init(failing: Int = 0, secret: @escaping @Sendable () -> String) {
        self.failing = failing
        self.secret = secret
    }

    var all: [Received] { lock.withLock { received } }

    /// The delivered ones (answered 2xx), in order.
    var accepted: [Received] { all.filter { $0.answered < 300 } }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("hook") { request, _ -> Response in
            let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
            func header(_ name: String) -> String { request.headers.first { $0.name.canonicalName == name }?.value ?? "" }
            let id = header("webhook-id")
            let valid =
                (try? WebhookSignature.verify(
                    id: id, timestamp: Int(header("webhook-timestamp")) ?? 0, body: body, header: header("webhook-signature"),
                    secret: self.secret())) ?? false
            let json = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
            let data = json["data"] as? [String: Any] ?? [:]
            let status: HTTPResponse.Status = self.lock.withLock {
                let answer: HTTPResponse.Status = self.failing > 0 ? .serviceUnavailable : .noContent
                self.failing = max(0, self.failing - 1)
                self.received.append(
                    Received(
                        id: id, type: json["type"] as? String ?? "", applicationID: (data["applicationId"] as? NSNumber)?.int64Value,
                        signatureValid: valid, answered: answer.code))
                return answer
            }
            return Response(status: status)
        }
        return router
    }
}
