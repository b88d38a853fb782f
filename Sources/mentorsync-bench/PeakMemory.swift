import Foundation
import MentorSyncEngine

/// Resident memory of this process, from /proc/self/status (Linux).
/// https://man7.org/linux/man-pages/man5/proc_pid_status.5.html
enum PeakMemory {
    /// A field of /proc/self/status in KiB (VmRSS: now, VmHWM: the peak so far).
    static func kib(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }

    /// Bytes this process has handed to write(2) and friends so far ("wchar" of /proc/self/io):
    /// what a pass costs in writes, WAL and checkpoints included.
    /// https://man7.org/linux/man-pages/man5/proc_pid_io.5.html
    static func bytesWritten() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("wchar:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Resets VmHWM to the current RSS ("5" to clear_refs, Linux 4.0+), so the peak measured next
    /// is the peak of what follows. Returns false when the kernel refuses.
    /// https://man7.org/linux/man-pages/man5/proc_pid_clear_refs.5.html
    static func resetPeak() -> Bool {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
    }
}

/// What a memory child reports on stdout, one JSON object.
struct ChildReport: Codable {
    var baselineKiB: Int
    var peakKiB: Int
    var peakWasReset: Bool
    var seconds: Double
    var rows: Int
    var bundle: String?
    var bytes: Int?

    var aboveBaselineMiB: Double { Double(peakKiB - baselineKiB) / 1024 }
}

/// The hidden subcommand `__memory-child export|merge …`: VmHWM is per process, so each streaming
/// operation runs alone in a fresh process of this same binary and reports its own peak.
enum MemoryChild {
    static let command = "__memory-child"

    static func main(_ args: [String]) throws -> ChildReport {
        guard args.count == 3 else { throw BenchError.usage("\(command) export SCHOOL_DB OUT_DIR | merge DISTRICT_DB BUNDLE") }
        switch args[0] {
        case "export":
            let replica = try Replica(path: args[1], schema: Sites.schema)
            var summary: ExportSummary?
            var r = try measured {
                summary = try replica.exportBundle(to: URL(fileURLWithPath: args[2]), recipient: Sites.district,
                                                   key: Sites.key(for: replica.site))
            }
            r.rows = summary!.header.rowCount
            r.bundle = summary!.url.path
            r.bytes = summary!.bytes
            return r
        case "merge":
            let replica = try Replica(path: args[1], schema: Sites.schema)
            var merged: MergeReport?
            var r = try measured {
                merged = try replica.importBundle(at: URL(fileURLWithPath: args[2]), keyFor: Sites.keyFor,
                                                  policy: MergePolicies.schoolsWriteOwnRows)
            }
            r.rows = merged!.rowsChanged
            return r
        default:
            throw BenchError.usage("\(command): unknown operation '\(args[0])'")
        }
    }

    private static func measured(_ body: () throws -> Void) throws -> ChildReport {
        let reset = PeakMemory.resetPeak()
        guard let baseline = PeakMemory.kib("VmRSS") else { throw BenchError.child("/proc/self/status is not readable") }
        let t = try Stopwatch.time(body)
        let peak = PeakMemory.kib("VmHWM") ?? 0
        return ChildReport(baselineKiB: baseline, peakKiB: peak, peakWasReset: reset, seconds: t, rows: 0)
    }

    /// Runs this binary as a child with `arguments` and decodes its report.
    static func spawn(_ arguments: [String]) throws -> ChildReport {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = [command] + arguments
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        // Read the pipe before waiting, so a full pipe cannot stall the child.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw BenchError.child("\(arguments.first ?? "") exited with status \(p.terminationStatus)") }
        do { return try JSONDecoder().decode(ChildReport.self, from: data) } catch {
            throw BenchError.child("unreadable report: \(String(decoding: data.prefix(200), as: UTF8.self))")
        }
    }
}
