import Foundation

/// The numbers behind accounts and sessions; `standard` is what the server uses (docs/DESIGN.md, "Accounts and
/// sessions", says why). Tests lower `bcryptCost` to keep hashing fast and move the clock instead of waiting.
public struct AccountPolicy: Sendable, Hashable {
    /// bcrypt's log2 rounds: 12 is ~2^12 expansions, a few hundred milliseconds of one core per login.
    public var bcryptCost: UInt8 = 12
    /// How long an invitation or a password-reset link opens.
    public var invitationLifetime: TimeInterval = 7 * 86_400
    public var passwordResetLifetime: TimeInterval = 24 * 3_600
    /// A session ends after this long without a request...
    public var sessionIdle: TimeInterval = 2 * 3_600
    /// ...and this long after login whatever happens.
    public var sessionAbsolute: TimeInterval = 12 * 3_600
    /// Login attempts allowed per account (e-mail) and per client address in one window.
    public var attemptsPerAccount = 10
    public var attemptsPerAddress = 100
    public var throttleWindow: TimeInterval = 15 * 60

    public init() {}

    public static let standard = AccountPolicy()
}
