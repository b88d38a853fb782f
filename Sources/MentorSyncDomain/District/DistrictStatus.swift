import Foundation
import MentorSyncEngine

/// What the coordinator sees for each enrolled school.
public struct SchoolStatus: Sendable {
    public var site: String
    public var name: String
    public var enrolledAt: String
    public var revoked: Bool
    public var lastBundle: String?
    public var lastBundleAt: String?
    public var lastSequence: Int64
    public var daysSinceContact: Int?
    public var silent: Bool
    public var rows: Int
    public var changesMerged: Int64
    public var unacknowledged: Int
    public var openConflicts: Int
    public var clockSkewDays: Int?
    public var resyncPending: Bool
    public var rejections: Int
    /// Files that named this school but failed its check (damaged on the way, or not its own).
    public var refusedFiles: Int = 0
    /// Of those, the ones refused after the school's last accepted bundle: a problem that may still be there.
    public var refusedFilesSinceAccepted: Int = 0
    /// Files of the last 30 days signed with a key the school had when it was revoked, taken after
    /// the school's own bundles were accepted again: its lost or stolen computer is in someone's
    /// hands. The newest one's arrival.
    public var strayComputerFiles: Int = 0
    public var lastStrayComputerFileAt: String?
    /// A new enrollment file issued and not yet in use at the school, and until when the key it
    /// replaced is still taken (nil after a revoke: not at all).
    public var newKeyPending = false
    public var newKeyPendingUntil: String?

    /// What the coordinator should know or do about this school, in both languages: the one source
    /// of the advice for `status` and the web dashboard (`adviceMessage.text(language)`).
    public var adviceMessage: Message { advice(webApp: false) }

    /// The same advice as the web dashboard words it: what to press there, not a command to type.
    public var webAdviceMessage: Message { advice(webApp: true) }

    private func advice(webApp: Bool) -> Message {
        if revoked { return webApp ? .webAdviceRevoked : .adviceRevoked }
        if strayComputerFiles > 0, let at = lastStrayComputerFileAt { return .adviceStrayComputer(strayComputerFiles, last: at) }
        if lastBundleAt == nil { return rejections + refusedFiles > 0 ? .adviceNothingAccepted : .adviceNothingYet }
        if resyncPending { return .adviceResync }
        if silent { return .adviceSilent(daysSinceContact ?? 0) }
        if let skew = clockSkewDays, abs(skew) >= 1 { return .adviceClockSkew(skew) }
        if openConflicts > 0 { return .adviceConflicts(openConflicts) }
        if refusedFilesSinceAccepted > 0 { return .adviceRefusedFiles(refusedFilesSinceAccepted) }
        if newKeyPending { return .adviceNewKeyPending(until: newKeyPendingUntil, webApp: webApp) }
        return .adviceOK
    }

    /// Nothing to do about this school.
    public var isOK: Bool { adviceMessage == .adviceOK }

    /// The advice is to settle this school's conflicts (`status` then names the command, the web
    /// dashboard links its conflicts page).
    public var advisesConflicts: Bool { openConflicts > 0 && adviceMessage == .adviceConflicts(openConflicts) }

    /// The advice in English: the `advice` of `status --json` (machine text, never translated).
    public var advice: String { adviceMessage.english }

    public var json: [String: Any] {
        [
            "site": site, "name": name, "enrolled_at": enrolledAt, "revoked": revoked,
            "last_bundle": lastBundle ?? NSNull(), "last_bundle_at": lastBundleAt ?? NSNull(), "last_sequence": lastSequence,
            "days_since_contact": daysSinceContact ?? NSNull(), "silent": silent, "rows": rows,
            "changes_merged": changesMerged, "unacknowledged": unacknowledged, "open_conflicts": openConflicts,
            "clock_skew_days": clockSkewDays ?? NSNull(), "resync_pending": resyncPending, "rejections": rejections, "refused_files": refusedFiles,
            "stray_computer_files": strayComputerFiles, "new_key_pending": newKeyPending, "new_key_pending_until": newKeyPendingUntil ?? NSNull(),
            "advice": advice,
        ]
    }
}

