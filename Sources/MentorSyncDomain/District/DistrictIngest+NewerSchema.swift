import Foundation
import MentorSyncEngine

/// Bundles written at a registry schema newer than the district's wait in the inbox until the
/// district is upgraded (DESIGN.md "Schema versions in the field"); `status` says so.
extension DistrictIngest {
    /// The district setting naming the bundles that wait for an upgrade, as the last pass found them.
    public static let newerSchemaSetting = "waiting_for_upgrade"

    /// The schema version a bundle declares when it is newer than this district's, else nil.
    /// Only the header is read: the file is not trusted or merged here.
    func newerSchema(_ file: URL) -> Int? {
        guard let header = try? BundleReader(url: file).header, header.schemaVersion > home.replica.schema.version else { return nil }
        return header.schemaVersion
    }
}
