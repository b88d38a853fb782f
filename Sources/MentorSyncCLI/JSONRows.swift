import Foundation

/// `list --json`'s rows written by hand, byte for byte as `Console.json` writes them through
/// Foundation (pretty, keys sorted, slashes as they are): JSONSerialization spent 5 s of CPU on a
/// district's 82,000 meetings. Keys are sorted once for all the rows, as Foundation sorts them
/// (numbers in them by value, letters regardless of case); a real number is written by
/// Foundation itself (its own notation: `1e-07`, `-0`), once per value.
struct JSONRows {
    /// The objects' keys, and for each row its values in the keys' order (nil: the row lacks the key).
    let keys: [String]
    let rows: [[Any?]]

    /// The text `JSONSerialization` writes for the rows as objects; nil when a value is none of
    /// text, whole number, real, null or true/false (the caller then asks Foundation).
    func text() -> String? {
        let order = keys.indices.sorted { JSONRows.precedes(keys[$0], keys[$1]) }
        let names = order.map { k -> [UInt8] in
            var b: [UInt8] = Array("    ".utf8)
            JSONRows.append(string: keys[k], to: &b)
            b += Array(" : ".utf8)
            return b
        }
        var reals: [UInt64: [UInt8]] = [:]
        var out: [UInt8] = Array("[\n".utf8)
        out.reserveCapacity(rows.count * keys.count * 24)
        for (r, row) in rows.enumerated() {
            out += Array(r == 0 ? "  {\n".utf8 : ",\n  {\n".utf8)
            var first = true
            for (n, k) in order.enumerated() {
                guard k < row.count, let value = row[k] else { continue }
                if !first { out += [0x2C, 0x0A] }
                first = false
                out += names[n]
                switch value {
                case let s as String: JSONRows.append(string: s, to: &out)
                case let b as Bool: out += Array((b ? "true" : "false").utf8)
                case let i as Int64: out += Array(String(i).utf8)
                case let i as Int: out += Array(String(i).utf8)
                case is NSNull: out += Array("null".utf8)
                case let d as Double:
                    if let known = reals[d.bitPattern] { out += known; continue }
                    guard d.isFinite, let data = try? JSONSerialization.data(withJSONObject: d, options: [.fragmentsAllowed]) else { return nil }
                    reals[d.bitPattern] = Array(data)
                    out += Array(data)
                default: return nil
                }
            }
            out += Array("\n  }".utf8)
        }
        out += Array("\n]".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Foundation's order of sorted keys.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex, locale: nil) == .orderedAscending
    }

    /// A JSON string as Foundation writes it: `"` and `\` escaped, control characters as `\n`, `\t`…
    /// or `\u001f`, everything else (Cyrillic, `/`, DEL) as it is.
    static func append(string: String, to out: inout [UInt8]) {
        out.append(0x22)
        for byte in string.utf8 {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
    }
}
