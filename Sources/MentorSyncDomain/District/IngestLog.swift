import Foundation
import MentorSyncEngine

/// One greppable line per event, `key=value`, to stderr (or wherever the caller points it).
public struct EventLog: Sendable {
    public let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) { self.write = write }

    public static let standardError = EventLog { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
    public static let silent = EventLog { _ in }

    public func event(_ name: String, _ fields: KeyValuePairs<String, Any>) {
        var line = "time=\(Replica.timestamp()) event=\(name)"
        for (k, v) in fields {
            line += " \(k)=\(EventLog.quote("\(v)"))"
        }
        write(line)
    }

    static func quote(_ s: String) -> String {
        if s.isEmpty { return "\"\"" }
        if s.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) {
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: " ") + "\""
        }
        return s
    }
}
