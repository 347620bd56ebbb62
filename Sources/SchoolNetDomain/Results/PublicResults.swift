import Foundation

/// A published event's results as anyone may read them: names, school, award, nomination and nothing more personal.
public struct PublicResults: Sendable, Hashable, Codable {
    public var eventID: EventID
    public var eventTitle: String
    public var publishedAt: Date
    public var results: [PublicResult]

    public init(eventID: EventID, eventTitle: String, publishedAt: Date, results: [PublicResult]) {
        self.eventID = eventID
        self.eventTitle = eventTitle
        self.publishedAt = publishedAt
        self.results = results
    }
}

/// One line of a public results table.
public struct PublicResult: Sendable, Hashable, Codable {
    /// nil for an award in the event as a whole.
    public var nomination: String?
    public var award: Award
    public var teamName: String?
    /// "Иванова Мария" for each member with a personal data consent in force; others are left out.
    public var names: [String]
    /// The organisation's short name, else its full name.
    public var organisation: String

    public init(nomination: String?, award: Award, teamName: String?, names: [String], organisation: String) {
        self.nomination = nomination
        self.award = award
        self.teamName = teamName
        self.names = names
        self.organisation = organisation
    }
}
