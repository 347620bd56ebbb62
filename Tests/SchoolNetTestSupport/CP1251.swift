/// Windows-1251 as Excel writes it, enough for Russian lists (tests must not depend on the
/// platform's Foundation knowing the code page).
public enum CP1251 {
    public static func encode(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { scalar -> UInt8 in
            switch scalar.value {
            case 0..<0x80: UInt8(scalar.value)
            case 0x0410...0x044F: UInt8(scalar.value - 0x0410 + 0xC0)
            case 0x0401: 0xA8
            case 0x0451: 0xB8
            case 0x2116: 0xB9
            case 0x00AB: 0xAB
            case 0x00BB: 0xBB
            default: 0x3F
            }
        }
    }
}
