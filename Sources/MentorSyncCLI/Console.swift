import Foundation
import MentorSyncEngine
import MentorSyncDomain

/// Where a command prints: standard output for results, standard error for errors and logs.
public struct Console: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out; self.err = err
    }

    public static let standard = Console(
        out: { s in FileHandle.standardOutput.write(Data((s + "\n").utf8)) },
        err: { s in FileHandle.standardError.write(Data((s + "\n").utf8)) })

    /// Prints a JSON value (objects with sorted keys, so output is stable).
    public func json(_ value: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])) ?? Data("null".utf8)
        out(String(decoding: data, as: UTF8.self))
    }

    /// Prints rows as an aligned table.
    public func table(_ header: [String], _ rows: [[String]]) {
        var widths = header.map { $0.count }
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], min(c.count, 60)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let cut = c.count > 60 ? String(c.prefix(59)) + "…" : c
                return i == cells.count - 1 ? cut : padded(cut, widths[i])
            }.joined(separator: "  ")
        }
        out(line(header))
        for r in rows { out(line(r)) }
    }
}

/// `text.padding(toLength: length, withPad: " ", startingAt: 0)`, which counts UTF-16 units (a letter
/// with a combining mark is two): spaces added here, and a text longer than that left to Foundation
/// to cut as it did (Foundation's padding was an eighth of listing a district's 80,000 meetings).
func padded(_ text: String, _ length: Int) -> String {
    let units = text.utf16.count
    guard units <= length else { return text.padding(toLength: length, withPad: " ", startingAt: 0) }
    return units == length ? text : text + String(repeating: " ", count: length - units)
}

/// Turns any error into the one line a person reads.
func describe(_ error: Error) -> String {
    Message.failure(error)?.text() ?? "\(error)"
}
