/// Reading ASCII digits from bytes, the one copy the format readers share (hex in `%20`, `_x000D_`, `&#x1EBF;`).
public enum ASCII {
    /// The value of a hexadecimal digit `0`–`9`, `a`–`f`, `A`–`F`; `nil` for any other byte.
    @inlinable
    public static func hexDigitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }
}
