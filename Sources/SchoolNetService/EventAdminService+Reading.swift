import Foundation
import SchoolNetDomain
import SchoolNetStore

extension EventAdminService {
    /// The event's results, draft or published, for its organiser.
    public func results(event: EventID, by caller: Caller) async throws -> [EventResult] {
        try await read(event, by: caller) { [results] conn, _ in try results.list(event, on: conn) }
    }

    /// The event's applications, oldest first, a page of them with `after` (the last id of the previous page) and
    /// `limit`: for its organiser (another organiser is `forbidden`, a missing event `not_found`).
    public func applications(event: EventID, after: ApplicationID? = nil, limit: Int? = nil, by caller: Caller) async throws -> [Application] {
        try await read(event, by: caller) { conn, _ in
            try ApplicationRepository().list(eventID: event, after: after, limit: limit, on: conn)
        }
    }

    /// The active applications' people as CSV rows for the organiser (no birth dates, no contacts).
    public func participants(event: EventID, by caller: Caller) async throws -> [ParticipantRow] {
        try await read(event, by: caller) { [competitors] conn, _ in try competitors.participants(of: event, on: conn) }
    }

    /// Published results for anyone; an unknown event and unpublished results both answer `not_found`.
    public func publicResults(event: EventID) async throws -> PublicResults {
        try await Self.refusing {
            try await pool.withTransaction(readOnly: true) { [events, results] conn in
                guard let found = try events.get(event, on: conn), let publishedAt = found.resultsPublishedAt else {
                    throw RegistrationError.eventNotFound(event)
                }
                return PublicResults(
                    eventID: event, eventTitle: found.title, publishedAt: publishedAt,
                    results: try results.publicResults(event, on: conn))
            }
        }
    }
}
