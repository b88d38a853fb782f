import Foundation
import MentorSyncEngine

/// The plain copies of the database written before a migration (`registry.db.v<N>.bak`) are kept
/// until the upgraded registry has synced: a reply of the district written at this registry's
/// schema version merged, every reply of that sync merged without a problem. Such a reply shows the
/// district has merged a bundle of the upgraded registry (it answers each school at the version
/// that school declares), so the district holds everything the old copy could give back.
extension SchoolSync {
    /// The migration copies beside this home's database (oldest version first).
    public var migrationCopies: [URL] {
        let path = home.database.path
        return (1..<home.replica.schema.version).map { URL(fileURLWithPath: Replica.migrationBackupPath(path, from: $0)) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Removes the migration copies once `result` shows a successful sync at this registry's version;
    /// returns the names of the files removed.
    func removeMigrationCopies(after result: ImportResult, mergedAtCurrentSchema: Bool) -> [String] {
        guard mergedAtCurrentSchema, result.problems.isEmpty else { return [] }
        var removed: [String] = []
        for copy in migrationCopies where (try? FileManager.default.removeItem(at: copy)) != nil {
            removed.append(copy.lastPathComponent)
        }
        return removed
    }
}
