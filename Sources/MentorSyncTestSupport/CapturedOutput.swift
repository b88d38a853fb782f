import MentorSyncDomain

/// Lines code under test wrote, from any thread: a command's two streams, or an event log.
public final class CapturedOutput: Sendable {
    private let lines = Locked<(out: [String], err: [String])>(([], []))

    public init() {}

    public func writeOut(_ line: String) { lines.withLock { $0.out.append(line) } }
    public func writeErr(_ line: String) { lines.withLock { $0.err.append(line) } }

    public var out: [String] { lines.current.out }
    public var err: [String] { lines.current.err }
    public func clear() { lines.withLock { $0 = ([], []) } }

    /// An event log whose lines land in `err`, where the tools write theirs.
    public var eventLog: EventLog { EventLog { [self] line in writeErr(line) } }
}
