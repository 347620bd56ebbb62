import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SchoolNetDomain
import SchoolNetHTTP
import Testing

/// Dependencies that fail unless a test provides what it uses: a forgotten one is loud.
extension AppDependencies {
    static var failing: AppDependencies {
        AppDependencies(
            readiness: {
                Issue.record("readiness called unexpectedly")
                throw UnexpectedCall()
            },
            authenticate: { _ in
                Issue.record("authenticate called unexpectedly")
                throw UnexpectedCall()
            }
        )
    }

    /// Knows exactly the tokens in `tokens`.
    static func tokens(_ tokens: [String: Caller]) -> AppDependencies {
        var dependencies = AppDependencies.failing
        dependencies.authenticate = { token in tokens[token] }
        return dependencies
    }
}

struct UnexpectedCall: Error {}

/// An error no layer anticipated: the 500 path.
struct SurpriseError: Error, CustomStringConvertible {
    var description: String { "surprise" }
}

/// A request body shaped like the real ones: nested objects and an array of them.
struct TeamApplicationBody: Codable, Equatable {
    struct Member: Codable, Equatable {
        var name: String
        var grade: Int
        var mentor: Bool?
    }

    struct Contact: Codable, Equatable {
        var email: String
    }

    var eventID: Int64
    var teamName: String
    var contact: Contact
    var members: [Member]
    var note: String?
}

let school = Caller(organisationID: OrganisationID(rawValue: 13), role: .school, tokenID: 1, displayName: "")
let organiser = Caller(organisationID: OrganisationID(rawValue: 7), role: .organiser, tokenID: 2, displayName: "")
let testTokens = ["school-token": school, "organiser-token": organiser]

/// Routes that exist only in tests, registered behind the production middleware.
func registerTestRoutes(_ router: Router<AppRequestContext>, dependencies: AppDependencies) {
    let test = router.group("v1/test")
    test.post("echo") { request, context -> Response in
        let body = try await request.decodeJSON(TeamApplicationBody.self, context: context)
        let data = try JSONEncoder().encode(body)
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
    test.get("boom") { _, _ -> String in throw SurpriseError() }
    test.get("teapot") { _, _ -> String in throw HTTPError(.badRequest, message: "query parameter 'x' is required") }

    let authenticated = test.authenticatedGroup("auth", dependencies: dependencies)
    authenticated.get("me") { _, context -> String in
        "\(context.caller.role.rawValue):\(context.caller.organisationID?.rawValue ?? 0)"
    }
    authenticated.get("organiser-by-call") { _, context -> String in
        try context.caller.require([.organiser, .regionalAdmin])
        return "ok"
    }
    authenticated.group("organiser").add(middleware: RoleGuard(.organiser)).get("only") { _, _ -> String in "ok" }
}

/// The production application plus the test routes.
func makeApp(
    dependencies: AppDependencies = .failing,
    config: HTTPConfig = HTTPConfig(port: 0, maxBodySize: 1024),
    logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
) -> some ApplicationProtocol {
    buildApplication(config, dependencies: dependencies, logger: logger) { router in
        registerTestRoutes(router, dependencies: dependencies)
    }
}

/// A decoded problem document.
struct ProblemBody: Decodable {
    struct Field: Decodable {
        var field: String
        var code: String
        var detail: String
    }

    var type: String
    var title: String
    var status: Int
    var code: String
    var detail: String
    var requestId: String
    var errors: [Field]?
}

extension TestResponse {
    var problem: ProblemBody? {
        guard self.headers[.contentType] == "application/problem+json" else { return nil }
        return try? JSONDecoder().decode(ProblemBody.self, from: Data(buffer: self.body))
    }

    var text: String { String(buffer: self.body) }
}

extension HTTPFields {
    static var json: HTTPFields { [.contentType: "application/json"] }
}

/// Records log entries so tests can see what was logged (and what was not).
final class LogRecorder: @unchecked Sendable {
    struct Entry {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    private let lock = NSLock()
    private var _entries: [Entry] = []

    var entries: [Entry] { self.lock.withLock { self._entries } }

    func append(_ entry: Entry) { self.lock.withLock { self._entries.append(entry) } }

    var logger: Logger {
        var logger = Logger(label: "test") { _ in Handler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { self.metadata[key] }
            set { self.metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var all = self.metadata
            all.merge(event.metadata ?? [:]) { $1 }
            self.recorder.append(Entry(level: event.level, message: event.message.description, metadata: all))
        }
    }
}

/// Our own request ids: 32 lowercase hex digits.
func isGeneratedRequestID(_ id: String) -> Bool {
    id.utf8.count == 32 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase }
}
