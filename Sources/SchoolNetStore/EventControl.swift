import Foundation
import SchoolNetDomain

/// The parts of an event row the organiser's actions decide on: who runs it, its registration window, publication.
public struct EventControl: Sendable, Hashable {
    public var id: EventID
    public var organiserID: OrganisationID
    public var title: String
    public var schoolYearID: Int64
    public var timeZone: String
    public var registrationOpensAt: Date?
    /// The first instant after the deadline (end of `registration_closes_on` in the event's zone).
    public var registrationClosesAt: Date?
    public var closedEarlyAt: Date?
    public var resultsPublishedAt: Date?

    public init(
        id: EventID, organiserID: OrganisationID, title: String, schoolYearID: Int64, timeZone: String,
        registrationOpensAt: Date?, registrationClosesAt: Date?, closedEarlyAt: Date?, resultsPublishedAt: Date?
    ) {
        self.id = id
        self.organiserID = organiserID
        self.title = title
        self.schoolYearID = schoolYearID
        self.timeZone = timeZone
        self.registrationOpensAt = registrationOpensAt
        self.registrationClosesAt = registrationClosesAt
        self.closedEarlyAt = closedEarlyAt
        self.resultsPublishedAt = resultsPublishedAt
    }

    public var resultsState: ResultsState { resultsPublishedAt == nil ? .draft : .published }
}
