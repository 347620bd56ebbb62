import Hummingbird

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

    private func checkReadiness(context: AppRequestContext) async throws {
        let readiness = self.dependencies.readiness
        let timeout = self.readinessTimeout
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await readiness() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw ReadinessTimeout()
                }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            // The cause goes to the log only: it may name hosts or databases.
            context.logger.warning("not ready", metadata: ["error": .string("\(error)")])
            throw Problem(
                .serviceUnavailable,
                code: "not_ready",
                detail: .init(ru: "Сервис временно не готов обслуживать запросы.", en: "The service is not ready to serve requests.")
            )
        }
    }

    private struct ReadinessTimeout: Error, CustomStringConvertible {
        var description: String { "readiness check timed out" }
    }
}
