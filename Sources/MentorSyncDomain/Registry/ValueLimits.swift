import MentorSyncEngine

/// Values people enter must fit in a bundle, or they could never reach the district.
enum ValueLimits {
    /// Refuses a text larger than a bundle carries, with what to do instead.
    static func check(_ text: String, column: ColumnSchema, table: String) throws {
        let bytes = text.utf8.count
        guard bytes > BundleLimits.maxValueBytes else { return }
        throw MessageError(.valueTooLarge(.column(column.name, table: table), size: HeldRow.describe(bytes), limit: HeldRow.describe(BundleLimits.maxValueBytes)))
    }
}
