import Foundation

/// A row an export leaves out because a bundle cannot carry it (a value or an id over a bundle
/// limit), with the reason a person can act on. Every other change still travels; the bundle's
/// knowledge claim stays below the row's writes, so the row goes with the first export after
/// it is fixed, whole, and is never taken as acknowledged before.
public struct HeldRow: Equatable, Sendable {
    public var table: String
    public var id: String
    public var reason: String

    /// The largest org_id a bundle reader accepts (Protocol/bundle.md, "Row record").
    public static let maxOrgIDBytes = 64

    /// Why the row cannot travel, or nil when it can. `values` are cell positions 1…n (org_id, then the columns).
    static func problem(_ table: TableSchema, id: String, orgID: String, values: [DatabaseValue]?) -> String? {
        if id.utf8.count > BundleLimits.maxRowIDBytes {
            return "its id is \(id.utf8.count) bytes long, more than the \(BundleLimits.maxRowIDBytes) a bundle carries; give the row a shorter id"
        }
        if orgID.utf8.count > maxOrgIDBytes {
            return "its org_id is \(orgID.utf8.count) bytes long, more than the \(maxOrgIDBytes) a bundle carries; set org_id to the school's site id"
        }
        guard let values else { return nil }
        for (i, v) in values.enumerated() {
            let bytes: Int
            switch v {
            case .text(let s): bytes = s.utf8.count
            case .blob(let b): bytes = b.count
            default: continue
            }
            if bytes > BundleLimits.maxValueBytes {
                return "\(table.cellNames[i]) holds \(describe(bytes)), more than the \(describe(BundleLimits.maxValueBytes)) a bundle carries; shorten it (keep scans outside the registry) and it is sent with the next sync"
            }
        }
        return nil
    }

    public static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MiB", Double(bytes) / Double(1 << 20)) : "\(bytes) bytes"
    }
}
