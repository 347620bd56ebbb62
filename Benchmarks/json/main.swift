import Foundation

// Benchmarks/json/run compiles this with both decoders. Same shapes as the API's registration body (RegistrationBody, ResponsibleTeacher, MemberRequest), synthesized Decodable.
enum Kind: String, Decodable { case pupil, teacher, student, preschooler }
struct Responsible: Decodable { var name: String; var email: String?; var phone: String? }
struct Member: Decodable {
    var lastName: String; var firstName: String; var patronymic: String?; var birthDate: String?
    var kind: Kind; var grade: Int?; var role: String?; var consent: Bool?
}
struct Body: Decodable {
    var eventId: Int64?; var organisationId: Int64; var teamName: String?; var nominationId: Int64?
    var responsible: Responsible; var members: [Member]?; var headcount: Int?; var historicalImport: Bool?
}
// Stand-ins for the domain's refusal, which the new decoder throws for a NUL.
struct RegistrationError { static func validation(field: String, ru: String, en: String) -> RegistrationError { .init() } }
struct RegistrationRefusal: Error { init(_ e: [RegistrationError]) {} }

struct OldRefused: Error {}
func oldDecode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
    if firstInvalidUTF8Offset(bytes) != nil { throw OldRefused() }
    let document = try JSONParser.parse(bytes)
    let decoded = try JSONValueDecoder.decode(type, from: document)
    guard decoded.unknownFields.isEmpty else { throw OldRefused() }
    return decoded.value
}

func body(members: Int) -> [UInt8] {
    let member = #"{"lastName": "Иванова", "firstName": "Мария", "patronymic": "Петровна", "birthDate": "2011-03-01", "kind": "pupil", "grade": 8, "role": "participant", "consent": true}"#
    return Array(("""
        {"eventId": 17, "organisationId": 3, "teamName": "Гимназия 13 — Сириус",
         "responsible": {"name": "Кузнецова Ольга Ивановна", "email": "kuznetsova@example.org", "phone": "+7 913 000-00-00"},
         "members": [\(Array(repeating: member, count: members).joined(separator: ", "))]}
        """).utf8)
}

/// CPU time of this thread per call, in µs: what a request costs the server, whatever else the machine runs.
func time(_ n: Int, _ work: () throws -> Void) rethrows -> Double {
    func cpu() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e6 + Double(t.tv_nsec) / 1e3
    }
    let start = cpu()
    for _ in 0..<n { try work() }
    return (cpu() - start) / Double(n)
}

let n = Int(CommandLine.arguments.dropFirst().first ?? "20000") ?? 20000
print("| body | bytes | hand-written (main), CPU µs/decode | JSONDecoder + known keys (JSONBody), CPU µs/decode | JSONDecoder alone, no checks |")
print("|---|---|---|---|---|")
for members in [1, 5, 30] {
    let bytes = body(members: members)
    _ = try oldDecode(Body.self, from: bytes)
    _ = try JSONBody.decode(Body.self, from: bytes)
    var old: [Double] = []
    var new: [Double] = []
    var bare: [Double] = []
    for _ in 0..<5 {  // interleaved rounds, best of five: the machine is shared
        old.append(try time(n / members) { _ = try oldDecode(Body.self, from: bytes) })
        new.append(try time(n / members) { _ = try JSONBody.decode(Body.self, from: bytes) })
        bare.append(try time(n / members) { _ = try JSONDecoder().decode(Body.self, from: Data(bytes)) })
    }
    print("| registration, \(members) member(s) | \(bytes.count) | \(String(format: "%.1f", old.min()!)) | \(String(format: "%.1f", new.min()!)) | \(String(format: "%.1f", bare.min()!)) |")
}
// Error path: a fraction for an integer, and malformed JSON (the new decoder parses again with JSONSerialization).
let fraction = Array(String(decoding: body(members: 5), as: UTF8.self).replacingOccurrences(of: "\"grade\": 8}", with: "\"grade\": 8.5}").utf8)
let malformed = Array(String(decoding: body(members: 5), as: UTF8.self).replacingOccurrences(of: "\"kind\": \"pupil\"", with: "\"kind\": 'pupil'").utf8)
for (label, bytes) in [("error: 5.5 for an integer, 5 members", fraction), ("error: malformed, 5 members", malformed)] {
    var old: [Double] = []
    var new: [Double] = []
    for _ in 0..<5 {
        old.append(time(n / 5) { _ = try? oldDecode(Body.self, from: bytes) })
        new.append(time(n / 5) { _ = try? JSONBody.decode(Body.self, from: bytes) })
    }
    print("| \(label) | \(bytes.count) | \(String(format: "%.1f", old.min()!)) | \(String(format: "%.1f", new.min()!)) | |")
}
