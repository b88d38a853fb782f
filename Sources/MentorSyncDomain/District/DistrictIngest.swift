import Foundation
import MentorSyncEngine

/// One pass of the district daemon: take every finished bundle from a share's inbox (or loose
/// files), verify and merge each (in a savepoint of the pass's transaction, DistrictIngest+Pass),
/// archive or quarantine it, and write a fresh reply for each school concerned. `serve` is a loop
/// around `ingest(share:)`.
public final class DistrictIngest {
    public let home: DistrictHome
    public let log: EventLog
    /// A file that fails its check and changed less than this long ago may still be copying.
    public var settleSeconds: TimeInterval = 120
    /// Asked between bundles; true stops the pass after the bundle in hand.
    public var shouldStop: () -> Bool = { false }
    /// A temporary file on the share not written to for this long belongs to a writer that died.
    public var staleTemporarySeconds: TimeInterval = 3600
    let workDir: URL
    /// Refusals already logged by this process (a daemon logs each once, not every pass).
    var reported = Set<Share.Refusal>()
    /// The pass's open transaction (DistrictIngest+Pass): when it began, and the bundles merged in it.
    var passStarted: Date?
    /// Whether the open pass keeps its savepoints' journals in memory (`journalInMemoryBundleBytes`).
    var passJournalInMemory = false
    var staged: [Staged] = []
    /// Set once a bundle failed in this pass: the rest of it merges each bundle in a savepoint
    /// (DistrictIngest+Pass, `redoPassInSavepoints`).
    var passInSavepoints = false
    /// The pass's transaction commits at least this often, so other writers wait less than their busy timeout.
    public var passCommitSeconds: TimeInterval = 5
    /// The most page cache a pass may use (the registry's size and what its bundles add, up to this).
    public var passCacheLimitKiB = 512 * 1024
    var passCacheKiB = Database.Options().cacheSizeKiB
    /// The checkpoint of the last commit, running while the pass goes on (nil until the first, or if
    /// a second connection could not be opened: then SQLite checkpoints inside the commit as usual).
    lazy var passCheckpoint: PassCheckpoint? = try? PassCheckpoint(path: home.database.path)
    /// SQLite's own checkpoint setting while a pass keeps it off (`deferCheckpoint`), to put back.
    var autocheckpointBeforePass: Int64?

    public struct Outcome: Sendable {
        public var merged: [String] = []
        public var quarantined: [(name: String, reason: String)] = []
        public var leftForLater: [String] = []
        /// Of `leftForLater`, the bundles written by a newer mentorsync (they wait for an upgrade).
        public var waitingForUpgrade: [String] = []
        public var retryLater: [(name: String, reason: String)] = []
        public var replies: [URL] = []
        /// Things on the share left alone: links, folders or pipes under a bundle's name, linked outboxes.
        public var refused: [Share.Refusal] = []
        /// Temporary files of killed writers removed from the share.
        public var swept: [String] = []
        public var rowsChanged = 0
        public var refusals = 0
        public var conflicts = 0
        /// The copies kept from before a migration, removed because this pass succeeded.
        public var removedMigrationCopies: [String] = []
        /// Replies signed with a key the district revoked, taken off the share (`removeRevokedReplies`).
        public var revokedRepliesRemoved: [String] = []
        public var anyQuarantined: Bool { !quarantined.isEmpty }
    }

