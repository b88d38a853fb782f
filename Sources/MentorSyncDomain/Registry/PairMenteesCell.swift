import MentorSyncEngine

/// The «Наставляемые» cell of a pairs list: the pair's mentees by name, «; » between them as the
/// list's Excel file writes them (a comma or a new line as well). A new pair the list adds is given
/// them, each linked as on the pair's page (`RegistryEditor.put` of `pair_mentees`: a «пара» takes
/// one mentee, a pair's mentor is not its mentee, a waiting mentee is then in a pair). A pair the
/// registry holds keeps its mentees: a list loaded back neither doubles nor drops them, and who is
/// in a pair that exists is changed on its page (the import says so when the cell names others).
enum PairMenteesCell {
    static func names(_ cell: String) -> [String] {
        cell.split(whereSeparator: { ";,\n\r".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Links the mentees `cell` names to `pair`, a row the import has just added; returns their ids,
    /// in the cell's order. A name that finds no mentee, or one the pair cannot take, throws with why.
    static func link(_ cell: String, toNewPair pair: String, editor: RegistryEditor, resolver: ReferenceResolver) throws -> [String] {
        var ids: [String] = []
        for name in names(cell) {
            let id = try mentee(name, resolver)
            if !ids.contains(id) { ids.append(id) }
        }
        for id in ids { try editor.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", id)]) }
        return ids
    }

    /// Whether `cell` names the mentees `pair` has now, in any order (a name that finds none: no).
    static func names(_ cell: String, sameAsPair pair: String, resolver: ReferenceResolver, database: Database) throws -> Bool {
        var named: Set<String> = []
        for name in names(cell) {
            guard let id = try? mentee(name, resolver) else { return false }
            named.insert(id)
        }
        return named == Set(try PairMembers.links(of: pair, database: database).map(\.mentee))
    }

    /// The mentee a name finds, as the column `mentee_id` of `pair_mentees` takes it (by her
    /// person's name, with the birth date when two share it).
    private static func mentee(_ name: String, _ resolver: ReferenceResolver) throws -> String {
        guard let column = RegistrySchema.schema.table(named: "pair_mentees")?.column(named: "mentee_id") else { return name }
        return try resolver.entry(name, column: column, table: "pair_mentees").text ?? name
    }
}
