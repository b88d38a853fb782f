/// Messages of registry editing and listing (`put`, `list`, `delete`).
extension Message {
    public static func listFooter(rows: Int, hidden: [String]) -> Message {
        let en = hidden.isEmpty ? "" : "; not shown: \(hidden.joined(separator: ", ")) (see --json or export-csv)"
        let ru = hidden.isEmpty ? "" : "; не показаны: \(hidden.joined(separator: ", ")) (полностью: --json или export-csv)"
        return Message("list.footer", en: "(\(rows) row\(rows == 1 ? "" : "s")\(en))", ru: "(строк: \(rows)\(ru))")
    }
}
