import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import SchoolNetDomain
import SchoolNetHTTP
import SchoolNetWeb
import Testing

/// `GET /calendar.ics` read back by a small RFC 5545 parser: line endings, folding, escaping, dates and the
/// deadlines' instants for events in different zones.
@Suite struct CalendarFeedTests {
    let f: WebFixture
    let d: PublicData

    init() throws {
        f = try WebFixture.shared("web_public")
        d = try PublicData.of(f, label: "web_public")
    }

    /// The pages with a public address configured, so the calendar links back to them.
    var app: some ApplicationProtocol {
        buildWebApplication(
            HTTPConfig(port: 0), dependencies: .live(pool: f.pool, time: f.time),
            web: WebRoutes(services: f.services, config: WebConfig(publicURL: "https://schoolnet.example/")),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    func fetch(_ client: some TestClientProtocol, _ path: String = "/calendar.ics") async throws -> (bytes: [UInt8], response: TestResponse) {
        let response = try await client.execute(uri: path, method: .get, headers: [:], body: nil)
        return (Array(response.body.readableBytesView), response)
    }

    @Test func theCalendarIsWellFormedICalendar() async throws {
        try await app.test(.live) { client in
            let (bytes, response) = try await fetch(client)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            let lines = try ICS.physicalLines(bytes)
            #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
            // Every line ended by CRLF (checked by physicalLines), none longer than 75 octets, each valid UTF-8 on
            // its own: a fold never splits a Cyrillic letter.
            for line in lines { #expect(line.utf8.count <= 75, "\(line)") }
            #expect(lines.contains { $0.hasPrefix(" ") }, "the long titles are folded")
            let calendar = ICS.parse(lines)
            #expect(calendar.first { $0.name == "VERSION" }?.value == "2.0")
            #expect(calendar.contains { $0.name == "PRODID" })
            let events = ICS.components(calendar, "VEVENT")
            // Two per event of the catalogue: its days and its deadline.
            #expect(events.count == 10)
            for event in events {
                #expect(event.filter { $0.name == "UID" }.count == 1 && event.filter { $0.name == "DTSTAMP" }.count == 1)
                #expect(event.first { $0.name == "DTSTAMP" }?.value == "20251010T050000Z")
            }
            #expect(Set(events.compactMap { $0.first { $0.name == "UID" }?.value }).count == 10, "UIDs are unique")
            let uids = events.compactMap { $0.first { $0.name == "UID" }?.value }
            #expect(!uids.contains("event-\(d.lastYear.rawValue)@schoolnet") && !uids.contains("event-\(d.yearAfterNext.rawValue)@schoolnet"))

            // The same request twice gives the same document: subscribed calendars update, they do not duplicate.
            let (again, _) = try await fetch(client)
            #expect(again == bytes)
        }
    }

    @Test func eventDaysAreAllDayAndDeadlinesAreTheEndOfTheLastDayInTheEventsZoneInUTC() async throws {
        try await app.test(.live) { client in
            let calendar = ICS.parse(try ICS.physicalLines(try await fetch(client).bytes))
            let events = ICS.components(calendar, "VEVENT")
            func event(_ uid: String) throws -> [ICS.Property] { try #require(events.first { $0.first { $0.name == "UID" }?.value == uid }) }
            func value(_ event: [ICS.Property], _ name: String) -> String? {
                event.first { $0.name == name }.map { $0.parameters.isEmpty ? $0.value : "\($0.parameters);\($0.value)" }
            }

            // Asia/Tomsk (UTC+7): 1 November 2025 24:00 there is 17:00 UTC.
            let tomsk = try event("event-\(f.teamEvent.rawValue)@schoolnet")
            #expect(value(tomsk, "DTSTART") == "VALUE=DATE;20251120")
            #expect(value(tomsk, "DTEND") == "VALUE=DATE;20251121")
            #expect(ICS.unescape(value(tomsk, "SUMMARY") ?? "") == "Спортивная мозаика")
            let tomskDeadline = try event("event-\(f.teamEvent.rawValue)-deadline@schoolnet")
            #expect(value(tomskDeadline, "DTSTART") == "20251101T170000Z")
            #expect(value(tomskDeadline, "DTEND") == nil, "an instant, not a span")
            #expect(ICS.unescape(value(tomskDeadline, "DESCRIPTION") ?? "").contains("1 ноября 2025 г., 24:00 (Asia/Tomsk, UTC+7)"))
            #expect(ICS.components(tomskDeadline, "VALARM").first?.first { $0.name == "TRIGGER" }?.value == "-P1D")

            // Europe/Moscow (UTC+3): the same closing day ends four hours later, at 21:00 UTC; three days end on the 23rd.
            let moscow = try event("event-\(d.olympiad.rawValue)@schoolnet")
            #expect(value(moscow, "DTSTART") == "VALUE=DATE;20251120")
            #expect(value(moscow, "DTEND") == "VALUE=DATE;20251123")
            #expect(value(try event("event-\(d.olympiad.rawValue)-deadline@schoolnet"), "DTSTART") == "20251101T210000Z")
            #expect(value(moscow, "URL") == "https://schoolnet.example/events/\(d.olympiad.rawValue)")
        }
    }

    @Test func textIsEscapedAndUnescapesToWhatThePageShows() async throws {
        try await app.test(.live) { client in
            let lines = try ICS.physicalLines(try await fetch(client).bytes)
            let calendar = ICS.parse(lines)
            let olympiad = try #require(
                ICS.components(calendar, "VEVENT").first { $0.first { $0.name == "UID" }?.value == "event-\(d.olympiad.rawValue)@schoolnet" })
            let summary = try #require(olympiad.first { $0.name == "SUMMARY" }).value
            #expect(summary.contains(#"Физика\, химия\; биология \\ экология"#))
            #expect(ICS.unescape(summary) == PublicData.olympiadTitle)
            let description = try #require(olympiad.first { $0.name == "DESCRIPTION" }).value
            #expect(description.contains(#"\n"#) && !description.contains("\n"))
            #expect(ICS.unescape(description).split(separator: "\n").first == "Организатор: Гимназия №13")
            #expect(ICS.unescape(description).contains("Участники: ученики 9–11 классов"))
        }
    }
}

/// A reader of RFC 5545 text good enough to check what we write.
enum ICS {
    struct Property: Equatable {
        var name: String
        var parameters: String
        var value: String
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// The physical lines; fails on a bare LF or CR, a missing final CRLF, or a line that is not UTF-8 by itself.
    static func physicalLines(_ bytes: [UInt8]) throws -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { throw Malformed(description: "CR without LF at \(index)") }
                guard let line = String(validating: current, as: UTF8.self) else { throw Malformed(description: "line \(lines.count + 1) is not UTF-8") }
                lines.append(line)
                current = []
                index += 2
                continue
            }
            if byte == 0x0A { throw Malformed(description: "bare LF at \(index)") }
            current.append(byte)
            index += 1
        }
        guard current.isEmpty else { throw Malformed(description: "no CRLF after the last line") }
        return lines
    }

    /// Joins continuation lines (a leading space or tab) to the line before.
    static func unfold(_ lines: [String]) -> [String] {
        var out: [String] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t", !out.isEmpty {
                out[out.count - 1] += line.dropFirst()
            } else {
                out.append(line)
            }
        }
        return out
    }

    /// Content lines as properties (`NAME;PARAMS:VALUE`), BEGIN/END included.
    static func parse(_ lines: [String]) -> [Property] {
        unfold(lines).map { line in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            let head = line[..<colon]
            let value = colon < line.endIndex ? String(line[line.index(after: colon)...]) : ""
            let parts = head.split(separator: ";", maxSplits: 1)
            return Property(name: String(parts[0]), parameters: parts.count > 1 ? String(parts[1]) : "", value: value)
        }
    }

    /// The properties of each `name` component (nested ones included in their parent's).
    static func components(_ properties: [Property], _ name: String) -> [[Property]] {
        var found: [[Property]] = []
        var current: [Property]?
        var depth = 0
        for property in properties {
            if property.name == "BEGIN", property.value == name, current == nil {
                current = []
                continue
            }
            if current != nil {
                if property.name == "BEGIN" { depth += 1 }
                if property.name == "END" {
                    if depth == 0, property.value == name {
                        found.append(current!)
                        current = nil
                        continue
                    }
                    depth -= 1
                }
                current!.append(property)
            }
        }
        return found
    }

    /// TEXT unescaping.
    static func unescape(_ text: String) -> String {
        var out = ""
        var escaped = false
        for character in text {
            if escaped {
                out += character == "n" || character == "N" ? "\n" : String(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                out.append(character)
            }
        }
        return out
    }
}
