import Foundation

/// A progress line on the terminal for long work (thousands of rows); silent when stderr is not a terminal.
public final class TerminalProgress: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private var shown = false

    public init(_ label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.enabled = enabled
    }

    public func update(_ done: Int, _ total: Int) {
        guard enabled, total >= 5000 else { return }
        let percent = total > 0 ? done * 100 / total : 0
        FileHandle.standardError.write(Data("\r\(label): \(done) of \(total) rows (\(percent)%)".utf8))
        shown = true
    }

    public func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1b}[K".utf8))
        shown = false
    }
}
