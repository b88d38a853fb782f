/// At the district: what a school may write that names another school's rows (Protocol/shares.md).
/// A school's own row may name another school's row only as the rules allow: a link to
/// a row that is offered when the reference is written, and an attachment to a linked row the
/// school is a party to (as its owner, or as the other party where the rules let parties write).
extension Replica {
    func shareRefusal(of change: RowChange, in table: TableSchema, positions: [Int?], sender: SiteID) throws -> String? {
        let rules = schema.sharing
        guard role == .district, sender != site, !rules.isEmpty, !change.isTombstone else { return nil }
        for link in rules.links where link.table == table.name {
            guard let target = schema.referencedTable(link.table, link.column),
                  let ref = try newReference(change, table, link.column, positions) else { continue }
            // A row the district does not hold cannot be judged: it is this school's own, not yet arrived.
            guard let owner = try loadRow(table: target.number, id: ref)?.orgID, owner != sender.rawValue else { continue }
            if try !rules.isOffered(target.name, id: ref, in: database) {
                return RefusalReason.notOffered(table: table.name, id: change.id, column: link.column, target: target.name, ref: ref, owner: owner).text
            }
        }
        for a in rules.attachments where a.table == table.name {
            guard let linked = schema.referencedTable(a.table, a.column),
                  let link = rules.links.first(where: { $0.table == linked.name }),
                  let target = schema.referencedTable(link.table, link.column),
                  let ref = try newReference(change, table, a.column, positions) else { continue }
            guard let parties = try database.rows("""
                SELECT x.org_id, y.org_id FROM \(SQL.identifier(linked.name)) x
                  LEFT JOIN \(SQL.identifier(target.name)) y ON y.id = x.\(SQL.identifier(link.column))
                WHERE x.id = ?
                """, [.text(ref)]).first else { continue }  // not held here: cannot be judged
            let owner = parties[0].displayText
            if owner == sender.rawValue { continue }
            if a.partiesMayWrite, parties[1].text == sender.rawValue { continue }
            return RefusalReason.notParty(table: table.name, id: change.id, column: a.column, linked: linked.name, ref: ref, owner: owner,
                                          sender: a.partiesMayWrite ? sender.rawValue : nil).text
        }
        return nil
    }

    /// The row id a change writes into reference `column`, when it is not the value held here.
    private func newReference(_ change: RowChange, _ table: TableSchema, _ column: String, _ positions: [Int?]) throws -> String? {
        guard let index = table.cellNames.firstIndex(of: column),
              let cell = change.cells.first(where: { $0.position < positions.count && positions[$0.position] == index + 1 }),
              let ref = cell.value.text else { return nil }
        let held = try database.scalar("SELECT \(SQL.identifier(column)) FROM \(SQL.identifier(table.name)) WHERE id = ?", [.text(change.id)])
        return held == cell.value ? nil : ref
    }
}
