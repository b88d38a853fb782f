import Foundation
import MentorSyncEngine

/// The school's half of the file-drop protocol: export what the district has not acknowledged,
/// import the district's replies, carry out its commands, and keep the courier's manifest.
public final class SchoolSync {
    public let home: SchoolHome
    /// Progress of sending ("sending") and of each reply ("receiving"); silent unless the caller shows it.
    public var progress: (_ label: String) -> WorkProgress = { _ in .silent }
    /// A temporary file not written to for this long belongs to a writer that died: it is removed.
    public var staleTemporarySeconds: TimeInterval = 3600
    public init(home: SchoolHome) { self.home = home }

    public struct ExportResult: Sendable {
        public var url: URL
        public var rows: Int
        public var tombstones: Int
        public var conflicts: Int
        public var full: Bool
        public var bytes: Int
        public var superseded: Int
        /// Rows left out because a bundle cannot carry them (sent once fixed).
        public var held: [HeldRow] = []
        /// Rows an earlier bundle carried already, sent again as the district has not confirmed them.
        public var sentAgain = 0
        /// Set by `sync` when the reply it read just after confirmed the rows sent again.
        public var sentAgainConfirmed = false
        /// The counter the earlier bundles carried rows up to: the rows sent again are those up to it.
        public var againUpTo: Int64 = 0
        /// A full copy this school owed itself (a restore asked the district for one too), not ordered.
        public var fullOwn = false
        /// Where `sync` wrote the file (`export` writes into a folder: `.folder`).
        public var medium: ShareMedium = .folder
    }

    public struct ImportResult: Sendable {
        public var files: [String] = []
        public var skipped: [String] = []
        public var rowsChanged = 0
        public var rowsInserted = 0
        public var rowsDeleted = 0
        public var conflicts = 0
        public var commands: [String] = []
        public var rejections: [BundleHeader.Rejection] = []
        /// The reasons of `rejections` first heard with these replies: news, told even when the same
        /// replies settled them (the row brought back as the district holds it: RefusedRows).
        public var newRejections: Set<String> = []
        public var refused: [String] = []
        /// Replies signed with the key this school's new enrollment file replaced (written before the
        /// district had its new key in use): left alone, not a problem — the next reply is signed with
        /// the new key and carries what they did.
        public var beforeNewKey: [String] = []
        /// Replies that could not be merged, with the reason (they are left where they are).
        public var problems: [String] = []
        /// Set when the district credited this registry with writes it never sent (an older copy
        /// put back): how many rows written since were moved so that they travel.
        public var restampedRows: Int?
        /// Cells the district changed in this school's rows (its corrections), in merge order.
        public var corrections: [SchoolCorrection] = []
        /// Rows this school held that the district gave to another school.
        public var rowsMovedAway = 0
        /// The copies kept from before a migration, removed because this sync succeeded at the new version.
        public var removedMigrationCopies: [String] = []
        /// Network mentors of other schools the replies brought (offered to network mentoring).
        public var networkMentorsArrived = 0
    }

    /// Writes a bundle of every unacknowledged change into `directory`; older bundles of this
    /// school still waiting there are removed, since the new one carries all they did.
    public func export(to directory: URL) throws -> ExportResult {
        try home.checkThisComputer()
        // Its own leftovers only: the folder may be a share's inbox, other writers' files in it (`Share.sweepTemporaryFiles`).
        DurableFile.sweepStale(in: directory, olderThan: staleTemporarySeconds, finalName: { Share.isBundleName($0, of: self.home.site) })
        // Refusals heard before this program kept the rows they name (an upgraded home): noted now.
        let heard = try home.database.rows("SELECT reason FROM school_rejections").map { $0[0].displayText }
        if !heard.isEmpty { try home.database.transaction { try home.replica.noteRefusedRows(heard) } }
        let bar = progress("sending")
        defer { bar.finish() }
        // Writes since the last fold carry their new counters only once folded: a row sent before and
        // edited since is a new change, not one sent again (counted before the fold, it read as
        // "nothing new" once the reply confirmed its old state).
        try home.replica.fold()
        let sentUpTo = (try? home.replica.sentUpTo(home.district)) ?? nil
        let again = (try? sentUpTo.map { try home.replica.unacknowledgedRows(to: home.district, upTo: $0) } ?? 0) ?? 0
        let exchange = try home.replica.peer(home.district).fullExchange
        let summary = try home.replica.exportBundle(to: directory, recipient: home.district, key: try home.key(), progress: bar.update)
        var superseded = 0
        for url in Share.bundles(in: directory) where url != summary.url {
            // An older bundle is superseded only when the new one carries all it did:
            // a full re-send is replaced by another full one, never by an incremental one.
            guard let h = try? BundleReader.peekHeader(at: url).header, h.sender == home.site,
                  h.recipient == home.district, h.sequence < summary.header.sequence,
                  summary.header.isFull || !h.isFull else { continue }
            if (try? FileManager.default.removeItem(at: url)) != nil { superseded += 1 }
        }
        let h = summary.header
        return ExportResult(url: summary.url, rows: h.rowCount, tombstones: h.tombstoneCount, conflicts: h.conflictCount,
                            full: h.isFull, bytes: summary.bytes, superseded: superseded, held: summary.held,
                            sentAgain: h.isFull ? 0 : min(again, h.rowCount), againUpTo: sentUpTo ?? 0,
                            fullOwn: h.isFull && exchange.isRequested)
    }

