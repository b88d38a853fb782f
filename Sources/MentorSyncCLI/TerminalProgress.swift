import Foundation
import MentorSyncDomain

/// A progress line on the terminal for long work (thousands of rows); silent when stderr is not a terminal.
final class TerminalProgress {
    private let label: String
    private let enabled: Bool
    private var shown = false

    init(_ label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.enabled = enabled
    }

    /// The domain's progress hook, drawn on the terminal: `SchoolSync.progress = TerminalProgress.watch`.
    static func watch(_ label: String) -> WorkProgress {
        let bar = TerminalProgress(label)
        return WorkProgress(update: bar.update, finish: bar.finish)
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total >= 5000 else { return }
        let percent = total > 0 ? done * 100 / total : 0
        FileHandle.standardError.write(Data("\r\(label): \(done) of \(total) rows (\(percent)%)".utf8))
        shown = true
    }

    func finish() {
        guard shown else { return }
        FileHandle.standardError.write(Data("\r\u{1b}[K".utf8))
        shown = false
    }
}