    public init(home: DistrictHome, log: EventLog = .standardError) throws {
        self.home = home
        self.log = log
        self.workDir = home.work.appendingPathComponent("\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    }

    /// Only an empty work folder is removed: a bundle left in it (its merge must be retried) is
    /// taken up by the next pass, like the work of a process that died.
    deinit { _ = rmdir(workDir.path) }

    // MARK: Passes

    /// One pass over a share: its inbox, then replies (to every enrolled school when `replyToAll`,
    /// as `serve` does on a network share; otherwise to schools that sent bundles or have a folder here).
    public func ingest(share: Share, replyToAll: Bool = false) throws -> Outcome {
        defer { finishCheckpoint() }
        home.removeOldWebEnrollmentFiles()
        passInSavepoints = false
        // Another program may have rebuilt a table since the last pass, taking capture with it.
        if let r = try home.replica.ensureCapture() {
            log.event("capture_rearmed", ["tables": r.tables.joined(separator: ","), "inserted": r.inserted, "updated": r.updated, "deleted": r.deleted])
        }
        var outcome = Outcome()
        var senders = Set<SiteID>()
        restoreStaleClaims(in: share.inbox)
        sweep(share, into: &outcome)
        defer { refreshManifest(share) }  // bundles taken or written, even when the pass fails midway
        var waiting: [String] = []
        defer { try? home.setSetting(DistrictIngest.newerSchemaSetting, waiting.isEmpty ? nil : waiting.joined(separator: ", ")) }
        defer { commitPass(into: &outcome) }  // what merged before a failure midway is kept
        try recoverAbandonedWork(into: &outcome, senders: &senders)
        let inbox = Share.scan(share.inbox)
        for r in inbox.refused { refuse(r, into: &outcome) }
        for file in inbox.bundles {
            if shouldStop() { break }
            guard let facts = FileFacts.of(file) else { continue }  // vanished: another daemon took it
            let recent = Date().timeIntervalSince(facts.lastChange) < settleSeconds
            if recent, (try? BundleReader.checkIntegrity(at: file)) == nil {
                outcome.leftForLater.append(file.lastPathComponent)
                log.event("bundle_waiting", ["file": file.lastPathComponent, "why": "incomplete and changed within \(Int(settleSeconds)) s; may still be copying"])
                continue
            }
            if let declared = newerSchema(file) {
                // Written by a newer agent: kept waiting in the inbox, not quarantined, until the district upgrades.
                outcome.leftForLater.append(file.lastPathComponent)
                outcome.waitingForUpgrade.append(file.lastPathComponent)
                waiting.append("\(file.lastPathComponent) (registry schema \(declared))")
                log.event("bundle_waiting", ["file": file.lastPathComponent, "why": "registry schema \(declared) is newer than this district's \(home.replica.schema.version); upgrade the district"])
                continue
            }
            guard let claimed = try claim(file, into: &outcome) else { continue }
            if let sender = process(claimed, name: file.lastPathComponent, into: &outcome) { senders.insert(sender) }
            commitPassIfDue(into: &outcome)
        }
        commitPass(into: &outcome)
        // Corrections typed since the last merge (`put`, a settled conflict) are still in the capture
        // log: folded now, they count as changes a school has not had, and a pass with no bundle
        // of that school answers it all the same.
        try home.replica.fold()
        var targets = senders.union(share.schoolsWithOutbox())
        if replyToAll { targets.formUnion(try home.schools().filter { $0.revokedAt == nil }.map(\.site)) }
        for school in targets.sorted() where try home.isEnrolled(school) && home.schoolKeys(school).revokedAt == nil {
            if let r = share.outboxRefusal(school) { refuse(r, into: &outcome); continue }
            if let url = try writeReplyIfNeeded(to: school, share: share, force: senders.contains(school)) {
                outcome.replies.append(url)
            }
        }
        outcome.revokedRepliesRemoved = removeRevokedReplies(share)
        outcome.removedMigrationCopies = removeMigrationCopies(after: outcome)
        return outcome
    }

    /// Merges loose files given by path (they are copied, not moved); replies go to `replyShare` if given.
    /// A path that is not a readable regular file is an error before anything is merged: a typo
    /// is not a bundle to quarantine.
    public func ingest(files: [URL], replyShare: Share? = nil) throws -> Outcome {
        let files = files.map { $0.resolvingSymlinksInPath() }  // paths a person typed: their links are theirs
        for file in files {
            if let why = Message.notAFile(RegularFile.kind(file)) { throw MessageError(.cannotIngest(file.path, why.text())) }
            guard access(file.path, R_OK) == 0 else { throw MessageError(.cannotIngest(file.path, String(cString: strerror(errno)))) }
        }
        defer { finishCheckpoint() }
        home.removeOldWebEnrollmentFiles()
        passInSavepoints = false
        var outcome = Outcome()
        var senders = Set<SiteID>()
        defer { if let replyShare { refreshManifest(replyShare) } }
        defer { commitPass(into: &outcome) }
        try recoverAbandonedWork(into: &outcome, senders: &senders)
        for file in files {
            if shouldStop() { break }
            let copy = workDir.appendingPathComponent(file.lastPathComponent)
            do {
                try RegularFile.copy(file, to: copy)
            } catch {
                let reason = DistrictIngest.isNoSpace(error) ? "the district's disk is full" : "\(error)"
                outcome.retryLater.append((file.lastPathComponent, reason))
                log.event("bundle_retry", ["file": file.lastPathComponent, "reason": reason])
                continue
            }
            if let sender = process(copy, name: file.lastPathComponent, into: &outcome) { senders.insert(sender) }
            commitPassIfDue(into: &outcome)
        }
        commitPass(into: &outcome)
        if let replyShare {
            for school in senders.sorted() {
                if let r = replyShare.outboxRefusal(school) { refuse(r, into: &outcome); continue }
                if let url = try writeReplyIfNeeded(to: school, share: replyShare, force: true) { outcome.replies.append(url) }
            }
        }
        outcome.removedMigrationCopies = removeMigrationCopies(after: outcome)
        return outcome
    }

    // MARK: Merging one bundle

    /// Verifies and merges a bundle in the work folder in the pass's transaction (archived once it
    /// commits), or quarantines it. Returns the sender when it could be named (so it hears back).
    func process(_ file: URL, name: String, into outcome: inout Outcome) -> SiteID? {
        var sender: SiteID?
        defer { noticeLostPass(into: &outcome) }
        do {
            // The file is opened once: its header read here, its body while it merges.
            let reader = try BundleReader(url: file)
            let header = reader.header
            sender = header.sender
            log.event("bundle_received", ["file": name, "site": header.sender, "sequence": header.sequence, "rows": header.rowCount])
            guard header.recipient == home.site else {
                throw BundleError.misaddressed(recipient: header.recipient.rawValue, expected: home.site.rawValue)
            }
            guard header.kind == .changes else { throw BundleError.malformed("it is a reply, not a school's changes") }
            try openPass(bundleBytes: FileFacts.of(file)?.size ?? 0, into: &outcome)
            let direct = !passInSavepoints
            home.replica.mergesInOpenTransaction = direct
            defer { home.replica.mergesInOpenTransaction = false }
            let report: MergeReport
            do {
                // What the district records about the bundle commits with its merge, or not at all.
                report = try mergeTryingKeys(reader, retryingKeys: !direct) { report in
                    let scratch = report.refusals.isEmpty ? nil : try? NamingScratch()
                    // Every refusal the school can be told of is kept (it sends each row it hears of
                    // whole); the first `valuesKept` with the row's name its values gave.
                    for (i, r) in report.refusals.prefix(DistrictHome.refusalsTold).enumerated() {
                        let label = i < RowRefusal.valuesKept
                            ? RowNames.label(of: r.table, id: r.id, values: r.values, registry: home.database, scratch: scratch) : nil
                        try home.recordRejection(site: header.sender, bundle: name, reason: r.reason, label: label)
                    }
                    try home.recordWriterClock(header)
                    try home.ownBundleMerged(header.sender)
                }
            } catch where direct {
                // What it wrote before it failed cannot be taken out of the pass alone.
                redoPassInSavepoints(into: &outcome)
                return process(file, name: name, into: &outcome)
            }
            // A school starting afresh (a new machine, a restore) asks for everything it should hold.
            if !report.fullExchangeBefore.sendsFull && report.fullExchange.sendsFull {
                log.event("full_copy_requested", ["site": header.sender])
            }
            if report.fullExchangeBefore.isRequested && !report.fullExchange.isRequested {
                log.event("full_resend_received", ["site": header.sender])
            }
            staged.append(Staged(file: file, name: name, report: report))
            log.event("bundle_staged", ["file": name, "site": header.sender, "changed": report.rowsChanged])
            return header.sender
        } catch let e as SQLiteError where e.isBusy || e.isDiskFull || e.primaryCode == 10 /* SQLITE_IOERR */ {
            // The district's own trouble, not the bundle's: keep it for the next pass.
            outcome.retryLater.append((name, e.message))
            log.event("bundle_retry", ["file": name, "reason": e.isDiskFull ? "the district's disk is full" : e.message])
            return nil
        } catch {
            if case .revokedKey? = error as? BundleError, archivedCopy(of: file, name: name) {
                // A file merged before its key was revoked, dropped on the share again (an old stick):
                // the very bytes the district merged then, not the lost computer's — archived again,
                // as a merged bundle met twice is, and no alarm.
                if let dir = try? archive(file, name: name) { try? DurableFile.syncDirectory(dir) }
                log.event("bundle_replayed", ["file": name, "site": sender?.rawValue ?? ""])
                return nil
            }
            let reason = "\(error)"
            // Only a file signed with the school's key is the school's: anyone can write its name in a
            // header, and forgeries must not push its genuine rejections out of the list it is told.
            let genuine = sender.map { isSigned(file, by: $0) } ?? false
            quarantine(file, name: name, reason: reason)
            outcome.quarantined.append((name, reason))
            if let sender, (try? home.isEnrolled(sender)) == true {
                if genuine {
                    try? home.recordRejection(site: sender, bundle: name, reason: reason)
                } else {
                    // The revoked computer's files are the coordinator's to know, not the school's.
                    var told = true, stray = false
                    if case .revokedKey(_, let revokedOn)? = error as? BundleError {
                        told = false
                        // The school has had a bundle accepted since that key was revoked (its new key in
                        // use): the file is another computer's — the lost or stolen one. Told by the
                        // district's own clock, in the order the files are taken, so no file's claim of
                        // when it was written decides it.
                        let accepted = ((try? home.replica.peer(sender).lastBundleAt) ?? nil) ?? ""
                        stray = !revokedOn.isEmpty && accepted > revokedOn
                    }
                    try? home.recordForgery(naming: sender, bundle: name, reason: reason, told: told, stray: stray)
                }
            } else if case .damaged? = error as? BundleError, let named = home.school(namedByFile: name) {
                // Cut short before its header could be read (a stick pulled out while copying): its
                // name tells whose it is — listed under that school, and the school hears its file
                // arrived damaged (its changes come with its next file); nothing of it is taken.
                try? home.recordForgery(naming: named, bundle: name, reason: reason)
            } else {
                // Not a bundle, or one naming no school of this district: the coordinator still sees it.
                try? home.recordForgery(naming: nil, bundle: name, reason: reason)
            }
            log.event("rejected", ["file": name, "site": sender.map { $0.rawValue } ?? "?", "reason": reason])
            return sender
        }
    }

    /// True when the file is signed with a key the district holds for `school` (current or previous).
    func isSigned(_ file: URL, by school: SiteID) -> Bool {
        guard let keys = try? home.schoolKeys(school) else { return false }
        return ([keys.current] + (keys.previous.map { [$0] } ?? [])).contains { (try? BundleReader.verify(at: file, key: $0)) != nil }
    }

    /// `retryingKeys`: a bundle that fails with the school's current key is read again with its
    /// previous one — only in a savepoint, which takes out what the first try wrote.
    private func mergeTryingKeys(_ opened: BundleReader, retryingKeys: Bool,
                                 afterMerge: (MergeReport) throws -> Void) throws -> MergeReport {
        let file = opened.url
        let school = opened.header.sender
        let keys = try home.schoolKeys(school)
        if let since = keys.revokedAt { throw BundleError.revoked(sender: school.rawValue, since: since) }
        var candidates: [(key: [UInt8], previous: Bool)] = [(keys.current, false)]
        if keys.previousValid, let p = keys.previous { candidates.append((p, true)) }
        for (i, c) in candidates.enumerated() {
            do {
                // Only a bundle signed with the previous key is read a second time.
                let reader = i == 0 ? opened : try BundleReader(url: file)
                return try home.replica.importBundle(from: reader, keyFor: { _ in c.key }, policy: MergePolicies.schoolsWriteOwnRows,
                                                     conflictPolicy: MergePolicies.schoolsReportOwnConflicts,
                                                     afterMerge: { report in
                    try self.home.noteKeyUsed(school, previous: c.previous)
                    try afterMerge(report)
                })
            } catch BundleError.badSignature where retryingKeys {
                continue
            }
        }
        // Signed with a key whose grace period is over: say so, and how to fix it.
        if let p = keys.previous, !keys.previousValid, (try? BundleReader.verify(at: file, key: p)) != nil {
            throw BundleError.expiredKey(sender: school.rawValue, until: keys.previousUntil ?? "")
        }
        // Signed with the key the school had when it was revoked: its lost or stolen computer.
        for revoked in try home.revokedKeys(school) where (try? BundleReader.verify(at: file, key: revoked.key)) != nil {
            throw BundleError.revokedKey(sender: school.rawValue, revokedOn: revoked.on)
        }
        throw BundleError.badSignature(sender: school.rawValue)
    }

    /// Moves a merged bundle into this month's archive folder; returns the folder. The caller
    /// flushes it once for all the bundles it archives: a bundle whose move a power cut undoes is
    /// back in the work folder, and the next pass merges it again (to no change) and archives it.
    func archive(_ file: URL, name: String) throws -> URL {
        let day = String(Replica.timestamp().prefix(7))  // archive/2026-11/
        let dir = home.archive.appendingPathComponent(day)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = uniqueName(in: dir, name)
        try DurableFile.rename(file, to: target, flushingFolder: false)
        return dir
    }

    /// Whether the archive holds this very file under its name (merged in some month before).
    func archivedCopy(of file: URL, name: String) -> Bool {
        guard let months = try? FileManager.default.contentsOfDirectory(at: home.archive, includingPropertiesForKeys: nil) else { return false }
        return months.contains { SameFile.contents(file, $0.appendingPathComponent(name)) }
    }

    private func quarantine(_ file: URL, name: String, reason: String) {
        let target = uniqueName(in: home.quarantine, name)
        do {
            try DurableFile.rename(file, to: target)
            // The reason as the log says it, and in Russian for the coordinator who opens the file; each
            // on one line, as the name they may quote.
            let note = "bundle: \(Share.printable(name))\nquarantined: \(Replica.timestamp())\nreason: \(Share.printable(reason))\n"
                + "причина: \(Share.printable(Message.reason(reason, quarantined: true).russian))\n"
            try DurableFile.write(Data(note.utf8), to: target.appendingPathExtension("reason.txt"))
        } catch {
            log.event("quarantine_failed", ["file": name, "reason": "\(error)"])
        }
    }

    private func uniqueName(in dir: URL, _ name: String) -> URL {
        var url = dir.appendingPathComponent(name)
        var n = 1
        while FileManager.default.fileExists(atPath: url.path) {
            url = dir.appendingPathComponent("\(name).\(n)")
            n += 1
        }
        return url
    }
}