    /// Merges replies from the district. A reply already merged is skipped; an old one changes nothing.
    public func importFiles(_ files: [URL]) throws -> ImportResult {
        var result = ImportResult()
        let networkMentorsBefore = try home.networkMentorCount()
        let key = try home.key()
        // Each file is opened once (its header read to order them, its body while it merges) and stands
        // alone: a damaged or misplaced one is reported and left where it is, the genuine ones merged.
        var readable: [BundleReader] = []
        var merged: [BundleHeader] = []
        var mergedAtCurrentSchema = false
        for url in files {
            if let why = Message.notAFile(RegularFile.kind(url)) { result.problems.append("\(url.lastPathComponent): \(why)"); continue }
            do {
                let reader = try BundleReader(url: url)
                if let why = misplaced(reader.header) { result.problems.append("\(url.lastPathComponent): \(why)"); continue }
                readable.append(reader)
            } catch let e as BundleError {
                result.problems.append("\(url.lastPathComponent): \(Message.replyDamaged(e).text())")
            } catch {
                result.problems.append("\(url.lastPathComponent): \(error)")
            }
        }
        for reader in readable.sorted(by: { $0.header.sequence < $1.header.sequence }) {
            let (url, header) = (reader.url, reader.header)
            let id = header.bundleIDHex
            if try home.database.scalar("SELECT 1 FROM school_imports WHERE bundle_id = ?", [.text(id)]) != nil {
                result.skipped.append(url.lastPathComponent)
                continue
            }
            let bar = progress("receiving")
            let report: MergeReport
            var corrections: [SchoolCorrection] = []
            var heard: [String] = []
            do {
                // The district sends this school's rows, its own, and the rows of other schools in
                // this school's network share (network mentors, pairs it is a party to): it routes.
                report = try home.replica.importBundle(from: reader, keyFor: { _ in key }, policy: MergePolicies.acceptAll,
                                                       progress: bar.update, afterMerge: { merged in
                    // What the reply said is recorded with its merge, in the same transaction.
                    heard = try self.record(header, of: url, id: id)
                    // Signed with the key in use now: the district has switched, and a file signed
                    // with the key it replaced is no longer an old reply to leave alone.
                    try self.home.database.execute("UPDATE school_identity SET previous_key = NULL")
                    corrections = try self.home.recordCorrections(merged, bundle: url.lastPathComponent, at: Replica.timestamp(), refusedNow: heard)
                })
                bar.finish()
            } catch BundleError.badSignature {
                bar.finish()
                // Signed with the key the new enrollment file replaced (checked with that key, so no
                // stray file passes as one): nothing to do, the next reply comes with the new key.
                if let previous = try? home.previousKey(), (try? BundleReader.verify(at: url, key: previous)) != nil {
                    result.beforeNewKey.append(url.lastPathComponent)
                } else if (try? home.previousKey()) == nil, try home.writtenBeforeEnrollment(header) {
                    // A home set up from a new enrollment file (a new computer after a theft) finds a
                    // reply written before the file was issued: not for its key, nothing to do.
                    result.beforeNewKey.append(url.lastPathComponent)
                } else {
                    result.problems.append("\(url.lastPathComponent): \(Message.replyOtherKey.text())")
                }
                continue
            } catch let e as BundleError {
                bar.finish()
                result.problems.append("\(url.lastPathComponent): \(Message.replyDamaged(e).text())")
                continue
            }
            result.files.append(url.lastPathComponent)
            merged.append(header)
            if header.schemaVersion == home.replica.schema.version { mergedAtCurrentSchema = true }
            result.rowsChanged += report.rowsChanged
            result.rowsInserted += report.rowsInserted
            result.rowsDeleted += report.rowsDeleted
            result.conflicts += report.conflictsDetected
            result.commands += header.commands.map(\.name)
            result.rejections += header.rejections
            result.newRejections.formUnion(heard)
            result.refused += report.refusals.map(\.reason)
            result.corrections += corrections
            result.rowsMovedAway += report.rowsMovedAway
            if let n = report.restampedRows { result.restampedRows = (result.restampedRows ?? 0) + n }
        }
        if !result.files.isEmpty {
            if let newest = merged.max(by: { $0.sequence < $1.sequence }),
               newest.sequence >= (try home.replica.peer(home.district).lastSequence) {
                try home.settleFileRefusalsNoLongerTold(newest.rejections)
            }
            try home.settleCorrectedRefusals()
            result.networkMentorsArrived = max(0, try home.networkMentorCount() - networkMentorsBefore)
        }
        result.removedMigrationCopies = removeMigrationCopies(after: result, mergedAtCurrentSchema: mergedAtCurrentSchema)
        return result
    }

