import Foundation
import MentorSyncEngine

/// A conflict as the coordinator reviews it: two concurrent writes of one cell.
public struct Conflict: Sendable {
    public var id: String
    public var table: String
    public var rowID: String
    public var column: String
    public var winnerValue: DatabaseValue
    public var winnerSite: String
    public var winnerCounter: Int64
    public var loserValue: DatabaseValue
    public var loserSite: String
    public var loserCounter: Int64
    public var detectedBy: String
    public var detectedAt: Int64
    public var status: String
    public var resolution: String?
    public var owner: String?
    public var rowDeleted: Bool

    public var json: [String: Any] {
        return [
            "id": id, "table": table, "row_id": rowID, "column": column,
            "kept_value": winnerValue.jsonValue, "kept_site": winnerSite, "kept_counter": winnerCounter,
            "lost_value": loserValue.jsonValue, "lost_site": loserSite, "lost_counter": loserCounter,
            "sites": [winnerSite, loserSite], "values": [winnerValue.jsonValue, loserValue.jsonValue],
            "detected_by": detectedBy, "detected_at": Replica.timestamp(Date(timeIntervalSince1970: TimeInterval(detectedAt))),
            "status": status, "resolution": resolution ?? NSNull(), "owner": owner ?? NSNull(), "row_deleted": rowDeleted,
        ]
    }
}

extension DistrictHome {
    public func conflicts(includeResolved: Bool = false) throws -> [Conflict] {
        let rows = try database.rows("""
            SELECT id, tbl, row_id, col, winner_value, winner_site, winner_counter, loser_value, loser_site, loser_counter,
                   detected_by, detected_at, status, resolution
            FROM msync_conflicts \(includeResolved ? "" : "WHERE status = 'open'") ORDER BY detected_at, id
            """)
        return try rows.map { r in
            var owner: String?
            var deleted = false
            if let t = RegistrySchema.schema.table(named: r[1].displayText),
               let m = try database.rows("SELECT org_id, alive FROM msync_rows WHERE tbl = ? AND id = ?", [.integer(Int64(t.number)), r[2]]).first {
                owner = m[0].text
                deleted = m[1].integer == 0
            }
            return Conflict(id: r[0].displayText, table: r[1].displayText, rowID: r[2].displayText, column: r[3].displayText,
                            winnerValue: r[4], winnerSite: r[5].displayText, winnerCounter: r[6].integer ?? 0,
                            loserValue: r[7], loserSite: r[8].displayText, loserCounter: r[9].integer ?? 0,
                            detectedBy: r[10].displayText, detectedAt: r[11].integer ?? 0, status: r[12].displayText,
                            resolution: r[13].isNull ? nil : r[13].displayText, owner: owner, rowDeleted: deleted)
        }
    }

    public func conflict(_ id: String) throws -> Conflict {
        let matches = try conflicts(includeResolved: true).filter { $0.id == id || ($0.id.hasPrefix(id) && id.count >= 6) }
        guard matches.count == 1 else {
            throw HomeError.invalidArgument(matches.isEmpty ? "no conflict with id \(id); see 'conflicts list'" : "'\(id)' matches several conflicts; give more of the id")
        }
        return matches[0]
    }

    /// Settles a conflict with a new write at the district that wins over both sides and flows back
    /// to the school: the district's value, the school's, or a value typed by the coordinator.
    @discardableResult
    public func resolve(conflict id: String, keep: ConflictChoice) throws -> String {
        let c = try conflict(id)
        guard c.status == "open" else { throw HomeError.invalidArgument("conflict \(c.id) is already resolved (\(c.resolution ?? ""))") }
        let districtSide = c.winnerSite == site.rawValue ? c.winnerValue : (c.loserSite == site.rawValue ? c.loserValue : c.winnerValue)
        let schoolSide = c.winnerSite == site.rawValue ? c.loserValue : c.winnerValue
        guard let table = RegistrySchema.schema.table(named: c.table) else { throw HomeError.invalidArgument("conflict names unknown table \(c.table)") }
        // A typed value is checked like any entry (enumerations, dates, references) before anything is written.
        var typed: DatabaseValue?
        if case .value(let text) = keep {
            typed = try ConflictChoice.check(text, column: c.column, table: table, database: database)
        }
        var note = ""
        try database.transaction {
            if c.rowDeleted {
                note = "row stays deleted (re-create it with put if it is needed)"
            } else {
                let value: DatabaseValue
                switch keep {
                case .mine: value = districtSide; note = "kept the district's value"
                case .theirs: value = schoolSide; note = "kept the school's value"
                case .value: value = typed ?? .null; note = "set to \(value.displayText)"
                }
                // A plain write: captured with a stamp above both rivals, so it wins everywhere.
                // (When the kept value is already the current one, every site converges on it without a write.)
                try database.execute("UPDATE \(SQL.identifier(table.name)) SET \(SQL.identifier(c.column)) = ? WHERE id = ?", [value, .text(c.rowID)])
            }
            try database.execute("UPDATE msync_conflicts SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?",
                                 [.text(note), .text(Replica.timestamp()), .text(c.id)])
        }
        return note
    }
}
