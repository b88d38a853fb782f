import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The terminal the output goes to: its width, and text wrapped to it (whole words, never cut).
enum Terminal {
    /// `COLUMNS` when set, else the width of the terminal on standard output, else `fallback`.
    static func width(fallback: Int = 80) -> Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c >= 20 { return c }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 {
            return Int(size.ws_col)
        }
        return fallback
    }

    /// `text` in lines of at most `width` characters, broken between words; the first line starts with
    /// `first`, the others with `indent`. A word longer than a line (a path) gets a line of its own, whole.
    static func wrap(_ text: String, width: Int, first: String = "", indent: String = "  ") -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineStart = first
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if line.isEmpty {
                    line = lineStart + word
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    lineStart = indent
                    line = indent + word
                }
            }
            lines.append(line)
        }
        return lines
    }
}

extension Console {
    /// Prints text wrapped to the terminal's width, the lines after the first indented.
    func paragraph(_ text: String, first: String = "", indent: String = "  ", width: Int = Terminal.width()) {
        for line in Terminal.wrap(text, width: width, first: first, indent: indent) { out(line) }
    }
}
