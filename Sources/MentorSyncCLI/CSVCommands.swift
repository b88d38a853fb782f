import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// `import-csv TABLE FILE [--skip-bad] [--separator ,|;] [--sheet NAME]` and
/// `export-csv TABLE FILE [--separator ,|;] [--no-bom]`: the lists schools keep in spreadsheets,
/// CSV or Excel workbooks (.xlsx). Parser options: import-csv takes options `separator`, `sheet`
/// and flag `skip-bad`; export-csv takes option `separator` and flag `no-bom` (both also `home` and `json`).
enum CSVCommands {
    static let importUsage = "import-csv TABLE FILE [--skip-bad] [--dry-run] [--separator ';'|','] [--sheet NAME] [--json]"
    static let exportUsage = "export-csv TABLE FILE [--separator ';'|','] [--no-bom] [--json]"

    static func separator(_ args: Arguments) throws -> CSVSeparator? {
        guard let s = args.value("separator") else { return nil }
        guard let sep = CSVSeparator(argument: s) else {
            throw UsageError(Message.badSeparator(s))
        }
        return sep
    }

    static func importCSV(_ args: Arguments, _ replica: Replica, _ console: Console) throws {
        guard args.words.count == 3 else { throw UsageError(importUsage) }
        let table = try RegistryEditor.table(named: args.words[1]).name
        let file = fileURL(args.words[2])
        let skipBad = args.has("skip-bad"), dryRun = args.has("dry-run")
        let result: CSVImportResult
        do {
            result = try CSVImporter(separator: try separator(args), sheet: args.value("sheet"))
                .import(table: table, file: file, into: replica, skipBad: skipBad, dryRun: dryRun)
        } catch let e as CSVImportError {
            if case .badRows(let t, _, let rows, let good) = e, args.has("json") {
                console.json(["table": t, "file": file.path, "written": false, "imported": 0, "good_rows": good,
                              "bad_rows": rows.map { ["line": $0.line, "reason": $0.reason] as [String: Any] }])
            }
            throw CommandFailure(e.description)
        } catch let e as CSVError {
            throw CommandFailure(e.description)
        } catch let e as XLSXError {
            throw CommandFailure(e.description)
        }
        if dryRun { return try preview(result, file: file, skipBad: skipBad, replica.database, args, console) }

        if args.has("json") {
            var o: [String: Any] = ["table": result.table, "file": file.path, "written": true, "imported": result.imported,
                                    "inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged,
                                    "bad_rows": result.badRows.map { ["line": $0.line, "reason": $0.reason] as [String: Any] },
                                    "skipped_columns": result.skippedColumns, "title_lines": result.titleLines,
                                    "mentees_linked": result.menteesLinked, "mentees_left_alone": result.menteesLeftAlone,
                                    "hidden_lines": result.hiddenLines, "number_alone_lines": result.numberAloneLines, "template_lines": result.templateLines,
                                    "totals_lines": result.totalsLines]
            if let sheet = result.sheet {
                o["format"] = "xlsx"
                o["sheet"] = sheet
            } else {
                o["format"] = "csv"
                o["separator"] = result.separator.symbol
                o["encoding"] = result.encoding.rawValue
            }
            console.json(o)
            return
        }
        console.out(Message.importDone(table: result.table, sheet: result.sheet, imported: result.imported, updated: result.updated,
                                       inserted: result.inserted, unchanged: result.unchanged).text())
        if result.encoding == .windows1251 { console.out(Message.importReadAsWindows1251(file.lastPathComponent).text()) }
        for note in result.notes { console.paragraph(note.text()) }
        if !result.badRows.isEmpty {
            console.out(Message.importSkipped(result.badRows.count).text())
            for line in CSVImportError.listing(result.badRows) { console.out("  " + line) }
        }
    }

    /// `--dry-run`: each line's outcome and the totals, nothing written. Refused lines without
    /// `--skip-bad` fail the command, as the import itself would.
    static func preview(_ result: CSVImportResult, file: URL, skipBad: Bool, _ database: Database, _ args: Arguments, _ console: Console) throws {
        let refused = result.badRows.count
        if args.has("json") {
            console.json(["table": result.table, "file": file.path, "written": false, "dry_run": true,
                          "inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged, "refused": refused, "skipped": result.skipped,
                          "skipped_columns": result.skippedColumns, "title_lines": result.titleLines,
                          "mentees_linked": result.menteesLinked, "mentees_left_alone": result.menteesLeftAlone,
                          "lines": result.outcomes.map { o -> [String: Any] in
                              ["line": o.line, "outcome": o.kind.rawValue, "id": o.id ?? NSNull(), "reason": o.reason ?? NSNull(),
                               "changes": o.changes.map { ["column": $0.column, "old": $0.old.jsonValue, "new": $0.new.jsonValue] },
                               "repeats_line": o.repeats ?? NSNull(), "mentees": o.mentees]
                          }])
        } else {
            console.paragraph(Message.importDryRunHeading(table: result.table, file: file.lastPathComponent, sheet: result.sheet).text())
            for note in result.notes { console.paragraph(note.text()) }
            let resolver = ReferenceResolver(database: database)
            for o in result.outcomes {
                console.paragraph(Message.importDryRunLine(o).text(), indent: "    ")
                if let why = o.reason { console.paragraph(Message.importDryRunReason(why).text(), first: "    ", indent: "      ") }
                if let first = o.repeats { console.paragraph(Message.importRepeatsLine(first).text(), first: "    ", indent: "      ") }
                if !o.changes.isEmpty { console.paragraph(CSVChange.said(o.changes, table: result.table, resolver, .current), first: "    ", indent: "      ") }
                if let linked = o.menteesSaid(resolver) { console.paragraph(linked.text(), first: "    ", indent: "      ") }
            }
            console.paragraph(Message.importDryRunSummary(added: result.inserted, updated: result.updated,
                                                          unchanged: result.unchanged, refused: refused, skipped: result.skipped).text())
        }
        if refused > 0 && !skipBad { throw CommandFailure(Message.importDryRunWouldRefuse(refused).text()) }
    }

    static func exportCSV(_ args: Arguments, _ replica: Replica, _ console: Console) throws {
        guard args.words.count == 3 else { throw UsageError(exportUsage) }
        let table = try RegistryEditor.table(named: args.words[1]).name
        let file = fileURL(args.words[2])
        let sep = try separator(args) ?? .semicolon
        // In Russian, the headers and values people write (ФИО, учитель): they import back as they are.
        let r = try CSVExporter(language: .current).export(table: table, to: file, from: replica, separator: sep, bom: !args.has("no-bom"))
        if args.has("json") {
            let o: [String: Any] = r.workbook ? ["table": r.table, "file": r.file.path, "rows": r.rows, "format": "xlsx"]
                : ["table": r.table, "file": r.file.path, "rows": r.rows, "separator": r.separator.symbol, "bom": r.bom]
            console.json(o)
            return
        }
        let how: CSVExportHow = r.workbook ? .workbook : (r.bom && r.separator == .semicolon ? .excel : .plain(bom: r.bom, separator: r.separator.symbol))
        console.out(Message.exportDone(table: r.table, rows: r.rows, file: r.file.path, how: how).text())
    }
}
