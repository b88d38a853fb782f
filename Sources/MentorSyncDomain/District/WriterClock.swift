import Foundation
import MentorSyncEngine

/// When a write was made, by its writer's clock (DESIGN.md, "Conflicts, as the coordinator settles
/// them"). A write carries no time of its own; the bundle that first carried it does: it was written
/// at its site no later than that bundle, by the clock of that site's computer. The district keeps,
/// for every bundle it merged or wrote, how far the writer's counter went and when (its clock).
extension DistrictHome {
    static let writerClockTable = """
        CREATE TABLE IF NOT EXISTS district_writer_clock (site TEXT NOT NULL, through INTEGER NOT NULL, \
        created INTEGER NOT NULL, PRIMARY KEY (site, through)) WITHOUT ROWID
        """

    /// Keeps how far the sender's writes went in a bundle and when it was written (the sender's clock).
    func recordWriterClock(_ header: BundleHeader) throws {
        try database.execute("INSERT OR IGNORE INTO district_writer_clock(site, through, created) VALUES (?, ?, ?)",
                             [.text(header.sender.rawValue), .integer(header.knowledge[header.sender]), .integer(header.createdAt)])
    }

    /// The latest moment the write was made, by its writer's clock: when the first bundle that carried
    /// it was written. Nil when no bundle merged or written here carried it yet.
    public func writtenNoLaterThan(_ stamp: Stamp) throws -> Date? {
        let created = try database.scalar("""
            SELECT created FROM district_writer_clock WHERE site = ? AND through >= ? ORDER BY through LIMIT 1
            """, [.text(stamp.site.rawValue), .integer(stamp.counter)])?.integer
        return created.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}
