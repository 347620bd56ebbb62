import Foundation
import Hummingbird
import PQ

/// Liveness, readiness and the API description: routes for operators and tools, not for users.
struct SystemRoutes {
    let dependencies: AppDependencies
    let readinessTimeout: Duration

    func register(on router: some RouterMethods<AppRequestContext>) {
        router.get("healthz") { _, _ in Status(status: "ok") }
        router.get("readyz") { _, context in
            try await self.checkReadiness(context: context)
            return Status(status: "ready")
        }
        router.get("openapi.yaml") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: OpenAPIDocument.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes))
            )
        }
    }

    struct Status: ResponseEncodable {
        var status: String
    }

    /// Answers within `readinessTimeout` whatever the database does: the check runs in a task of its own
    /// that is cancelled (not awaited) when the time is up, so a frozen server cannot hold the probe.
    private func checkReadiness(context: AppRequestContext) async throws {
        do {
            try await Self.withDeadline(self.readinessTimeout, self.dependencies.readiness)
        } catch {
            // The cause goes to the log only: it may name hosts or databases.
            context.logger.warning("not ready", metadata: ["error": .string("\(error)")])
            if let error = error as? PQError, let problem = Problem.databaseUnavailable(error),
                ["database_disk_full", "database_out_of_resources", "database_read_only"].contains(problem.code)
            {
                throw problem
            }
            throw Problem(
                .serviceUnavailable,
                code: "not_ready",
                detail: .init(ru: "Сервис временно не готов обслуживать запросы.", en: "The service is not ready to serve requests."),
                headers: [.retryAfter: "5"]
            )
        }
    }

    /// Runs `operation` in an unstructured task and returns its result, or throws `ReadinessTimeout`
    /// after `timeout` (cancelling the task, without waiting for it to notice).
    static func withDeadline(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Void) async throws {
        let race = DeadlineRace()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let work = Task {
                    do {
                        try await operation()
                        race.finish(.success(()))
                    } catch {
                        race.finish(.failure(error))
                    }
                }
                let timer = Task {
                    try? await Task.sleep(for: timeout)
                    race.finish(.failure(ReadinessTimeout()))
                }
                race.start(continuation, work: work, timer: timer)
            }
        } onCancel: {
            race.finish(.failure(CancellationError()))
        }
    }

    /// Whoever finishes first resumes the probe; the other is cancelled.
    private final class DeadlineRace: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, any Error>?
        private var tasks: [Task<Void, Never>] = []
        private var outcome: Result<Void, any Error>?

        func start(_ c: CheckedContinuation<Void, any Error>, work: Task<Void, Never>, timer: Task<Void, Never>) {
            let early: Result<Void, any Error>? = lock.withLock {
                if let outcome { return outcome }
                continuation = c
                tasks = [work, timer]
                return nil
            }
            if let early {
                work.cancel()
                timer.cancel()
                c.resume(with: early)
            }
        }

        func finish(_ result: Result<Void, any Error>) {
            let (c, tasks): (CheckedContinuation<Void, any Error>?, [Task<Void, Never>]) = lock.withLock {
                if outcome != nil { return (nil, []) }
                outcome = result
                defer { continuation = nil; self.tasks = [] }
                return (continuation, self.tasks)
            }
            for task in tasks { task.cancel() }
            c?.resume(with: result)
        }
    }

    struct ReadinessTimeout: Error, CustomStringConvertible {
        var description: String { "readiness check timed out" }
    }
}
