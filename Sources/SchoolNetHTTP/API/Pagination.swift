import Foundation
import Hummingbird
import SchoolNetDomain

/// `limit` and `cursor` of a paged list. The cursor names the last id the client has seen; the next page is what
/// comes after it in id order, so rows inserted between two fetches neither shift nor repeat what was already served.
struct PageRequest {
    static let defaultLimit = 100
    static let maxLimit = 500

    var limit: Int
    /// The last id of the previous page; nil for the first page.
    var after: Int64?

    /// Reads `limit` and `cursor` from the request's query, adding a field error for each that does not parse.
    init(_ request: Request, errors: inout [FieldError]) {
        let query = request.uri.queryParameters
        self.limit = Self.defaultLimit
        self.after = nil
        if let raw = query["limit"] {
            if let value = Int(raw), (1...Self.maxLimit).contains(value) {
                self.limit = value
            } else {
                errors.append(
                    QueryProblem.invalid(
                        "limit", ru: "Ожидается целое число от 1 до \(Self.maxLimit).", en: "Expected an integer from 1 to \(Self.maxLimit)."))
            }
        }
        if let raw = query["cursor"] {
            if let id = PageCursor.decode(String(raw)) {
                self.after = id
            } else {
                errors.append(
                    QueryProblem.invalid(
                        "cursor", ru: "Курсор не распознан: передайте nextCursor из предыдущего ответа.",
                        en: "Unrecognised cursor: pass nextCursor from the previous answer."))
            }
        }
    }
}

/// The opaque cursor: base64url of "a:<id>". Opaque so clients pass it back instead of building it, which leaves us
/// free to change what it holds; the prefix lets a stray string be refused rather than read as an id.
enum PageCursor {
    static func encode(after id: Int64) -> String {
        Data("a:\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> Int64? {
        guard (1...64).contains(cursor.utf8.count) else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8), text.hasPrefix("a:"),
            let id = Int64(text.dropFirst(2)), id > 0
        else { return nil }
        return id
    }
}

/// One page of a list: `nextCursor` is null on the last page.
struct PageBody<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?

    /// `fetched` holds up to `limit + 1` rows: the extra one only says that another page exists.
    init(fetched: [Item], limit: Int, id: (Item) -> Int64) {
        if fetched.count > limit {
            self.items = Array(fetched.prefix(limit))
            self.nextCursor = self.items.last.map { PageCursor.encode(after: id($0)) }
        } else {
            self.items = fetched
            self.nextCursor = nil
        }
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }

    // nextCursor is always present, null on the last page, so a client's loop needs no "missing" case.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.items, forKey: .items)
        try container.encode(self.nextCursor, forKey: .nextCursor)
    }
}
