import Foundation
import MentorSyncEngine

/// A pass merges its bundles in one write transaction of the district's database, straight into
/// it (`Replica.mergesInOpenTransaction`). When a bundle fails, the pass is rolled back and its
/// bundles merged again, each in a savepoint of a new transaction (`Database.transaction` nests), as
/// is every later bundle of the pass: the one that fails is rolled back alone, and the others
/// commit together. Bundles of random keys merged one transaction each rewrite most pages
/// of the registry once per bundle; in one transaction, with a page cache that holds what the pass
/// touches, each page is written about once per pass.
///
/// A bundle is archived, and its merge logged (`merged`), only after the transaction commits. A
/// process killed before that leaves its bundles in the work folder; the next pass merges them
/// again, which changes nothing that had committed (merging is idempotent). The transaction
/// commits at least every `passCommitSeconds`, so other writers (the CLI, the web app) wait less
/// than their busy timeout.
extension DistrictIngest {
    /// A bundle merged in the pass's open transaction, archived once it commits.
    struct Staged {
        var file: URL
        var name: String
        var report: MergeReport
    }

    /// Bundles up to this size (of their file) are merged with their savepoint's journal in memory.
    /// SQLite keeps the original of every page a savepoint changes in that journal, by default in a
    /// temporary file: the first load wrote 3.7 GiB of them there (500,000 rows). A bundle of this
    /// size (about 10,000 rows) changes at most about 30,000 pages, so its journal stays bounded.
    static let journalInMemoryBundleBytes = 512 * 1024

    /// Opens the pass's transaction if none is open, and grows the page cache to hold the registry
    /// and what this bundle adds (`bundleBytes`, its file's size). A bundle too big for a journal in
    /// memory is merged in a transaction of its own with the journal in a file.
    func openPass(bundleBytes: Int, into outcome: inout Outcome) throws {
        let db = home.database
        let inMemory = bundleBytes <= DistrictIngest.journalInMemoryBundleBytes
        if passStarted != nil && passJournalInMemory && !inMemory { commitPass(into: &outcome) }
        let pages = try db.scalar("PRAGMA page_count")?.integer ?? 0
        let pageSize = try db.scalar("PRAGMA page_size")?.integer ?? 4096
        let wanted = min(passCacheLimitKiB, max(Database.Options().cacheSizeKiB, Int(pages * pageSize) / 1024 + 32 * bundleBytes / 1024))
        if wanted > passCacheKiB {
            try db.execute("PRAGMA cache_size = -\(wanted)")
            passCacheKiB = wanted
        }
        guard passStarted == nil else { return }
        // Read when the transaction begins: it decides where its savepoints keep their journals.
        // https://www.sqlite.org/pragma.html#pragma_temp_store
        try db.execute("PRAGMA temp_store = \(inMemory ? "MEMORY" : "DEFAULT")")
        passJournalInMemory = inMemory
        try db.execute("BEGIN IMMEDIATE")
        passStarted = Date()
        // Capture stays off for the whole pass: what it merges and records is not a local edit.
        try db.setTriggersEnabled(false)
    }

    /// Commits once the transaction has been open for `passCommitSeconds`.
    func commitPassIfDue(into outcome: inout Outcome) {
        guard let t = passStarted, Date().timeIntervalSince(t) >= passCommitSeconds else { return }
        commitPass(into: &outcome)
    }

    /// After a bundle failed: an error that rolled back the whole transaction (a full disk, an I/O
    /// error) took the bundles merged before it too; they are retried by the next pass.
    func noticeLostPass(into outcome: inout Outcome) {
        if passStarted != nil && !home.database.isInTransaction { commitPass(into: &outcome) }
    }

