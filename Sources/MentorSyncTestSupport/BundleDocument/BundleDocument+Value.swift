import Foundation
import MentorSyncEngine

extension BundleDocument {

    /// A cell value: `{"null": true}`, `{"integer": "-42"}` (a string, so 64-bit values survive
    /// JSON readers that use doubles), `{"real": 1.5}`, `{"text": "…"}` or `{"blob": "00ff"}` (lowercase hex).
    public enum Value: Codable, Equatable, Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])

        private enum Keys: String, CodingKey { case null, integer, real, text, blob }

        public init(_ v: DatabaseValue) {
            switch v {
            case .null: self = .null
            case .integer(let i): self = .integer(i)
            case .real(let d): self = .real(d)
            case .text(let s): self = .text(s)
            case .blob(let b): self = .blob(b)
            }
        }

        public var databaseValue: DatabaseValue {
            switch self {
            case .null: return .null
            case .integer(let i): return .integer(i)
            case .real(let d): return .real(d)
            case .text(let s): return .text(s)
            case .blob(let b): return .blob(b)
            }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Keys.self)
            guard c.allKeys.count == 1, let key = c.allKeys.first else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "a value has exactly one of null, integer, real, text, blob"))
            }
            func corrupt(_ why: String) -> DecodingError {
                .dataCorrupted(.init(codingPath: c.codingPath + [key], debugDescription: why))
            }
            switch key {
            case .null:
                guard try c.decode(Bool.self, forKey: .null) else { throw corrupt("null must be true") }
                self = .null
            case .integer:
                let s = try c.decode(String.self, forKey: .integer)
                guard let i = Int64(s) else { throw corrupt("integer '\(s)' is not a 64-bit signed decimal") }
                self = .integer(i)
            case .real: self = .real(try c.decode(Double.self, forKey: .real))
            case .text: self = .text(try c.decode(String.self, forKey: .text))
            case .blob:
                let s = try c.decode(String.self, forKey: .blob)
                guard let b = BundleDocument.bytes(hex: s) else { throw corrupt("blob '\(s.prefix(40))' is not hex") }
                self = .blob(b)
            }
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            switch self {
            case .null: try c.encode(true, forKey: .null)
            case .integer(let i): try c.encode(String(i), forKey: .integer)
            case .real(let d): try c.encode(d, forKey: .real)
            case .text(let s): try c.encode(s, forKey: .text)
            case .blob(let b): try c.encode(BundleDocument.hex(b), forKey: .blob)
            }
        }
    }
}

extension BundleDocument.Value {
    func checked() throws -> DatabaseValue {
        if case .real(let d) = self, !d.isFinite { throw BundleError.malformed("document holds a real that is not finite") }
        return databaseValue
    }
}
