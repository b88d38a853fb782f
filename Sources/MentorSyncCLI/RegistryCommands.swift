import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// `put`, `list` and `delete`, the same on both sides.
enum RegistryCommands {
    static func put(_ args: Arguments, _ replica: Replica, _ console: Console) throws {
        guard args.words.count == 2 else { throw UsageError(syntax: "put TABLE --set COLUMN=VALUE… [--id ID]") }
        let sets = try args.pairs("set")
        guard !sets.isEmpty else { throw UsageError(Message.putNeedsSet) }
        let table = try RegistryEditor.table(named: args.words[1]).name
        let (id, created): (String, Bool)
        do {
            (id, created) = try RegistryEditor(replica: replica).put(table: table, sets: sets, id: args.value("id"),
                                                                   anotherPerson: args.has("another-person"))
        } catch let question as NearNamesakeQuestion {
            throw MessageError(question.message(.commandLine))
        }
        if args.has("json") { console.json(["table": table, "id": id, "created": created]) } else {
            let name = try? ReferenceResolver(database: replica.database).label(of: id, in: table)
            console.out(Message.putDone(table, id: id, created: created, name: name.flatMap { $0 }).text())
            if table == "pairs", let left = try PairClosing.reminder(pair: id, database: replica.database) { console.paragraph(left.text()) }
        }
    }

    static func list(_ args: Arguments, _ replica: Replica, _ console: Console) throws {
        guard args.words.count == 2 else { throw UsageError(syntax: "list TABLE [--where COLUMN=VALUE] [--json]") }
        let editor = RegistryEditor(replica: replica)
        let table = try editor.table(args.words[1])
        let (columns, rows) = try editor.list(table: table.name, where: try args.pairs("where"))
        if args.has("json") {
            let org = columns.firstIndex(of: "org_id")
            // Another school's row held through network mentoring is marked `other_school`.
            let values = rows.map { row -> [Any?] in
                row.map(\.jsonValue) + [org.flatMap { editor.isOtherSchools(row[$0].displayText) ? true : nil }]
            }
            if let text = JSONRows(keys: columns + ["other_school"], rows: values).text() { console.out(text); return }
            console.json(values.map { row -> [String: Any] in
                Dictionary(uniqueKeysWithValues: zip(columns + ["other_school"], row).compactMap { k, v in v.map { (k, $0) } })
            })
        } else if rows.isEmpty {
            console.out((try args.pairs("where").isEmpty ? Message.noRows(table.name) : Message.noRowsMatch(table.name)).text())
        } else {
            let resolver = ReferenceResolver(database: replica.database, rowsToName: rows.count)
            // Another school's row by its school's name, and whether network mentoring brings it now.
            let marks = try editor.otherSchoolsMarks(in: table.name)
            let listing = try RegistryListing(table: table, columns: columns, rows: rows, resolver: resolver,
                                              otherSchools: { owner, id in
                                                  marks.mark(owner: owner, id: id) { (try? resolver.label(of: $0, in: "organizations")).flatMap { $0 } ?? $0 }
                                              })
            console.table(listing.header, listing.rows)
            console.out(Message.listFooter(rows: rows.count, hidden: listing.hidden).text())
        }
    }

    static func delete(_ args: Arguments, _ replica: Replica, _ console: Console) throws {
        guard args.words.count == 3 else { throw UsageError(syntax: "delete TABLE ID") }
        // The receipt names what was deleted, by the name it had.
        let table = try RegistryEditor.table(named: args.words[1]).name
        let (id, name) = try RegistryEditor(replica: replica).deleting(table: table, id: args.words[2])
        if args.has("json") { console.json(["table": table, "id": id, "deleted": true]) } else {
            console.out(Message.deleted(table, id: id, name: name).text())
        }
    }
}
