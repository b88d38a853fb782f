import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// `mentorsync-school`: the school agent.
public enum SchoolCLI {
    static let tool = "mentorsync-school"


    public static func main(_ argv: [String], console: Console = .standard) -> Int32 {
        CommandRunner.run(tool: tool, help: CommandHelp.school, argv: argv, console: console) { command in
            switch command {
            case "init": try initHome(argv, console)
            case "sync": try sync(argv, console)
            case "rekey": try rekey(argv, console)
            case "move-here":
                let args = try parse(argv, [])
                guard args.words.count == 1 else { throw UsageError(syntax: "move-here") }
                let moved = try open(args, console).moveHere()
                if args.has("json") { console.json(["moved_here": moved]) } else { console.out((moved ? Message.movedHere : .alreadyHere).text()) }
            case "export": try export(argv, console)
            case "import": try importFiles(argv, console)
            case "status": try status(argv, console)
            case "web": return try WebCommands.web(argv, school: true, console: console)
            case "web-password": try WebCommands.password(argv, school: true, console: console)
            case "put", "list", "delete": try registry(command, argv, console)
            case "report":
                // A school's report is its own: no --site (the district's report takes it).
                let a = try parse(argv, ReportCommands.reportOptions.subtracting(["site"]))
                let home = try open(a, console)
                try ReportCommands.report(a, home.database, console, names: [home.site.rawValue: home.name])
            case "events":
                let a = try parse(argv, ["period"], ["overdue"])
                try ReportCommands.events(a, try open(a, console).database, console)
            case "import-csv":
                let a = try parse(argv, ["separator", "sheet"], ["skip-bad", "dry-run"])
                try CSVCommands.importCSV(a, try open(a, console).replica, console)
            case "export-csv":
                let a = try parse(argv, ["separator"], ["no-bom"])
                try CSVCommands.exportCSV(a, try open(a, console).replica, console)
            case "backup": try BackupCommands.backup(argv, role: .school, console: console)
            case "restore": try BackupCommands.restore(argv, role: .school, console: console)
            default: throw UsageError(Message.unknownCommand(command).text())
            }
            return 0
        }
    }

