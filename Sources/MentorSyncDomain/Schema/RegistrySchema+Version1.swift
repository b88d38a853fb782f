import MentorSyncEngine

/// Schema version 1 as it shipped, kept as data: migrations step from it, a district answers a
/// version 1 school with it, and tests build version 1 homes with it.
extension RegistrySchema {
    public static let v1: SyncSchema = {
        let added: [String: Set<String>] = ["mentors": ["network"], "events": ["kind"]]
        let tables = [organizations, persons, mentors, mentees, pairs, pairMentees, plans, meetings,
                      events, indicators, indicatorValues, practices, surveys].map { t -> TableSchema in
            var t = t
            let left = added[t.name] ?? []
            t.columns.removeAll { left.contains($0.name) }
            return t
        }
        return SyncSchema(version: 1, tables: tables)
    }()

    /// The registry at `version` (1 or the current one), or nil for a version this program does not know.
    public static func at(version v: Int) -> SyncSchema? { schema.at(version: v) }
}
