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

    /// Appends each line to a file (made when missing): a person running `ingest` at a terminal
    /// reads its receipt there, and the log lines go where they can be looked up later.
    public static func appending(to url: URL) -> EventLog {
        EventLog { line in
            if !FileManager.default.fileExists(atPath: url.path) { FileManager.default.createFile(atPath: url.path, contents: nil) }
            guard let h = try? FileHandle(forWritingTo: url) else { return }
            defer { try? h.close() }
            _ = try? h.seekToEnd()
            try? h.write(contentsOf: Data((line + "\n").utf8))
        }
    }

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
                .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") + "\""
        }
        return s
    }
}
