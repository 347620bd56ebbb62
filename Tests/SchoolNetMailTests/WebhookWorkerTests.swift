import Foundation
import Hummingbird
import HummingbirdTesting
import PQ
import SchoolNetDomain
import SchoolNetMail
import SchoolNetService
import SchoolNetStore
import Testing

/// Webhooks (issue 15): a change a subscription asked for makes one signed delivery in the change's transaction;
/// the receiver (a real HTTP server here) verifies the Standard Webhooks signature; a failure is retried with backoff
/// and a later change of the same application waits for it, so the receiver sees each application's changes in order.
@Suite struct WebhookWorkerTests {
    typealias F = ScheduleFixture
    static let admin = Caller(organisationID: nil, role: .regionalAdmin, displayName: "РЦРО")

    /// The example of the Standard Webhooks specification's reference libraries.
    @Test func theSignatureIsTheSpecificationsHMAC() throws {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        let body = #"{"test": 2432232314}"#
        let signature = try WebhookSignature.sign(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body, secret: secret)
        #expect(signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(try WebhookSignature.verify(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: body, header: signature, secret: secret))
        #expect(try !WebhookSignature.verify(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_331, body: body, header: signature, secret: secret))
    }

    func change(_ f: F, _ kind: NotificationKind, _ application: Int64, at: Date) async throws {
        try await f.pool.withTransaction { conn in
            try OutboxRepository().enqueue(kind, applications: [ApplicationID(rawValue: application)], at: at, on: conn)
        }
    }

