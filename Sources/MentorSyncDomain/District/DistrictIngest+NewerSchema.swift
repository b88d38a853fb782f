import Foundation
import MentorSyncEngine

/// Bundles written at a registry schema newer than the district's wait in the inbox until the
/// district is upgraded (DESIGN.md "Schema versions in the field"); `status` says so.
extension DistrictIngest {
    /// The district setting naming the bundles that wait for an upgrade, as the last pass found them.
    public static let newerSchemaSetting = "waiting_for_upgrade"

    /// The schema version a bundle declares when it is newer than this district's and the bundle
    /// is, as far as this district can tell without reading its body, a genuine one for it: addressed
    /// to this district, a school's changes, from an enrolled school that is not revoked, whole
    /// (CRC-32) and signed with that school's key (the HMAC covers every byte of the file, so the
    /// body need not be decrypted or understood). Else nil: the bundle is processed as any other,
    /// and a forged, damaged or misaddressed one is quarantined with its reason.
    func newerSchema(_ file: URL) -> Int? {
        guard let header = try? BundleReader(url: file).header, header.schemaVersion > home.replica.schema.version,
              header.recipient == home.site, header.kind == .changes,
              let keys = try? home.schoolKeys(header.sender), keys.revokedAt == nil,
              isSigned(file, by: header.sender) else { return nil }
        return header.schemaVersion
    }
}
