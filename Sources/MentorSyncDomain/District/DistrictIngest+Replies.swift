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

    /// Takes off the share the replies signed with a key the district revoked: a stolen computer
    /// syncing with the shared folder would read in them what the district sent its school (network
    /// mentors of other schools among it). Every pass over a share does it, so a revocation reaches
    /// the shared folder within one interval of the daemon; a stick already on the road keeps its copy.
    /// Returns the names of the files removed.
    func removeRevokedReplies(_ share: Share) -> [String] {
        var removed: [String] = []
        for school in share.schoolsWithOutbox() where share.outboxRefusal(school) == nil {
            guard let keys = try? home.schoolKeys(school) else { continue }
            var revoked = (try? home.revokedKeys(school).map(\.key)) ?? []
            if keys.revokedAt != nil { revoked.append(keys.current) }
            guard !revoked.isEmpty else { continue }
            for url in Share.bundles(in: share.outbox(school)) {
                guard (try? BundleReader.peekHeader(at: url).header.sender) == home.site,
                      revoked.contains(where: { (try? BundleReader.verify(at: url, key: $0)) != nil }) else { continue }
                guard (try? FileManager.default.removeItem(at: url)) != nil else { continue }
                removed.append(url.lastPathComponent)
                log.event("reply_removed", ["file": url.lastPathComponent, "site": school, "why": "signed with a revoked key"])
            }
        }
        return removed
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