    @Test func signedDeliveriesArriveInOrderPerApplicationAfterARetry() async throws {
        let f = try F("webhook_order")
        let service = NotificationService(pool: f.pool, time: FixedTime(F.at("2020-10-05T00:00:00Z")))
        let box = SecretBox()
        let receiver = WebhookReceiver(failing: 1) { box.value }
        let app = Application(router: receiver.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let subscription = try await service.subscribe(
                url: "http://127.0.0.1:\(port)/hook", eventTypes: ["application.accepted", "application.withdrawn"], by: Self.admin)
            box.value = subscription.secret
            #expect(subscription.secret.hasPrefix("whsec_"))
            let t0 = F.at("2020-10-05T10:00:00Z")
            try await change(f, .applicationAccepted, 101, at: t0)
            try await change(f, .applicationWithdrawn, 101, at: t0)
            try await change(f, .applicationAccepted, 102, at: t0)
            try await change(f, .stageAdvanced, 102, at: t0)  // not subscribed to
            #expect(try f.count("SELECT count(*) FROM webhook_delivery") == 3)

            let time = MovableTime(t0)
            let worker = WebhookWorker(pool: f.pool, time: time)
            // the first post is refused: 101's withdrawal waits behind its acceptance; 102 goes
            var report = try await worker.runOnce()
            #expect(report.delivered == 1 && report.retrying == 1)
            #expect(receiver.accepted.map(\.applicationID) == [102])
            time.advance(59)
            #expect(try await worker.runOnce() == WebhookReport())
            time.advance(1)
            report = try await worker.runOnce()
            #expect(report.delivered == 2)
            #expect(
                receiver.accepted.map { "\($0.type) \($0.applicationID ?? 0)" } == [
                    "application.accepted 102", "application.accepted 101", "application.withdrawn 101"
                ])
            let invalid = receiver.all.filter { !$0.signatureValid }
            #expect(invalid.isEmpty)
            // the retry carried the same webhook-id as the refused attempt
            #expect(receiver.all[0].id == receiver.all[2].id)
            time.advance(86_400)
            #expect(try await worker.runOnce() == WebhookReport())
        }
        await f.shutdown()
    }

    @Test func twoWorkersAtOnceDeliverEachOnceAndInOrderPerApplication() async throws {
        let f = try F("webhook_two_workers")
        let service = NotificationService(pool: f.pool, time: FixedTime(F.at("2020-10-05T00:00:00Z")))
        let box = SecretBox()
        let receiver = WebhookReceiver { box.value }
        let app = Application(router: receiver.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            box.value = try await service.subscribe(
                url: "http://127.0.0.1:\(port)/hook", eventTypes: ["application.accepted", "application.edited", "application.withdrawn"],
                by: Self.admin
            ).secret
            // three applications, four changes each, interleaved
            let t0 = F.at("2020-10-05T10:00:00Z")
            for kind in [NotificationKind.applicationAccepted, .applicationEdited, .applicationEdited, .applicationWithdrawn] {
                for application: Int64 in [101, 102, 103] { try await change(f, kind, application, at: t0) }
            }
            let time = MovableTime(t0)
            let small = DeliveryPolicy(batch: 2)
            async let a = WebhookWorker(pool: f.pool, time: time, policy: small).runOnce()
            async let b = WebhookWorker(pool: f.pool, time: time, policy: small).runOnce()
            var total = try await a.delivered + b.delivered
            // a worker that found the next delivery of every application waiting behind the other's stops early
            while total < 12 {
                let more = try await WebhookWorker(pool: f.pool, time: time).runOnce().delivered
                if more == 0 { break }
                total += more
            }
            #expect(total == 12)
            #expect(Set(receiver.accepted.map(\.id)).count == 12)
            for application: Int64 in [101, 102, 103] {
                #expect(
                    receiver.accepted.filter { $0.applicationID == application }.map(\.type) == [
                        "application.accepted", "application.edited", "application.edited", "application.withdrawn"
                    ])
            }
        }
        await f.shutdown()
    }

    @Test func aRolledBackChangeAndARemindersMakeNoDelivery() async throws {
        let f = try F("webhook_rollback")
        let service = NotificationService(pool: f.pool, time: FixedTime(F.at("2020-10-05T00:00:00Z")))
        _ = try await service.subscribe(url: "https://hooks.example/schoolnet", eventTypes: ["application.accepted", "registration.closed"], by: Self.admin)
        struct Abort: Error {}
        await #expect(throws: Abort.self) {
            try await f.pool.withTransaction { conn in
                try OutboxRepository().enqueue(.applicationAccepted, applications: [ApplicationID(rawValue: 101)], at: Date(), on: conn)
                throw Abort()
            }
        }
        #expect(try await ReminderScheduler(pool: f.pool).enqueueDue(now: F.at("2020-10-16T17:30:00Z")) == 5)
        // one change told to two organiser accounts is one delivery; the reminder none
        #expect(try f.strings("SELECT event_type FROM webhook_delivery ORDER BY id") == ["registration.closed", "registration.closed"])
        await f.shutdown()
    }

    @Test func onlyTheRegionalCentreSubscribesAndOnlyToKnownTypes() async throws {
        let f = try F("webhook_refusals")
        let service = NotificationService(pool: f.pool, time: FixedTime(F.at("2020-10-05T00:00:00Z")))
        let school = Caller(organisationID: OrganisationID(rawValue: 50), role: .school, displayName: "СОШ №50")
        await #expect(throws: RegistrationRefusal.self) {
            try await service.subscribe(url: "https://hooks.example/x", eventTypes: ["application.accepted"], by: school)
        }
        do {
            _ = try await service.subscribe(url: "https://hooks.example/x", eventTypes: ["application.accepted", "event.tomorrow"], by: Self.admin)
            Issue.record("an unknown type was accepted")
        } catch let refusal as RegistrationRefusal {
            #expect(refusal.errors.map(\.field) == ["eventTypes[1]"])
        }
        do {
            _ = try await service.subscribe(url: "ftp://hooks.example/x", eventTypes: ["application.accepted"], by: Self.admin)
            Issue.record("an ftp URL was accepted")
        } catch let refusal as RegistrationRefusal {
            #expect(refusal.errors.map(\.field) == ["url"])
        }
        #expect(try f.count("SELECT count(*) FROM webhook_subscription") == 0)
        await f.shutdown()
    }
}

/// The subscription's secret, known once the subscription exists (after the receiver started).
final class SecretBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = ""
    var value: String {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