extension DistrictHome {
    public func status(now: Date = Date()) throws -> [SchoolStatus] {
        try replica.fold()
        let iso = ISO8601DateFormatter()
        let conflictsByOwner = try openConflictOwners()
        let liveRows = try replica.liveRowCounts()
        var result: [SchoolStatus] = []
        // Each school's share of network mentoring (owed rows among them) from links read once for all.
        try replica.readingShares {
            for school in try schools() {
                let peer = try replica.peer(school.site)
                let received = peer.lastBundleAt.flatMap { iso.date(from: $0) }
                let days = received.map { Int(now.timeIntervalSince($0) / 86400) }
                var skew: Int?
                if let received, let created = peer.lastBundleCreated {
                    let d = Double(created) - received.timeIntervalSince1970
                    // Ahead is certain (a bundle cannot be written after it arrived); behind only when
                    // far beyond any courier's delay (a dead CMOS battery resets to years ago).
                    if d > 3600 { skew = Int((d / 86400).rounded(.up)) } else if d < -365 * 86400 { skew = Int((d / 86400).rounded()) }
                }
                let rows = liveRows[school.site.rawValue] ?? 0
                let unacked = try replica.changedRows(for: school.site, after: peer.theirKnowledge[site])
                // A row refused again in a later bundle (sent again unchanged) is one refusal, not two.
                let rejections = try database.scalar("SELECT count(DISTINCT reason) FROM district_rejections WHERE site = ?", [.text(school.site.rawValue)])?.integer ?? 0
                let refusedFiles = try database.scalar("SELECT count(*) FROM district_forgeries WHERE named_site = ?", [.text(school.site.rawValue)])?.integer ?? 0
                var refusedSince = try database.scalar("SELECT count(*) FROM district_forgeries WHERE named_site = ? AND at >= ?",
                                                       [.text(school.site.rawValue), .text(peer.lastBundleAt ?? "")])?.integer ?? 0
                // And the school's own files refused whole since (an expired key, a damaged file): the rows
                // it refused one by one are counted apart (`rejections`).
                for r in try database.rows("SELECT DISTINCT bundle, reason FROM district_rejections WHERE site = ? AND at >= ?",
                                           [.text(school.site.rawValue), .text(peer.lastBundleAt ?? "")])
                where BundleError(description: r[1].displayText) != nil { refusedSince += 1 }
                let keys = try schoolKeys(school.site)
                // A new file not yet in use: sent with the old key in its grace period, or nothing sent since
                // a re-enrollment after a revoke.
                let graced = keys.previous != nil && keys.previousValid && keys.lastKey != "current"
                let reEnrolled = try keys.lastKey == nil && !revokedKeys(school.site).isEmpty
                let newKeyPending = keys.revokedAt == nil && (graced || reEnrolled)
                // Files of a revoked key taken after the school's own bundles were accepted again (DistrictIngest).
                let stray = try database.rows("""
                    SELECT count(*), max(at) FROM district_forgeries
                    WHERE named_site = ? AND stray AND at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-30 days')
                    """, [.text(school.site.rawValue)]).first
                result.append(SchoolStatus(
                    site: school.site.rawValue, name: school.name, enrolledAt: school.enrolledAt, revoked: school.revokedAt != nil,
                    lastBundle: peer.lastBundleName, lastBundleAt: peer.lastBundleAt, lastSequence: peer.lastSequence,
                    daysSinceContact: days, silent: (days ?? 0) > 30, rows: rows, changesMerged: peer.merged,
                    unacknowledged: unacked, openConflicts: conflictsByOwner[school.site.rawValue] ?? 0, clockSkewDays: skew,
                    resyncPending: peer.fullExchange.isRequested, rejections: Int(rejections), refusedFiles: Int(refusedFiles),
                    refusedFilesSinceAccepted: Int(refusedSince), strayComputerFiles: Int(stray?[0].integer ?? 0),
                    lastStrayComputerFileAt: stray?[1].text, newKeyPending: newKeyPending, newKeyPendingUntil: graced ? keys.previousUntil : nil))
            }
        }
        return result
    }

    /// Open conflicts counted by the owner of their row (the school's side, for a row never held here).
    func openConflictOwners() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for c in try replica.conflicts() {
            let owner = c.row?.orgID ?? (c.winnerStamp.site == site ? c.loserStamp.site : c.winnerStamp.site).rawValue
            counts[owner, default: 0] += 1
        }
        return counts
    }
}
