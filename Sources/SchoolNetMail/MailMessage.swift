import Foundation

/// One e-mail ready for the wire: plain text and HTML alternatives, UTF-8, with a Message-ID that stays the same for
/// every attempt at the same outbox row, so a receiver can drop a copy a crash made us send twice.
public struct MailMessage: Sendable, Equatable {
    public var from: String
    public var to: String
    public var subject: String
    public var messageID: String
    public var text: String
    public var html: String
    public var date: Date

    public init(from: String, to: String, subject: String, messageID: String, text: String, html: String, date: Date) {
        self.from = from
        self.to = to
        self.subject = subject
        self.messageID = messageID
        self.text = text
        self.html = html
        self.date = date
    }

    /// `<outbox-ID@host>`: one per outbox row, the same on every attempt.
    public static func messageID(outbox id: Int64, host: String) -> String { "<outbox-\(id)@\(host)>" }

    /// RFC 5322 text (CRLF line ends): headers in ASCII (the subject as a UTF-8 encoded word), a multipart/alternative
    /// body with both parts in base64, so no line is too long and no byte needs 8BITMIME.
    public func rfc5322() -> String {
        let boundary = "=_schoolnet_" + messageID.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var lines = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: \(messageID)",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            ""
        ]
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines += [
                "--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""
            ]
            lines += Self.base64Lines(body)
        }
        lines.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func encodedWord(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && $0 != "\r" && $0 != "\n" }) { return text }
        // One encoded word per at most 45 bytes (60 base64 characters), whole characters only.
        var words: [String] = []
        var chunk = ""
        for character in text where character != "\r" && character != "\n" {
            if chunk.utf8.count + String(character).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        var out: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            out.append(String(encoded[index..<end]))
            index = end
        }
        return out
    }
}