    static func initHome(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv, ["enroll"])
        guard args.words.count == 1 else { throw UsageError(syntax: "init --enroll FILE") }
        let enrollment = try Enrollment.read(from: fileURL(try args.required("enroll", .hintEnrollFile)))
        let home = try SchoolHome.create(at: homeURL(args), enrollment: enrollment)
        if args.has("json") { console.json(["home": home.url.path, "site": enrollment.site, "name": enrollment.name, "district": enrollment.district]) } else {
            console.out(Message.schoolSetUp(site: enrollment.site, name: enrollment.name, home: home.url.path, district: enrollment.districtName).text())
            console.out(Message.enrollmentSecret.text())
            console.out(Message.schoolNext.text())
        }
    }

    static func rekey(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv, ["enroll"])
        guard args.words.count == 1 else { throw UsageError(syntax: "rekey --enroll FILE") }
        let enrollment = try Enrollment.read(from: fileURL(try args.required("enroll", .hintNewEnrollFile)))
        try open(args, console).rekey(enrollment)
        if args.has("json") { console.json(["site": enrollment.site, "rekeyed": true]) } else {
            console.out(Message.schoolRekeyed(enrollment.site).text())
        }
    }

    static func describeSync(_ home: SchoolHome, _ e: SchoolSync.ExportResult, _ i: SchoolSync.ImportResult, _ console: Console) {
        let lines = home.syncReceipt(e, i)
        console.out(lines[0])
        describeHeld(e, home, console)
        for line in lines.dropFirst() { console.out(line) }
    }

    /// The district's corrections to this school's rows, and rows it gave to another school.
    static func describeCorrections(_ home: SchoolHome, _ i: SchoolSync.ImportResult, _ console: Console) {
        for line in (try? home.describeCorrections(i.corrections)) ?? [] { console.out(line) }
        if i.rowsMovedAway > 0 { console.out(Message.rowsMovedAway(i.rowsMovedAway).text()) }
    }

    /// Rows a bundle cannot carry are said on stderr, one line each, whatever the output format.
    static func describeHeld(_ e: SchoolSync.ExportResult, _ home: SchoolHome, _ console: Console) {
        let names = ReferenceResolver(database: home.database)
        for h in e.held {
            let name = (try? names.label(of: h.id, in: h.table)).flatMap { $0 }
            console.err("\(tool): " + Message.heldRow(h, name: name).text())
        }
    }

    /// A registry put back from an older copy is said on stderr, once, when the district's reply shows it.
    static func describeRestore(_ i: SchoolSync.ImportResult, _ console: Console) {
        guard let n = i.restampedRows else { return }
        console.err("\(tool): " + Message.restoredCopy(n).text())
    }

    static func resultJSON(_ e: SchoolSync.ExportResult?, _ i: SchoolSync.ImportResult?) -> [String: Any] {
        var o: [String: Any] = [:]
        if let e {
            o["exported"] = ["file": e.url.path, "rows": e.rows, "deletions": e.tombstones, "conflicts": e.conflicts,
                             "full": e.full, "bytes": e.bytes, "superseded": e.superseded, "medium": e.medium.rawValue,
                             "held": e.held.map { ["table": $0.table, "id": $0.id, "reason": $0.reason] }]
        }
        if let i {
            o["imported"] = ["files": i.files, "skipped": i.skipped, "rows_inserted": i.rowsInserted, "rows_changed": i.rowsChanged,
                             "rows_deleted": i.rowsDeleted, "conflicts": i.conflicts, "commands": i.commands,
                             "rejections": i.rejections.map { ["bundle": $0.bundle, "reason": $0.reason] }, "refused": i.refused,
                             "problems": i.problems, "replies_before_new_key": i.beforeNewKey, "removed_migration_copies": i.removedMigrationCopies]
        }
        return o
    }

    /// The school's half of the protocol, its progress drawn on the terminal.
    static func syncing(_ home: SchoolHome) -> SchoolSync {
        let sync = SchoolSync(home: home)
        sync.progress = TerminalProgress.watch
        return sync
    }

    static func sync(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv, ["share"])
        guard args.words.count == 1 else { throw UsageError(syntax: "sync --share DIR") }
        let share = try Share.open(fileURL(try args.required("share", .hintShare)))
        let home = try open(args, console)
        let r = try syncing(home).sync(share: share)
        if args.has("json") {
            console.json(resultJSON(r.export, r.imports))
            describeHeld(r.export, home, console)
        } else { describeSync(home, r.export, r.imports, console) }
        describeRestore(r.imports, console)
        if let problem = r.imports.problems.first {
            throw CommandFailure(Message.replyNotMerged(Share.printable(problem)).text())
        }
        if let problem = r.manifestProblem { throw CommandFailure(problem.text()) }
    }

    static func export(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv, ["out"])
        guard args.words.count == 1 else { throw UsageError(syntax: "export --out DIR") }
        let out = fileURL(try args.required("out", .hintOut))
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out.path, isDirectory: &isDir), isDir.boolValue else {
            throw CommandFailure(Message.notAFolder(out.path).text())
        }
        let home = try open(args, console)
        let e = try syncing(home).export(to: out)
        // Written into a share's inbox by hand: the courier's list must show it.
        if let share = Share.around(inbox: out) { try? Manifest.refresh(share, names: home.siteNames()) }
        describeHeld(e, home, console)
        if args.has("json") { console.json(resultJSON(e, nil)) } else {
            console.out(Message.wroteBundle(e.url.path, rows: e.rows, full: e.full).text())
        }
    }

    static func importFiles(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv)
        let files = Array(args.words.dropFirst())
        guard !files.isEmpty else { throw UsageError(syntax: "import FILE…") }
        // Paths a person typed: their links are theirs to follow (a share's never are).
        let home = try open(args, console)
        let i = try syncing(home).importFiles(files.map { fileURL($0).resolvingSymlinksInPath() })
        defer { if let p = i.problems.first, !i.files.isEmpty { console.err("\(tool): " + Message.replyNotMerged(Share.printable(p)).text()) } }
        describeRestore(i, console)
        if !i.problems.isEmpty && i.files.isEmpty { throw CommandFailure(Message.nothingMerged(Share.printable(i.problems[0])).text()) }
        if args.has("json") { console.json(resultJSON(nil, i)) } else {
            console.out(Message.mergedReplies(replies: i.files.count, inserted: i.rowsInserted, changed: i.rowsChanged, deleted: i.rowsDeleted, alreadyMerged: i.skipped.count).text())
            for r in home.refusalsToTell(i) { console.out(home.refusalMessage(bundle: r.bundle, reason: r.reason).text()) }
            describeCorrections(home, i, console)
            for name in i.removedMigrationCopies { console.out(Message.migrationCopyRemoved(name).text()) }
        }
    }

    static func status(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv, [], ["all"])
        try StatusCommands.school(args, try open(args, console), console)
    }

    static func registry(_ command: String, _ argv: [String], _ console: Console) throws {
        let args = try parse(argv, command == "put" ? ["set", "id"] : (command == "list" ? ["where"] : []), command == "put" ? ["another-person"] : [])
        let home = try open(args, console)
        switch command {
        case "put": try RegistryCommands.put(args, home.replica, console)
        case "list": try RegistryCommands.list(args, home.replica, console)
        default: try RegistryCommands.delete(args, home.replica, console)
        }
    }
}
