import SchoolNetDomain

// `Caller` itself is in SchoolNetDomain: the one identity from credential (token, database login) to service.

extension Caller {
    /// The name written as the submitter: the display name, or the token when it has none (the column may not be blank).
    var signature: String {
        ApplicationChange.tidy(displayName) ?? tokenID.map { "token #\($0)" } ?? role.rawValue
    }
}
