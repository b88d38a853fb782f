import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// `backup --out FILE|DIR [--keep N]` and `restore --from FILE`, the same for both tools.
///
/// Wiring (one line each in the tools' `switch command`):
///   case "backup": try BackupCommands.backup(argv, role: .district, console: console)   // .school in SchoolCLI
///   case "restore": try BackupCommands.restore(argv, role: .district, console: console)
/// Each parses its own options: backup takes `out` and `keep`, restore takes `from`
/// (both also `home` and the flag `json`).
public enum BackupCommands {
    public static let backupUsage = "backup --out FILE|DIR [--keep N]"
    public static let restoreUsage = "restore --from FILE"

    static func tool(_ role: Replica.Role) -> String { "mentorsync-\(role.rawValue)" }

    /// A consistent copy of the home's registry.db, taken while the daemon or a sync keeps running.
    public static func backup(_ argv: [String], role: Replica.Role, console: Console) throws {
        let args = try Arguments.parse(argv, options: ["home", "out", "keep"], flags: ["json"])
        guard args.words.count == 1 else { throw UsageError(backupUsage) }
        let out = fileURL(try args.required("out", .hintBackupOut))
        let keep = try args.value("keep").map { v -> Int in
            guard let n = Int(v), n >= 1, n <= 100_000 else { throw UsageError(Message.keepBackups) }
            return n
        }
        let s = try Backup.take(home: homeURL(args), role: role, out: out, keep: keep)
        if args.has("json") {
            console.json(["file": s.file.path, "site": s.site, "role": s.role, "bytes": s.bytes, "rows": s.rows,
                          "integrity": s.integrity, "taken_at": s.takenAt, "seconds": (s.seconds * 1000).rounded() / 1000,
                          "pruned": s.pruned.map(\.path)])
            return
        }
        console.out(Message.backupWritten(site: s.site, file: s.file.path, size: size(s.bytes), rows: s.rows, integrity: s.integrity,
                                          seconds: String(format: "%.1f", s.seconds)).text())
        if !s.pruned.isEmpty { console.out(Message.backupsPruned(s.pruned.count, keeping: keep ?? 0).text()) }
        console.out(Message.backupOffMachine.text())
    }

    /// Puts a backup back in place, then makes sure nothing written after it is lost.
    public static func restore(_ argv: [String], role: Replica.Role, console: Console) throws {
        let args = try Arguments.parse(argv, options: ["home", "from"], flags: ["json"])
        guard args.words.count == 1 else { throw UsageError(restoreUsage) }
        let from = fileURL(try args.required("from", .hintBackupFrom))
        let r = try Backup.restore(from: from, into: homeURL(args), role: role)
        if args.has("json") {
            console.json(["home": r.home.path, "site": r.site, "role": r.role, "restored_from": r.from.path,
                          "previous_kept_as": r.previousKeptAs?.path ?? NSNull(), "resync_ordered": r.resyncOrdered,
                          "kept_since_backup": r.keptSinceBackup ?? NSNull(),
                          "counter": r.counter])
            return
        }
        console.out(Message.restored(site: r.site, home: r.home.path, from: r.from.path).text())
        if let kept = r.previousKeptAs { console.out(Message.replacedKept(kept.path).text()) }
        if role == .district {
            // Each school by the name the methodologist knows it by, the code beside.
            func named(_ sites: [String]) -> [String] { sites.map { s in r.schoolNames[s].map { "«\($0)» (\(s))" } ?? s } }
            console.out((r.resyncOrdered.isEmpty ? Message.noSchoolsInBackup : Message.resyncOrderedFor(named(r.resyncOrdered))).text())
            if let kept = r.keptSinceBackup, !kept.isEmpty {
                console.out(Message.keptSinceBackup(named(kept)).text())
            }
            console.out(Message.districtRestoredNext(replacedRead: r.keptSinceBackup != nil).text())
        } else {
            console.out(Message.schoolRestoredResend.text())
            console.out(Message.schoolRestoredNext(r.site).text())
        }
    }

    static func size(_ bytes: Int, _ language: Language = .current) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f ", Double(bytes) / 1_048_576) + language.pick(en: "MB", ru: "МБ") }
        if bytes >= 1 << 10 { return String(format: "%.0f ", Double(bytes) / 1024) + language.pick(en: "kB", ru: "КБ") }
        return language.pick(en: "\(bytes) bytes", ru: Plural.ru(count: bytes, "байт", "байта", "байт"))
    }
}
