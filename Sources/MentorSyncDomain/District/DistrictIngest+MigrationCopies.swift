import Foundation
import MentorSyncEngine

/// The plain copies of the district's database written before a migration (`registry.db.v<N>.bak`)
/// are kept until the upgraded district has synced: a pass that merged at least one school's
/// bundle and wrote replies, with nothing quarantined and nothing left to retry.
extension DistrictIngest {
    /// The migration copies beside the district's database (oldest version first).
    public var migrationCopies: [URL] {
        let path = home.replica.database.path
        return (1..<home.replica.schema.version).map { URL(fileURLWithPath: Replica.migrationBackupPath(path, from: $0)) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Removes the migration copies after a successful pass; returns the names of the files removed.
    func removeMigrationCopies(after outcome: Outcome) -> [String] {
        guard !outcome.merged.isEmpty, !outcome.replies.isEmpty, outcome.quarantined.isEmpty, outcome.retryLater.isEmpty else { return [] }
        var removed: [String] = []
        for copy in migrationCopies where (try? FileManager.default.removeItem(at: copy)) != nil {
            removed.append(copy.lastPathComponent)
            log.event("migration_copy_removed", ["file": copy.lastPathComponent])
        }
        return removed
    }
}
