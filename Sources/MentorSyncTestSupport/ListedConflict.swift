import Foundation

/// One object of `mentorsync-district conflicts list --json` (DESIGN.md, "Conflicts"), typed, so
/// tests name the fields they check instead of casting from `Any`. Values are shown as text
/// (a number as its digits), nil for SQL NULL.
public struct ListedConflict: Decodable, Equatable, Sendable {
    public var id: String
    public var table: String
    public var rowID: String
    public var column: String
    public var keptValue: String?
    public var keptSite: String
    public var lostValue: String?
    public var lostSite: String
    public var status: String
    public var rowDeleted: Bool
    /// The row's owner now; nil when the district never held the row.
    public var owner: String?

    enum CodingKeys: String, CodingKey {
        case id, table, rowID = "row_id", column, keptValue = "kept_value", keptSite = "kept_site"
        case lostValue = "lost_value", lostSite = "lost_site", status, rowDeleted = "row_deleted", owner
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ key: CodingKeys) throws -> String? {
            if try c.decodeNil(forKey: key) { return nil }
            if let s = try? c.decode(String.self, forKey: key) { return s }
            if let n = try? c.decode(Int64.self, forKey: key) { return String(n) }
            return String(try c.decode(Double.self, forKey: key))
        }
        id = try c.decode(String.self, forKey: .id)
        table = try c.decode(String.self, forKey: .table)
        rowID = try c.decode(String.self, forKey: .rowID)
        column = try c.decode(String.self, forKey: .column)
        keptValue = try value(.keptValue)
        keptSite = try c.decode(String.self, forKey: .keptSite)
        lostValue = try value(.lostValue)
        lostSite = try c.decode(String.self, forKey: .lostSite)
        status = try c.decode(String.self, forKey: .status)
        rowDeleted = try c.decode(Bool.self, forKey: .rowDeleted)
        owner = try c.decodeIfPresent(String.self, forKey: .owner)
    }

    /// The list a `conflicts list --json` run printed.
    public static func list(_ result: ToolResult) throws -> [ListedConflict] {
        try JSONDecoder().decode([ListedConflict].self, from: Data(result.stdout.utf8))
    }
}
