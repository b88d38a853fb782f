import Foundation
import MentorSyncEngine

/// The district's replies to schools, written into the share's outbox.
extension DistrictIngest {
    /// Writes a fresh reply for `school` into the share's outbox when there is anything it has not
    /// had yet (or always, with `force`), and removes the replies it supersedes.
    func writeReplyIfNeeded(to school: SiteID, share: Share, force: Bool) throws -> URL? {
        let outbox = share.outbox(school)
        guard share.outboxRefusal(school) == nil else { return nil }  // a link planted there: the callers report it
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        let existing = Share.bundles(in: outbox).compactMap { url -> (URL, BundleHeader)? in
            guard let h = try? BundleReader.peekHeader(at: url).header, h.sender == home.site else { return nil }
            return (url, h)
        }
        let peer = try home.replica.peer(school)
        let rejections = try home.rejections(for: school)
        if !force, let newest = existing.max(by: { $0.1.sequence < $1.1.sequence })?.1 {
            let since = newest.knowledge[home.site]
            let pending = try home.replica.changedRows(for: school, after: since)
            let ackMoved = newest.acknowledgement[school] < peer.merged
            let fullOwed = peer.fullExchange.sendsFull && !newest.isFull
            let newRejections = rejections.count != newest.rejections.count
            if pending == 0 && !ackMoved && !fullOwed && !newRejections { return nil }
        }
        let key = try home.schoolKeys(school).replyKey
        // Each school is answered in the newest format it has written: an agent not yet upgraded
        // can read its replies, and a replayed old bundle never steps a school down.
        let format = peer.format.flatMap { BundleLayout.readableVersions.contains($0) ? $0 : nil } ?? BundleLayout.formatVersion
        // The engine adds the resync command while a full re-send is awaited.
        let summary = try home.replica.exportBundle(to: outbox, recipient: school, key: key, rejections: rejections, formatVersion: format)
        for (url, _) in existing where url != summary.url { try? FileManager.default.removeItem(at: url) }
        try home.recordWriterClock(summary.header)
        log.event("reply_written", ["file": summary.url.lastPathComponent, "site": school, "rows": summary.header.rowCount,
                                     "full": summary.header.isFull, "commands": summary.header.commands.map(\.name).joined(separator: ",")])
        for h in summary.held { log.event("row_held", ["site": school, "table": h.table, "id": h.id, "reason": h.reason]) }
        return summary.url
    }

    /// Rewrites the courier's MANIFEST.txt when the bundles on the share changed. A failure (a full
    /// or read-only stick) is logged, never fatal: the bundles themselves are what matters.
    func refreshManifest(_ share: Share) {
        do {
            try Manifest.refresh(share, names: home.siteNames())
        } catch {
            log.event("manifest_not_written", ["share": share.url.path, "reason": "\(error)"])
        }
    }
}
