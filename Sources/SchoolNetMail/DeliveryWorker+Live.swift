import Foundation
import Logging
import PQ
import SchoolNetDomain

extension DeliveryWorker {
    /// The worker `serve` and `notify run` use: our SMTP client (`SMTPTransport`, one connection per run) to `settings`, or msmtp when
    /// `SCHOOLNET_SMTP_CLIENT=msmtp` (the former transport, kept as a fallback), links under `publicURL`, the system clock.
    public static func live(pool: PQPool, settings: SMTPSettings, publicURL: String, logger: Logger = Logger(label: "schoolnet.notify"))
        -> DeliveryWorker
    {
        DeliveryWorker(
            pool: pool, time: SystemTime(), transport: transport(settings),
            renderer: MailRenderer(publicURL: publicURL, from: "SchoolNet <\(settings.fromAddress)>", host: settings.heloName),
            logger: logger)
    }

    static func transport(_ settings: SMTPSettings, _ env: [String: String] = ProcessInfo.processInfo.environment) -> any MailTransport {
        env["SCHOOLNET_SMTP_CLIENT"] == "msmtp" ? MsmtpTransport(settings: settings) : SMTPTransport(settings: settings)
    }
}
