import Foundation
import MentorSyncEngine

/// What a school sees about its own sync: what is still on its way, what came back, what was refused.
public struct SchoolStatusReport: Sendable {
    public var site: String
    public var name: String
    public var district: String
    public var rowsByTable: [(String, Int)]
    public var unacknowledgedChanges: Int
    public var unacknowledgedSince: String?
    public var lastExportAt: String?
    public var lastImportAt: String?
    public var acknowledgedCounter: Int64
    /// Conflicts this school recorded that are not settled here (`open_conflicts`).
    public var openConflicts: Int
    /// Of those, the ones the district has not yet confirmed receiving: what the status tells.
    public var conflictsToHandOver: Int
    public var rejections: [(bundle: String, reason: String, heardAt: String)]
    public var commands: [(name: String, bundle: String, at: String)]
    public var fullResendPending: Bool
    /// This school asked the district for a full copy (a restore, a registry put back from a copy):
    /// the full re-send is its own, not the district's order.
    public var fullCopyAsked = false
    /// When capture was last found off (a table rebuilt by another program) and re-armed, and what was done.
    public var captureRepair: (at: String, notice: String)? = nil
    /// The district's name as the enrollment file gave it (`district` is its site id).
    public var districtName: String = ""
    /// The last capture repair, counted, for telling it in the reader's language.
    public var lastRepair: CaptureRepair? = nil
    /// `rejections` as the school's user reads them (`SchoolHome.refusalMessage`), newest first.
    public var refusals: [Message] = []
    /// Of the rows not yet acknowledged, those the district refused (listed in `refusals`): sent
    /// again whole once noted, they wait for her correction, not for the district.
    public var refusedUnacknowledged = 0
    /// The computer the registry works on, when this folder is a copy of it found on another one
    /// (`ThisComputer`): nothing is sent from here until the school moves here.
    public var copiedFrom: String? = nil
    /// The rows waiting for the district to confirm them: the unacknowledged ones it did not refuse.
    public var waitingForDistrict: Int { unacknowledgedChanges - refusedUnacknowledged }

    public var json: [String: Any] {
        [
            "site": site, "name": name, "district": district, "schema_version": RegistrySchema.version,
            "rows": Dictionary(uniqueKeysWithValues: rowsByTable.map { ($0.0, $0.1) }),
            "unacknowledged_changes": unacknowledgedChanges, "unacknowledged_since": unacknowledgedSince ?? NSNull(),
            "last_export_at": lastExportAt ?? NSNull(), "last_import_at": lastImportAt ?? NSNull(),
            "acknowledged_counter": acknowledgedCounter, "open_conflicts": openConflicts, "conflicts_to_hand_over": conflictsToHandOver,
            "rejections": rejections.map { ["bundle": $0.bundle, "reason": $0.reason, "heard_at": $0.heardAt] },
            "commands": commands.map { ["name": $0.name, "bundle": $0.bundle, "carried_out_at": $0.at] },
            "full_resend_pending": fullResendPending, "refused_unacknowledged": refusedUnacknowledged,
            "copied_from_computer": copiedFrom ?? NSNull(),
            "capture_repaired": captureRepair.map { ["at": $0.at, "notice": $0.notice] as [String: Any] } ?? NSNull(),
        ]
    }
}

