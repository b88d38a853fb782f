import MentorSyncEngine

/// Values people enter must fit in a bundle, or they could never reach the district.
enum ValueLimits {
    /// Refuses a text larger than a bundle carries, with what to do instead.
    static func check(_ text: String, column: ColumnSchema, table: String) throws {
        let bytes = text.utf8.count
        guard bytes > BundleLimits.maxValueBytes else { return }
        throw HomeError.invalidArgument("\(table).\(column.name) is \(HeldRow.describe(bytes)), more than the \(HeldRow.describe(BundleLimits.maxValueBytes)) a value may hold to reach the district; shorten it (keep scans outside the registry)")
    }
}
