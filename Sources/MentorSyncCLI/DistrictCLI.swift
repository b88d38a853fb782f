import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// `mentorsync-district`: the district daemon and the coordinator's commands.
public enum DistrictCLI {
    static let tool = "mentorsync-district"


    /// Runs one command; returns the exit code (0 ok, 1 failure, 2 usage, 3 quarantined).
    public static func main(_ argv: [String], console: Console = .standard) -> Int32 {
        CommandRunner.run(tool: tool, help: CommandHelp.district, argv: argv, console: console) { command in
            switch command {
            case "init": try initHome(argv, console)
            case "enroll": try enroll(argv, console)
            case "serve": return try serve(argv, console)
            case "ingest": return try ingest(argv, console)
            case "status": try status(argv, console)
            case "web": return try WebCommands.web(argv, school: false, console: console)
            case "web-password": try WebCommands.password(argv, school: false, console: console)
            case "conflicts": try conflicts(argv, console)
            case "resync": try resync(argv, console)
            case "revoke": try revoke(argv, console)
            case "put", "list", "delete": try registry(command, argv, console)
            case "report":
                let a = try parse(argv, ReportCommands.reportOptions)
                try ReportCommands.report(a, try open(a, console).database, console)
            case "events":
                let a = try parse(argv, ["site", "period"], ["overdue"])
                try ReportCommands.events(a, try open(a, console).database, console, district: true)
            case "indicators":
                let a = try parse(argv)
                try ReportCommands.indicators(a, try open(a, console).database, console)
            case "seed-demo":
                let a = try parse(argv, ["schools", "scale", "seed", "enroll-dir"])
                try ReportCommands.seedDemo(a, try open(a, console), console)
            case "backup": try BackupCommands.backup(argv, role: .district, console: console)
            case "restore": try BackupCommands.restore(argv, role: .district, console: console)
            default: throw UsageError(Message.unknownCommand(command).text())
            }
            return 0
        }
    }

    static func site(_ raw: String) throws -> SiteID {
        guard let s = SiteID(raw) else { throw UsageError(Message.badSchoolCode(raw)) }
        return s
    }

