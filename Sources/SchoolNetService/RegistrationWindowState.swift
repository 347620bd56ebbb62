import Foundation

/// An event's registration window as the organiser left it.
public struct RegistrationWindowState: Sendable, Hashable, Codable {
    public var opensAt: Date?
    /// The first instant after the announced deadline; nil when none was announced.
    public var closesAt: Date?
    public var closedEarlyAt: Date?
    /// Whether applications are taken at the moment the state was read.
    public var isOpen: Bool

    public init(opensAt: Date?, closesAt: Date?, closedEarlyAt: Date?, now: Date) {
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.closedEarlyAt = closedEarlyAt
        let opened = opensAt.map { $0 <= now } ?? false
        isOpen = opened && (closesAt.map { now < $0 } ?? true) && (closedEarlyAt.map { now < $0 } ?? true)
    }
}
