/// A coding key for object members and array positions met while parsing or decoding.
struct JSONKey: CodingKey, Sendable {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }

    init(index: Int) { self.init(intValue: index) }
}

/// Formats a coding path as clients write it: `members[1].grade`; the empty path (the whole body) is "".
func fieldPath(_ codingPath: [any CodingKey]) -> String {
    var path = ""
    for key in codingPath {
        // Array positions are keys whose string form is their index; named keys with an Int raw value are not.
        if let index = key.intValue, key.stringValue == String(index) || key.stringValue == "Index \(index)" {
            path += "[\(index)]"
        } else {
            path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
    }
    return path
}
