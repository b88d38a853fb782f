import MentorSyncEngine

/// What is left open when a pair is completed or ended: its end date or result not filled in, its
/// plans (ИОМ) still a draft or active, its mentees still waiting or «in a pair». Left so, the report counts the plans as due and not done
/// and the mentees as not yet through; the person closing the pair is told, right after saving it,
/// what to mark (the web's notice and `put`'s receipt). Nothing is changed for them.
public enum PairClosing {
    /// Nil unless `pair` is completed or ended and something of it is still open.
    public static func reminder(pair: String, database db: Database) throws -> Message? {
        guard let status = try db.scalar("SELECT status FROM pairs WHERE id = ?", [.text(pair)])?.text, ["completed", "terminated"].contains(status) else {
            return nil
        }
        let names = ReferenceResolver(database: db)
        var open: [(what: String, status: String, table: String)] = []
        for r in try db.rows("SELECT id, status FROM plans WHERE pair_id = ? AND status IN ('draft', 'active') ORDER BY rowid", [.text(pair)]) {
            open.append((try names.labelOrShortID(r[0].displayText, in: "plans"), r[1].displayText, "plans"))
        }
        for r in try db.rows("""
            SELECT m.id, m.status FROM pair_mentees l JOIN mentees m ON m.id = l.mentee_id
            WHERE l.pair_id = ? AND m.status IN ('waiting', 'in_pair') ORDER BY l.rowid
            """, [.text(pair)]) {
            open.append((try names.labelOrShortID(r[0].displayText, in: "mentees"), r[1].displayText, "mentees"))
        }
        // Its end date and result, which the pair's year in the report and the result column need.
        let own = try db.rows("SELECT ended_on, result FROM pairs WHERE id = ?", [.text(pair)]).first ?? []
        let unfilled = zip(["ended_on", "result"], own).filter { ($0.1.text ?? "").trimmingCharacters(in: .whitespaces).isEmpty }.map(\.0)
        guard !open.isEmpty || !unfilled.isEmpty else { return nil }
        // Each open record with what to mark it: «наставляемый «Смирнова Анна» — в паре: отметьте
        // «завершил(а)» или «выбыл(а)»».
        let closing: [String: [String]] = ["plans": ["done", "failed"], "mentees": ["completed", "left"]]
        func line(_ l: Language) -> String {
            open.map { item in
                let words = (closing[item.table] ?? []).map { "«\(Message.valueTitle($0, column: "status", table: item.table).text(l))»" }
                let kind = Message.rowTitle(item.table).text(l)
                let now = Message.valueTitle(item.status, column: "status", table: item.table).text(l)
                return l == .ru ? "\(kind.lowercased()) «\(item.what)» — \(now): отметьте \(words.joined(separator: " или "))"
                                : "\(kind.lowercased()) «\(item.what)» — \(now): mark it \(words.joined(separator: " or "))"
            }.joined(separator: "; ")
        }
        func columns(_ l: Language) -> String {
            unfilled.map { "«\(Message.columnTitle($0, table: "pairs").text(l))»" }.joined(separator: ", ")
        }
        var en = "the pair is closed", ru = "пара закрыта"
        if !unfilled.isEmpty {
            en += ", but not filled in: \(columns(.en))"
            ru += ", но не заполнено: \(columns(.ru))"
        }
        if !open.isEmpty {
            let one = open.count == 1
            en += (unfilled.isEmpty ? ", but" : ";") + " still open: \(line(.en)) — or the report counts \(one ? "it" : "them") as not finished"
            ru += (unfilled.isEmpty ? ", но" : ";") + " ещё открыто: \(line(.ru)) — иначе отчёт посчитает \(one ? "это незавершённым" : "их незавершёнными")"
        }
        return Message("pairs.closing_reminder", en: en, ru: ru)
    }
}
