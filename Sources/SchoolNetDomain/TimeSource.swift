import Foundation

/// Where "now" comes from: injected so tests and historical imports can set it.
public protocol TimeSource: Sendable {
    func now() -> Date
}

/// The wall clock; the only place in the system that reads it.
public struct SystemTime: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock stopped at one instant, for tests and for replaying history.
public struct FixedTime: TimeSource {
    public let instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { instant }
}