    /// Commits the pass's transaction, then archives and reports the bundles merged in it. If it
    /// cannot commit, none of them is kept: they stay in the work folder for the next pass.
    func commitPass(into outcome: inout Outcome) {
        guard passStarted != nil else { return }
        let db = home.database
        let staged = self.staged
        self.staged = []
        passStarted = nil
        defer {
            try? db.setTriggersEnabled(true)
            // Sorts and temporary tables of what follows (replies, status) use files again.
            if passJournalInMemory {
                try? db.execute("PRAGMA temp_store = DEFAULT")
                passJournalInMemory = false
            }
            if passCacheKiB > Database.Options().cacheSizeKiB {
                try? db.execute("PRAGMA cache_size = -\(Database.Options().cacheSizeKiB)")
                passCacheKiB = Database.Options().cacheSizeKiB
            }
        }
        var failure: String?
        if db.isInTransaction {
            deferCheckpoint()
            do {
                // Conflicts whose field a change merged now replaced are moot (kept, either side would undo it).
                // In a savepoint of its own: a conflict it cannot read (a damaged row clock) costs the
                // settling alone, never the bundles merged in this pass.
                do {
                    let replaced = try db.savepoint("msync_settle") { try home.settleReplacedConflicts() }
                    if replaced > 0 { log.event("conflicts_replaced", ["count": replaced]) }
                } catch {
                    log.event("conflicts_replaced_failed", ["reason": "\(error)"])
                }
                try db.execute("COMMIT")
                passCheckpoint?.start()
            } catch {
                home.replica.rollBackOpenTransaction()
                failure = (error as? SQLiteError).map { $0.isDiskFull ? "the district's disk is full" : $0.message } ?? "\(error)"
            }
        } else {
            failure = "the pass's transaction was rolled back by an error in a later bundle"
        }
        if let failure {
            for s in staged {
                outcome.retryLater.append((s.name, failure))
                log.event("bundle_retry", ["file": s.name, "reason": failure])
            }
            return
        }
        var archived: Set<URL> = []
        for s in staged { if let dir = finish(s, into: &outcome) { archived.insert(dir) } }
        for dir in archived { try? DurableFile.syncDirectory(dir) }
    }

    /// A committed bundle: archived, counted and logged. Returns the archive folder it went to.
    private func finish(_ s: Staged, into outcome: inout Outcome) -> URL? {
        let report = s.report
        let header = report.header
        var folder: URL?
        do {
            folder = try archive(s.file, name: s.name)
        } catch {
            // Merged and committed: left in the work folder, the next pass merges it again (to no change) and archives it.
            log.event("archive_failed", ["file": s.name, "reason": "\(error)"])
        }
        outcome.merged.append(s.name)
        outcome.rowsChanged += report.rowsChanged
        outcome.refusals += report.refusals.count
        outcome.conflicts += report.conflictsDetected + report.conflictsReceived
        log.event(report.changedNothing ? "merged_nothing_new" : "merged", [
            "file": s.name, "site": header.sender, "rows": report.rowsReceived, "changed": report.rowsChanged,
            "refused": report.refusals.count, "conflicts": report.conflictsDetected + report.conflictsReceived,
        ])
        return folder
    }

    /// Before the pass commits: the checkpoint of an earlier commit finished, and the one of this
    /// commit left to `passCheckpoint` instead of the COMMIT itself.
    func deferCheckpoint() {
        guard let checkpoint = passCheckpoint else { return }
        if let error = checkpoint.wait() { log.event("checkpoint_failed", ["reason": "\(error)"]) }
        if autocheckpointBeforePass == nil {
            autocheckpointBeforePass = try? home.database.scalar("PRAGMA wal_autocheckpoint")?.integer
            try? home.database.execute("PRAGMA wal_autocheckpoint = 0")
        }
    }

    /// At the end of a pass: its checkpoint waited for, and SQLite's own checkpoints back on.
    func finishCheckpoint() {
        if let error = passCheckpoint?.wait() { log.event("checkpoint_failed", ["reason": "\(error)"]) }
        if let pages = autocheckpointBeforePass {
            try? home.database.execute("PRAGMA wal_autocheckpoint = \(pages)")
            autocheckpointBeforePass = nil
        }
    }

    /// A bundle failed while merging straight into the pass's transaction: the transaction is
    /// rolled back, and the bundles merged in it are merged again, each in a savepoint, as is every
    /// later bundle of this pass. They are still in the work folder: nothing is archived before
    /// its transaction commits.
    func redoPassInSavepoints(into outcome: inout Outcome) {
        let again = staged
        staged = []
        home.replica.rollBackOpenTransaction()
        try? home.database.setTriggersEnabled(true)
        passStarted = nil
        passInSavepoints = true
        log.event("pass_redone", ["bundles": again.count])
        for s in again { _ = process(s.file, name: s.name, into: &outcome) }
    }
}
