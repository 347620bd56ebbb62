/// The outcome of a match-or-create: the row found or made, and whether it was made now.
public struct Resolved<Value: Sendable>: Sendable {
    public let value: Value
    public let created: Bool

    public init(_ value: Value, created: Bool) {
        self.value = value
        self.created = created
    }
}

extension Resolved: Equatable where Value: Equatable {}
