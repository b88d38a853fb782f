import CSQLite
import CZlib
import Foundation

/// Where and how the figures were measured.
struct RunInfo: Encodable {
    var date: String
    var commit: String
    var build: String
    var rows: Int
    var rounds: Int
    var quick: Bool
    var cores: Int
    var sqlite: String
    var zlib: String

    static func current(options: BenchOptions) -> RunInfo {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        return RunInfo(date: f.string(from: Date()) + " UTC", commit: gitCommit(), build: build, rows: options.rows,
                       rounds: options.rounds, quick: options.quick, cores: ProcessInfo.processInfo.activeProcessorCount,
                       sqlite: String(cString: sqlite3_libversion()), zlib: String(cString: zlibVersion()))
    }

    /// `git rev-parse --short HEAD` of the working directory, if it is a checkout.
    private static func gitCommit() -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "rev-parse", "--short", "HEAD"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return "unknown" }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let s = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return p.terminationStatus == 0 && !s.isEmpty ? s : "unknown"
    }
}

enum Report {
    static func text(_ info: RunInfo, _ sections: [Section]) -> String {
        var out = "mentorsync-bench — \(info.date), commit \(info.commit), \(info.build) build, "
        out += "N = \(grouped(info.rows)) rows, \(info.rounds) rounds\(info.quick ? " (--quick)" : ""); "
        out += "\(info.cores) cores, SQLite \(info.sqlite), zlib \(info.zlib)\n"
        out += "Each figure: median over the rounds [min–max]; ratios are taken side by side within each round.\n"
        let header = ["figure", "value", "reference", "ratio", "target", "result"]
        var rows: [[String]] = []
        for s in sections {
            for f in s.figures {
                rows.append([f.name, f.value.text,
                             f.reference.map { "\(f.referenceName ?? ""): \($0.text)" } ?? (f.referenceName ?? ""),
                             f.ratio?.text ?? "", f.target?.text ?? "", f.result])
            }
        }
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in c + String(repeating: " ", count: widths[i] - c.count) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        for s in sections {
            out += "\n\(s.number). \(s.title) — \(s.method)\n"
            out += "  " + line(header) + "\n"
            for f in s.figures {
                out += "  " + line([f.name, f.value.text,
                                     f.reference.map { "\(f.referenceName ?? ""): \($0.text)" } ?? (f.referenceName ?? ""),
                                     f.ratio?.text ?? "", f.target?.text ?? "", f.result]) + "\n"
                if let n = f.note { out += "      \(n)\n" }
            }
        }
        let targets = sections.flatMap(\.figures).compactMap(\.passed)
        out += "\nTargets met: \(targets.filter { $0 }.count) of \(targets.count)\n"
        return out
    }

    /// A Markdown table, for the README's Performance section.
    static func markdown(_ info: RunInfo, _ sections: [Section]) -> String {
        var out = "Measured \(info.date), commit `\(info.commit)`, \(info.build) build, N = \(grouped(info.rows)), "
        out += "\(info.rounds) rounds, \(info.cores) cores, SQLite \(info.sqlite). Median [min–max] over the rounds.\n\n"
        out += "| § | figure | value | reference | ratio | target | result |\n|---|---|---|---|---|---|---|\n"
        for s in sections {
            for f in s.figures {
                let ref = f.reference.map { "\(f.referenceName ?? ""): \($0.text)" } ?? (f.referenceName ?? "")
                out += "| \(s.number) | \(f.name) | \(f.value.text) | \(ref) | \(f.ratio?.text ?? "") | \(f.target?.text ?? "") | \(f.result) |\n"
            }
        }
        out += "\n"
        for s in sections {
            out += "- §\(s.number) \(s.title): \(s.method)\n"
            for f in s.figures { if let n = f.note { out += "  - \(f.name)\(f.referenceName.map { " vs \($0)" } ?? ""): \(n)\n" } }
        }
        return out
    }

    static func json(_ info: RunInfo, _ sections: [Section]) throws -> String {
        struct SectionJSON: Encodable { var number: Int; var title: String; var method: String; var figures: [Figure] }
        struct All: Encodable { var run: RunInfo; var sections: [SectionJSON]; var targets_met: Int; var targets: Int }
        let targets = sections.flatMap(\.figures).compactMap(\.passed)
        let all = All(run: info, sections: sections.map { SectionJSON(number: $0.number, title: $0.title, method: $0.method, figures: $0.figures) },
                      targets_met: targets.filter { $0 }.count, targets: targets.count)
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(all), as: UTF8.self) + "\n"
    }

    static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
