/// The short stable id of a replica, chosen at enrollment: `district`, `s017`, …
/// Lowercase ASCII letters, digits, `-` and `_`, 1 to 32 characters, starting with a letter or digit.
public struct SiteID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: String

    public init?(_ raw: String) {
        guard SiteID.isValid(raw) else { return nil }
        self.rawValue = raw
    }

    public init(validated raw: String) throws {
        guard SiteID.isValid(raw) else { throw SiteIDError.invalid(raw) }
        self.rawValue = raw
    }

    public static func isValid(_ raw: String) -> Bool {
        let bytes = Array(raw.utf8)
        guard (1...32).contains(bytes.count) else { return false }
        for (i, b) in bytes.enumerated() {
            let alnum = (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39)
            if !(alnum || (i > 0 && (b == 0x2d || b == 0x5f))) { return false }
        }
        return true
    }

    public var description: String { rawValue }
    /// Byte order of the UTF-8 text: the tie-break every site computes alike.
    public static func < (a: SiteID, b: SiteID) -> Bool { a.rawValue.utf8.lexicographicallyPrecedes(b.rawValue.utf8) }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        try self.init(validated: raw)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

public enum SiteIDError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    public var description: String {
        switch self {
        case .invalid(let s): return "site id '\(s)' is not valid: use 1 to 32 lowercase letters, digits, '-' or '_' (for example s017)"
        }
    }
}
