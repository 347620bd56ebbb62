import Foundation
import Logging
import PQ
import SchoolNetDomain

extension DeliveryWorker {
    /// The worker `serve` and `notify run` use: msmtp to `settings`, links under `publicURL`, the system clock.
    public static func live(pool: PQPool, settings: SMTPSettings, publicURL: String, logger: Logger = Logger(label: "schoolnet.notify"))
        -> DeliveryWorker
    {
        DeliveryWorker(
            pool: pool, time: SystemTime(), transport: MsmtpTransport(settings: settings),
            renderer: MailRenderer(publicURL: publicURL, from: "SchoolNet <\(settings.fromAddress)>", host: settings.heloName),
            logger: logger)
    }
}
