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
        let out = fileURL(try args.required("out", "a new file name, or a folder for dated backups"))
        let keep = try args.value("keep").map { v -> Int in
            guard let n = Int(v), n >= 1, n <= 100_000 else { throw UsageError("--keep takes a number of backups to keep, 1 or more") }
            return n
        }
        let s = try Backup.take(home: homeURL(args), role: role, out: out, keep: keep)
        if args.has("json") {
            console.json(["file": s.file.path, "site": s.site, "role": s.role, "bytes": s.bytes, "rows": s.rows,
                          "integrity": s.integrity, "taken_at": s.takenAt, "seconds": (s.seconds * 1000).rounded() / 1000,
                          "pruned": s.pruned.map(\.path)])
            return
        }
        console.out("backup of \(s.site) written to \(s.file.path): \(size(s.bytes)), \(s.rows) rows, integrity \(s.integrity), \(String(format: "%.1f", s.seconds)) s")
        if !s.pruned.isEmpty { console.out("removed \(s.pruned.count) older backup\(s.pruned.count == 1 ? "" : "s") (keeping the newest \(keep ?? 0))") }
        console.out("keep a copy off this machine too: a backup on the same disk dies with it (see Deploy/BACKUP.md)")
    }

    /// Puts a backup back in place, then makes sure nothing written after it is lost.
    public static func restore(_ argv: [String], role: Replica.Role, console: Console) throws {
        let args = try Arguments.parse(argv, options: ["home", "from"], flags: ["json"])
        guard args.words.count == 1 else { throw UsageError(restoreUsage) }
        let from = fileURL(try args.required("from", "the backup file to restore"))
        let r = try Backup.restore(from: from, into: homeURL(args), role: role)
        if args.has("json") {
            console.json(["home": r.home.path, "site": r.site, "role": r.role, "restored_from": r.from.path,
                          "previous_kept_as": r.previousKeptAs?.path ?? NSNull(), "resync_ordered": r.resyncOrdered,
                          "counter": r.counter])
            return
        }
        console.out("restored \(r.site)'s registry in \(r.home.path) from \(r.from.path) (integrity ok)")
        if let kept = r.previousKeptAs { console.out("the registry it replaced is kept as \(kept.path); delete it once all is well") }
        if role == .district {
            console.out(r.resyncOrdered.isEmpty ? "no schools enrolled in this backup"
                        : "resync ordered for \(r.resyncOrdered.count) schools (\(r.resyncOrdered.joined(separator: ", "))): each re-sends everything at its next sync")
            console.out("next: start the daemon again (systemctl start mentorsync-district); schools enrolled after this backup must be enrolled again")
        } else {
            console.out("this school's next sync sends everything it has; its Lamport counter was moved ahead")
            console.out("next: ask the district to run 'mentorsync-district resync --site \(r.site)'; this school's rows written after the backup come back with the district's next reply")
        }
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        if bytes >= 1 << 10 { return String(format: "%.0f kB", Double(bytes) / 1024) }
        return "\(bytes) bytes"
    }
}