    static func initHome(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv, ["site", "name"])
        guard args.words.count == 1 else { throw UsageError(syntax: "init --name NAME [--site district]") }
        let site = try site(args.value("site") ?? "district")
        let name = try args.required("name", .hintDistrictName)
        let home = try DistrictHome.create(at: homeURL(args), site: site, name: name)
        if args.has("json") { console.json(["home": home.url.path, "site": site.rawValue, "name": name]) } else {
            console.out(Message.districtCreated(name: name, site: site.rawValue, home: home.url.path).text())
            console.out(Message.districtNext(tool).text())
        }
    }

    static func enroll(_ args0: [String], _ console: Console) throws {
        let args = try parse(args0, ["site", "name", "out", "grace-days"], ["again"])
        guard args.words.count == 1 else { throw UsageError(syntax: "enroll --site SITE --name NAME --out FILE [--again] [--grace-days N]") }
        let grace = try args.value("grace-days").map { v -> Int in
            guard let n = Int(v), (0...365).contains(n) else { throw UsageError(Message.optionNumber("grace-days", 0, 365, unit: ("a number of days", "число дней"))) }
            return n
        } ?? 30
        let school = try site(try args.required("site", .hintSite))
        let home = try open(args, console)
        let rotated = try home.isEnrolled(school)
        // Enrolled again, the school keeps its name unless a new one is given.
        let known = rotated && args.has("again") && args.value("name") == nil ? try home.schools().first { $0.site == school }?.name : nil
        let name = try known ?? args.required("name", .hintSchoolName)
        let out = fileURL(try args.required("out", .hintEnrollOut))
        let wasRevoked = try rotated && home.schoolKeys(school).revokedAt != nil
        // A school enrolled already gets a new key only when that is what is meant: a code typed
        // twice renamed a school and replaced its key without a word.
        if rotated && !args.has("again") {
            let current = try home.schools().first { $0.site == school }?.name ?? school.rawValue
            throw CommandFailure(Message.enrolledAlready(school.rawValue, name: current, revoked: wasRevoked).text())
        }
        try home.enroll(site: school, name: name, out: out, graceDays: grace)
        if args.has("json") { console.json(["site": school.rawValue, "name": name, "enrollment_file": out.path, "key_rotated": rotated]) } else {
            console.out(Message.enrolled(site: school.rawValue, name: name, rotated: rotated, graceDays: grace, wasRevoked: wasRevoked).text())
            console.out(Message.enrollmentFile(out.path).text())
            console.out(Message.webAtTheSchool(out.lastPathComponent, again: rotated).text())
        }
    }

    static func serve(_ argv: [String], _ console: Console) throws -> Int32 {
        let args = try parse(argv, ["share", "interval"])
        guard args.words.count == 1 else { throw UsageError(syntax: "serve --share DIR [--interval SECONDS]") }
        let shareURL = fileURL(try args.required("share", .hintServeShare))
        let interval = try args.value("interval").map { v -> TimeInterval in
            guard let n = Double(v), n >= 1, n <= 86400 else { throw UsageError(Message.optionNumber("interval", 1, 86400, unit: ("seconds", "секунды"))) }
            return n
        } ?? 30
        let home = try open(args, console)
        // Never run on a damaged registry: say how to restore it instead.
        let check = try home.database.scalar("PRAGMA quick_check")?.text ?? "?"
        guard check == "ok" else {
            throw CommandFailure(Message.registryFailedCheck(String(check.prefix(120))).text())
        }
        let lock = try DistrictDaemon.lock(home: home.url)
        defer { close(lock) }
        let share = try Share.prepare(shareURL)
        let ingest = try DistrictIngest(home: home, log: .standardError)
        let daemon = DistrictDaemon(ingest: ingest, share: share, interval: interval)
        let signals = DaemonSignals.install(stop: daemon.stop, log: ingest.log)
        withExtendedLifetime(signals) { daemon.run() }
        return 0
    }

    static func ingest(_ argv: [String], _ console: Console) throws -> Int32 {
        let args = try parse(argv, ["share", "settle"])
        let settle = try args.value("settle").map { v -> TimeInterval in
            guard let n = Double(v), n >= 0, n <= 86400 else { throw UsageError(Message.optionNumber("settle", 0, 86400, unit: ("seconds", "секунды"))) }
            return n
        }
        let files = Array(args.words.dropFirst())
        let home = try open(args, console)
        // At a terminal the person reads the receipt; the log lines go to a file in the home (a
        // script, a unit or a pipe still gets them on stderr).
        let logFile = home.url.appendingPathComponent("ingest.log")
        let atTerminal = !args.has("json") && isatty(STDERR_FILENO) != 0
        let ingest = try DistrictIngest(home: home, log: args.has("json") ? .silent : atTerminal ? .appending(to: logFile) : .standardError)
        if let settle { ingest.settleSeconds = settle }
        let outcome: DistrictIngest.Outcome
        let started = Replica.timestamp()
        if let shareDir = args.value("share") {
            guard files.isEmpty else { throw UsageError(Message.shareOrFiles) }
            let folder = fileURL(shareDir)
            let fresh = RegularFile.kind(folder.appendingPathComponent("inbox")) != .directory
            outcome = try ingest.ingest(share: try Share.prepare(folder))
            // A folder made ready for exchange here: said, so the person knows it can go to a school now.
            if fresh && !args.has("json") { console.out(Message.sharePrepared(folder.path).text()) }
        } else {
            guard !files.isEmpty else { throw UsageError(syntax: "ingest --share DIR, or ingest FILE…") }
            outcome = try ingest.ingest(files: files.map(fileURL))
        }
        if args.has("json") {
            console.json([
                "merged": outcome.merged, "quarantined": outcome.quarantined.map { ["file": $0.name, "reason": $0.reason] },
                "waiting": outcome.leftForLater, "retry_later": outcome.retryLater.map { ["file": $0.name, "reason": $0.reason] },
                "replies": outcome.replies.map(\.path), "rows_changed": outcome.rowsChanged, "refused_rows": outcome.refusals,
                "conflicts": outcome.conflicts, "refused": outcome.refused.map { ["path": $0.path, "reason": $0.reason] },
                "temporary_files_removed": outcome.swept, "removed_migration_copies": outcome.removedMigrationCopies,
                "revoked_replies_removed": outcome.revokedRepliesRemoved,
            ])
        } else {
            console.out(Message.mergedBundles(outcome.merged.count, rowsChanged: outcome.rowsChanged, conflicts: outcome.conflicts, refused: outcome.refusals).text())
            for q in outcome.quarantined { console.out(Message.quarantined(Share.printable(q.name), reason: .reason(Share.printable(q.reason), quarantined: true)).text()) }
            // Which rows were refused and why, as `status` lists them (the quarantined files are above).
            if outcome.refusals > 0 {
                for line in try home.recentRefusals(since: started, rowsOnly: true).lines { console.paragraph(line.text(), first: "  ", indent: "    ") }
            }
            for w in outcome.leftForLater {
                // A name is one line of the receipt (a line break planted in it would add a false one).
                let name = Share.printable(w)
                console.out((outcome.waitingForUpgrade.contains(w) ? Message.waitingForUpgrade(name, schema: home.replica.schema.version)
                                                                   : Message.leftForLater(name, settleSeconds: Int(ingest.settleSeconds))).text())
            }
            for r in outcome.retryLater { console.out(Message.willRetry(Share.printable(r.name), reason: Share.printable(r.reason)).text()) }
            for r in outcome.refused { console.out(Message.leftAlone(Share.printable("\(r)")).text()) }
            if !outcome.swept.isEmpty { console.out(Message.removedTemporary(outcome.swept.count).text()) }
            if !outcome.replies.isEmpty {
                // Each reply by the school it is for, as she knows it.
                let names = home.siteNames()
                let schools = outcome.replies.map { url -> String in
                    let site = BundleFileName(url.lastPathComponent)?.recipient ?? url.lastPathComponent
                    return SiteID(site).flatMap { names[$0] } ?? site
                }
                console.out(Message.wroteReplies(to: schools).text())
            }
            for name in outcome.removedMigrationCopies { console.out(Message.districtMigrationCopyRemoved(name).text()) }
            if !outcome.revokedRepliesRemoved.isEmpty { console.out(Message.revokedRepliesRemoved(outcome.revokedRepliesRemoved.count).text()) }
            if atTerminal, FileManager.default.fileExists(atPath: logFile.path) { console.out(Message.ingestLogWritten(logFile.path).text()) }
        }
        return outcome.anyQuarantined ? 3 : (outcome.retryLater.isEmpty && outcome.refused.isEmpty ? 0 : 1)
    }

    static func status(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv)
        guard args.words.count == 1 else { throw UsageError(syntax: "status [--json]") }
        try StatusCommands.district(args, try open(args, console), tool: tool, console)
    }

    static func conflicts(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv, ["keep", "value", "site", "field"], ["all", "dry-run"])
        let sub = args.words.count > 1 ? args.words[1] : "list"
        // A usage error is found before the registry is opened: it changes nothing.
        guard ["list", "show", "resolve"].contains(sub) else { throw UsageError(Message.unknownCommand("conflicts \(sub)").text()) }
        if sub == "resolve", args.has("all") {
            let (school, keep) = try conflictBatchChoice(args)
            return try ConflictCommands.resolveAll(args, school, keep, try open(args, console), console)
        }
        // The batch's options elsewhere (a --dry-run with one conflict's resolve would settle it unseen).
        if let option = ["dry-run", "site", "field"].first(where: { args.has($0) || !args.all($0).isEmpty }) { throw UsageError(Message.conflictBatchOnly(option).text()) }
        let choice = sub == "resolve" ? try conflictChoice(args) : nil
        let home = try open(args, console)
        switch sub {
        case "list": try ConflictCommands.list(args, home, console)
        case "show": try ConflictCommands.show(args, home, console)
        case "resolve":
            guard let choice else { throw UsageError(Message.resolveUsage(tool).text()) }
            try ConflictCommands.resolve(args, choice, home, console)
        default:
            throw UsageError(Message.unknownCommand("conflicts \(sub)").text())
        }
    }

    /// `resolve ID --keep mine|theirs` or `resolve ID --value TEXT`; any other `--keep` is a usage error.
    static func conflictChoice(_ args: Arguments) throws -> ConflictChoice {
        let usage = Message.resolveUsage(tool)
        guard args.words.count == 3, args.all("keep").count + args.all("value").count == 1 else { throw UsageError(usage.text()) }
        if let value = args.value("value") { return value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? .emptied : .value(value) }
        let word = args.value("keep") ?? ""
        guard let choice = ConflictChoice(keep: word) else { throw UsageError(Message.resolveBadKeep(word, tool: tool).text()) }
        return choice
    }

    /// `resolve --all --site SITE --keep school|district|mine|theirs [--field F] [--dry-run]`: a school's conflicts at once.
    static func conflictBatchChoice(_ args: Arguments) throws -> (SiteID, ConflictBatch.Keep) {
        let usage = Message.conflictBatchUsage(tool)
        guard args.words.count == 2, args.all("keep").count == 1, args.all("value").isEmpty, let raw = args.value("site") else { throw UsageError(usage.text()) }
        let word = args.value("keep") ?? ""
        guard let keep = ConflictBatch.Keep(rawValue: word) else { throw UsageError(Message.conflictBatchBadKeep(word).text()) }
        return (try site(raw), keep)
    }

    static func resync(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv, ["site"])
        let school = try site(try args.required("site", .hintResyncSite))
        let home = try open(args, console)
        try home.orderResync(school)
        if args.has("json") { console.json(["site": school.rawValue, "resync_pending": true]) } else {
            console.out(Message.resyncOrdered(school.rawValue, name: home.siteNames()[school] ?? school.rawValue).text())
        }
    }

    static func revoke(_ argv: [String], _ console: Console) throws {
        let args = try parse(argv, ["site"])
        let school = try site(try args.required("site", .hintRevokeSite))
        let home = try open(args, console)
        try home.revoke(school)
        if args.has("json") { console.json(["site": school.rawValue, "revoked": true]) } else {
            console.out(Message.revoked(school.rawValue, name: home.siteNames()[school] ?? school.rawValue).text())
        }
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
