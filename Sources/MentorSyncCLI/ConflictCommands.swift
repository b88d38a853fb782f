import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// `conflicts list | show ID | resolve ID`: the row as people know it, both sides with their
/// writers by name and the writers' times; a short id beside the names to type back.
enum ConflictCommands {
    static func list(_ args: Arguments, _ home: DistrictHome, _ console: Console) throws {
        let list = try home.conflicts(includeResolved: args.has("all"))
        if args.has("json") { console.json(list.map(\.json)); return }
        let open = list.filter { $0.status == .open }.count
        guard !list.isEmpty else { console.out(Message.conflictsNone.text()); return }
        console.out(Message.conflictsCount(open: open, all: list.count).text())
        let view = ConflictView(home)
        for c in list {
            console.out("")
            var title = Message.conflictTitle(short: c.shortID, table: c.table, row: view.rowName(c), column: c.column).text()
            if let note = c.resolution { title += " — " + Message.conflictSettled(.conflictResolution(note)).text() }
            console.paragraph(title, indent: "          ")
            // Each side with when it was written, by its writer's clock (DESIGN.md: `list` and `show` both say it).
            for line in view.sides(c) {
                console.paragraph(line.side, first: "          ", indent: "            ")
                console.paragraph(line.written, first: "            ", indent: "              ")
            }
            if let now = view.replacedWith(c) { console.paragraph(Message.conflictHeldAfter(now).text(), first: "          ", indent: "            ") }
        }
        console.out("")
        console.paragraph(Message.conflictsResolveHint.text())
    }

    static func show(_ args: Arguments, _ home: DistrictHome, _ console: Console) throws {
        guard args.words.count == 3 else { throw UsageError(syntax: "conflicts show ID") }
        let c = try home.conflict(args.words[2])
        if args.has("json") { console.json(c.json); return }
        let view = ConflictView(home)
        let status = c.resolution.map { Message.conflictSettled(.conflictResolution($0)) } ?? .conflictOpen
        console.paragraph(Message.conflictHeading(short: c.shortID, status: status).text())
        console.paragraph(Message.conflictRow(table: c.table, row: view.rowName(c), owner: c.owner.map(view.site), deleted: c.rowDeleted).text())
        console.paragraph(Message.conflictColumn(c.column, table: c.table).text())
        for line in view.sides(c) {
            console.paragraph(line.side)
            console.paragraph(line.written, first: "  ", indent: "    ")
        }
        if let now = view.replacedWith(c) { console.paragraph(Message.conflictHeldAfter(now).text()) }
        console.paragraph(Message.conflictDetected(by: view.site(c.detectedBy.rawValue), at: Date(timeIntervalSince1970: TimeInterval(c.detectedAt))).text())
        // Once settled, the value held is the coordinator's, not the rule's.
        if c.resolution == nil { console.paragraph(Message.conflictExplained(short: c.shortID).text()) }
    }

    static func resolve(_ args: Arguments, _ choice: ConflictChoice, _ home: DistrictHome, _ console: Console) throws {
        let note = try home.resolve(conflict: args.words[2], keep: choice)
        if args.has("json") { console.json(["id": args.words[2], "resolved": true, "resolution": note]); return }
        console.paragraph(Message.conflictResolved(.conflictResolution(note)).text())
    }

    /// A school's open conflicts settled by one decision: each conflict's line (the value now → the
    /// value kept), then the receipt; with --dry-run the lines and what would be done, nothing written.
    static func resolveAll(_ args: Arguments, _ school: SiteID, _ keep: ConflictBatch.Keep, _ home: DistrictHome, _ console: Console) throws {
        let field = args.value("field")
        let batch = try home.conflictBatch(site: school, keep: keep, field: field)
        let dryRun = args.has("dry-run")
        let settled = dryRun ? batch.changes.count : try home.settle(batch)
        let changed = batch.changes.filter(\.changesValue).count
        if args.has("json") {
            console.json(["site": school.rawValue, "keep": keep.rawValue, "dry_run": dryRun, "settled": settled, "changed": changed,
                          "conflicts": batch.changes.map(\.conflict.id), "replaced": batch.replaced.map(\.id), "left": batch.leftAlone.map(\.id)])
            return
        }
        let name = home.siteNames()[school] ?? school.rawValue
        guard !(batch.changes.isEmpty && batch.replaced.isEmpty && batch.leftAlone.isEmpty) else {
            console.out(Message.conflictBatchNone(school: name, field: field).text()); return
        }
        let view = ConflictView(home)
        for line in view.batchLines(batch) { console.paragraph(line, indent: "  ") }
        if !batch.changes.isEmpty { console.out("") }
        console.paragraph(Message.conflictBatchSettled(settled, changed: changed, keep: keep, school: name, field: field, dryRun: dryRun).text())
        if !batch.replaced.isEmpty { console.paragraph(Message.conflictBatchReplaced(batch.replaced.count).text()) }
        if !batch.leftAlone.isEmpty { console.paragraph(Message.conflictBatchLeft(batch.leftAlone.count, cli: true).text()) }
    }
}
