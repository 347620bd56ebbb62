import SchoolNetDomain

/// The result of a registration: the application as stored, and whether this was a replay of an earlier request.
public struct RegistrationOutcome: Sendable, Hashable, Codable {
    public var application: Application
    /// True when the idempotency key had been used with the same request: nothing new was created.
    public var replayed: Bool

    public init(application: Application, replayed: Bool) {
        self.application = application
        self.replayed = replayed
    }
}

/// An organiser's decision on an application.
public enum ReviewDecision: Sendable, Hashable, Codable {
    case accept
    /// The reason is shown to the applying school.
    case reject(reason: String)

    enum CodingKeys: String, CodingKey { case decision, reason }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .decision) {
        case "accept": self = .accept
        case "reject": self = .reject(reason: try c.decodeIfPresent(String.self, forKey: .reason) ?? "")
        default:
            throw DecodingError.dataCorruptedError(forKey: .decision, in: c, debugDescription: "expected accept or reject")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .accept:
            try c.encode("accept", forKey: .decision)
        case .reject(let reason):
            try c.encode("reject", forKey: .decision)
            try c.encode(reason, forKey: .reason)
        }
    }
}
