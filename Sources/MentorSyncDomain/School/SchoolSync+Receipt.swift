import Foundation
import MentorSyncEngine

extension SchoolHome {
    /// Whether a refusal heard from the district is settled (its row corrected and confirmed: RefusedRows).
    func isSettled(_ r: BundleHeader.Rejection) throws -> Bool {
        try database.scalar("SELECT settled FROM school_rejections WHERE bundle = ? AND reason = ?", [.text(r.bundle), .text(r.reason)])?.integer == 1
    }

    /// Mentors of other schools offered to network mentoring now: those this school may pair with
    /// (one offered again after a withdrawal counts as arriving; one withdrawn does not).
    func networkMentorCount() throws -> Int {
        Int(try database.scalar("SELECT count(*) FROM mentors WHERE org_id NOT IN (?, ?) AND network = 1",
                                [.text(site.rawValue), .text(district.rawValue)])?.integer ?? 0)
    }

    /// The refusals of replies that are news, once each: a refusal the district repeats in its replies
    /// is told until it is settled — once her correction is confirmed it is not news (it stood in five
    /// receipts after the pair was mended), nor once the district's reply brought the row back as it
    /// holds it (a network mentor's row changed here stood in every receipt, and she may not change
    /// it). That reply's receipt tells it, as it is heard then. For `sync`, `import` and the web app.
    public func refusalsToTell(_ i: SchoolSync.ImportResult) -> [BundleHeader.Rejection] {
        i.rejections.uniqued(by: \.reason).filter { i.newRejections.contains($0.reason) || !((try? isSettled($0)) ?? false) }
    }

    /// What one sync did, in sentences of `language`: what was sent, what came back, what the
    /// district asked, refused and corrected. The one receipt of `sync` and the web app's sync page.
    public func syncReceipt(_ e: SchoolSync.ExportResult, _ i: SchoolSync.ImportResult, language l: Language = .current) -> [String] {
        let refusals = refusalsToTell(i)
        var lines = [Message.sent(rows: e.rows, deletions: e.tombstones, conflicts: e.conflicts, full: e.full, file: e.url.lastPathComponent,
                                  again: e.sentAgain, againConfirmed: e.sentAgainConfirmed, medium: e.medium,
                                  refused: refusals.contains { RefusalReason.namedRow($0.reason) != nil }, fullOwn: e.fullOwn).text(l)]
        if i.files.isEmpty && i.skipped.isEmpty {
            // A reply that could not be read is told as a problem, not as no reply.
            if i.problems.isEmpty && i.beforeNewKey.isEmpty { lines.append(Message.noReplyYet.text(l)) }
        } else if i.files.isEmpty {
            lines.append(Message.noNewReply.text(l))
        } else {
            lines.append(Message.received(replies: i.files.count, inserted: i.rowsInserted, changed: i.rowsChanged, deleted: i.rowsDeleted,
                                          alreadyMerged: i.skipped.count).text(l))
        }
        lines += i.beforeNewKey.map { "\($0): \(Message.replyBeforeRekey.text(l))" }
        if i.conflicts > 0 { lines.append(Message.schoolConflicts(i.conflicts).text(l)) }
        for c in Set(i.commands).sorted() {
            // `sync` sends the full copy at once when a reply orders it (SchoolSync.sync).
            let resync = e.full ? Message.fullResendSent : Message.fullResendAsked
            lines.append((c == BundleHeader.Command.resync ? resync : Message.districtCommand(c)).text(l))
        }
        for r in refusals { lines.append(refusalMessage(bundle: r.bundle, reason: r.reason).text(l)) }
        lines += (try? describeCorrections(i.corrections, language: l)) ?? []
        if i.rowsMovedAway > 0 { lines.append(Message.rowsMovedAway(i.rowsMovedAway).text(l)) }
        if i.networkMentorsArrived > 0 { lines.append(Message.networkMentorsArrived(i.networkMentorsArrived).text(l)) }
        lines += i.removedMigrationCopies.map { Message.migrationCopyRemoved($0).text(l) }
        if e.medium == .stick { lines.append(Message.takeStick.text(l)) }
        return lines
    }
}