extension SchoolHome {
    public func status() throws -> SchoolStatusReport {
        try replica.fold()
        let peer = try replica.peer(district)
        let ack = peer.theirKnowledge[site]
        var rows: [(String, Int)] = []
        for t in RegistrySchema.schema.tables {
            rows.append((t.name, Int(try database.scalar("SELECT count(*) FROM \(SQL.identifier(t.name))")?.integer ?? 0)))
        }
        let unacked = try replica.changedRows(for: district, after: ack)
        // Conflicts still to hand over: once the district has them, it reviews them, and the school
        // hears its decision as a change of the cell (a conflict it never changes is its to keep).
        let conflicts = try replica.openConflictCount()
        let toHandOver = try replica.conflictsToHandOver(to: district)
        // What the district refused in the last 60 days (as long as it repeats them in its replies):
        // an older refusal is settled or long known, and would read as news.
        // A refusal whose row was corrected since and confirmed by the district is settled (RefusedRows).
        let rejections = try database.rows("""
            SELECT bundle, reason, heard_at FROM school_rejections
            WHERE NOT settled AND heard_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 days') ORDER BY heard_at DESC, bundle LIMIT 50
            """)
            .map { (bundle: $0[0].displayText, reason: $0[1].displayText, heardAt: $0[2].displayText) }
            // A damaged bundle is settled once the district confirmed everything: its changes went again.
            .filter { unacked > 0 || !isDamagedBundle($0.reason) }
            // A row refused again with every bundle that carries it is one refusal (the newest): the
            // same paragraph stood three, then four times.
            .uniqued(by: \.reason)
        let commands = try database.rows("SELECT name, bundle, carried_out_at FROM school_commands ORDER BY n DESC LIMIT 20")
            .map { (name: $0[0].displayText, bundle: $0[1].displayText, at: $0[2].displayText) }
        var report = SchoolStatusReport(
            site: site.rawValue, name: name, district: district.rawValue, rowsByTable: rows,
            unacknowledgedChanges: unacked, unacknowledgedSince: unacked > 0 ? (peer.lastBundleAt ?? "the first sync") : nil,
            lastExportAt: peer.lastExportAt, lastImportAt: peer.lastBundleAt, acknowledgedCounter: ack,
            openConflicts: conflicts, conflictsToHandOver: toHandOver, rejections: rejections, commands: commands, fullResendPending: peer.fullExchange.sendsFull)
        let repair = try replica.lastCaptureRepair()
        report.captureRepair = repair.map { ($0.at, $0.repair.notice) }
        report.lastRepair = repair?.repair
        report.districtName = districtName
        report.fullCopyAsked = peer.fullExchange.isRequested
        report.refusals = rejections.map { refusalMessage(bundle: $0.bundle, reason: $0.reason) }
        // A refused row of this school's goes once more whole (Replica.noteRefusedRows): it is among
        // the unacknowledged rows, and read as waiting for the district beside the district's refusal.
        // One she corrected since the refusal was heard waits for the district again (RefusedRows).
        let waitingForHer = Set(try standingRefusals().filter { $0.state.local > ack }.map { "\($0.table)/\($0.id)" })
        report.refusedUnacknowledged = min(waitingForHer.count, unacked)
        report.copiedFrom = try copiedFrom()
        return report
    }
}

extension SchoolStatusReport {
    /// What the school should know or do, one message each, in both languages: the one source of the
    /// advice for `mentorsync-school status` and the school's web status page (`webApp`: what to
    /// press there rather than a command).
    public func advice(webApp: Bool = false) -> [Message] {
        let waiting = waitingForDistrict
        // The web app's status page holds the button the copy is moved with: «below», there.
        var lines: [Message] = copiedFrom.map { [.copiedFromAnotherComputer($0, webApp: webApp, onStatusPage: webApp)] } ?? []
        // A school just set up has sent nothing: «all acknowledged» would be true and tell her nothing.
        let neverExchanged = lastExportAt == nil && lastImportAt == nil
        lines += [waiting > 0 ? .schoolUnacknowledged(waiting)
                              : refusedUnacknowledged > 0 ? .schoolAllReceivedSomeRefused
                              : neverExchanged ? .schoolNeverExchanged(webApp: webApp) : .schoolAllAcknowledged]
        if fullResendPending { lines.append(fullCopyAsked ? .schoolFullExchangeAsked : .schoolFullResendPending) }
        if conflictsToHandOver > 0 { lines.append(.schoolConflictsRecorded(conflictsToHandOver)) }
        if let repair = lastRepair, let at = captureRepair?.at { lines.append(.captureRepaired(repair, at: at)) }
        lines += refusals
        return lines
    }
}