    /// Notes a merged reply (so it is skipped when seen again), its rejections and its commands.
    /// Returns the reasons of the rejections heard for the first time (of any bundle) and not settled at once.
    private func record(_ header: BundleHeader, of url: URL, id: String) throws -> [String] {
        let now = Replica.timestamp()
        try home.database.execute("INSERT OR IGNORE INTO school_imports(bundle_id, name, merged_at) VALUES (?, ?, ?)",
                                  [.text(id), .text(url.lastPathComponent), .text(now)])
        let counter = try home.replica.counter()
        var heard: [String] = []
        for r in header.rejections {
            // The same refusal of a later bundle that carried the row again is not news.
            let new = try home.database.scalar("SELECT 1 FROM school_rejections WHERE reason = ?", [.text(r.reason)]) == nil
            try home.database.execute("INSERT OR IGNORE INTO school_rejections(bundle, reason, heard_at, counter_at) VALUES (?, ?, ?, ?)",
                                      [.text(r.bundle), .text(r.reason), .text(now), .integer(counter)])
            try home.settleIfOldKeyNews(bundle: r.bundle, reason: r.reason)
            if new, try !home.isSettled(r) { heard.append(r.reason) }
        }
        for c in header.commands {
            try home.database.execute("INSERT INTO school_commands(name, argument, bundle, carried_out_at) VALUES (?, ?, ?, ?)",
                                      [.text(c.name), .text(c.argument), .text(url.lastPathComponent), .text(now)])
        }
        return heard
    }

    /// Why a reply is not this school's to merge (nil when it is): it comes from another district, or
    /// it is addressed to another school (a courier put it in the wrong folder), so no key could help.
    func misplaced(_ header: BundleHeader) -> String? {
        if header.sender != home.district {
            return Message.replyFromOtherDistrict(header.sender.rawValue, district: home.district.rawValue).text()
        }
        if header.kind != .reply {
            return Message.notAReply(header.sender.rawValue).text()
        }
        if header.recipient != home.site {
            return Message.replyForAnotherSchool(header.recipient.rawValue, site: home.site.rawValue).text()
        }
        return nil
    }

    public struct SyncResult: Sendable {
        public var export: ExportResult
        public var imports: ImportResult
        /// Why the courier's list was not written (something that is not a file has its name); the
        /// exchange itself is done.
        public var manifestProblem: Message? = nil
    }

    /// Export to the share's inbox, then import everything in the share's outbox for this school.
    public func sync(share: Share) throws -> SyncResult {
        share.sweepTemporaryFiles(olderThan: staleTemporarySeconds, school: home.site)
        let medium = share.medium
        var exported = try export(to: share.inbox)
        exported.medium = medium
        var imported: ImportResult
        if let r = share.outboxRefusal(home.site) {
            imported = ImportResult()
            imported.problems.append(r.description)
        } else {
            let outbox = Share.scan(share.outbox(home.site))
            imported = try importFiles(outbox.bundles)
            imported.problems += outbox.refused.map(\.description)
        }
        // The reply read after sending may confirm what was sent again: then it is said so, not that
        // the district has not confirmed it (a sync sends first and reads the reply after).
        // Told of the rows sent again alone (those the earlier bundles carried): the new ones of this
        // file are not confirmed yet, and said so would read as the district's fault.
        if exported.sentAgain > 0, !imported.files.isEmpty {
            let unconfirmed = try home.replica.unacknowledgedRows(to: home.district, upTo: exported.againUpTo)
            if unconfirmed == 0 { exported.sentAgainConfirmed = true } else { exported.sentAgain = min(exported.sentAgain, unconfirmed) }
        }
        if imported.commands.contains(BundleHeader.Command.resync) {
            // The district asked for everything: send it now rather than at the next visit.
            exported = try export(to: share.inbox)
            exported.medium = medium
        }
        // A folder (or a pipe) planted under the list's name made the whole sync fail after it was
        // done, with no receipt: the exchange is told, and the list's trouble beside it.
        if share.manifestBlocked {
            return SyncResult(export: exported, imports: imported, manifestProblem: .manifestBlocked(share.manifest.path))
        }
        try Manifest.refresh(share, names: home.siteNames(), taken: home.mergedReplies())
        return SyncResult(export: exported, imports: imported)
    }
}
