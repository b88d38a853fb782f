import Foundation
import MentorSyncEngine

/// Imports the rows of a CSV file into a registry table: a header row of column names (`id` and
/// `org_id` optional), one row per registry row. Rows with an id that exists are updated (only
/// the columns in the file); rows without an id are added with a new one. All or nothing unless
/// `skipBad` is asked; one transaction and prepared statements, so large files are fast.
public struct CSVImporter {
    /// Forces the separator; nil detects it from the header line.
    public var separator: CSVSeparator?
    /// The sheet to read when the file is an Excel workbook; nil reads the first.
    public var sheet: String?

    public init(separator: CSVSeparator? = nil, sheet: String? = nil) { self.separator = separator; self.sheet = sheet }

    /// Imports a CSV file or an Excel workbook (told apart by content, see `SpreadsheetFile`): a
    /// workbook's list is read from `sheet`, else from its first shown sheet naming a column of the table.
    /// `dryRun`: every check and write is made, each line's outcome told, and nothing is kept.
    public func `import`(table name: String, file: URL, into replica: Replica, skipBad: Bool = false, dryRun: Bool = false) throws -> CSVImportResult {
        let t = try RegistryEditor(replica: replica).table(name)
        let document = try SpreadsheetFile.read(contentsOf: file, separator: separator, sheet: sheet) { CSVImporter.namedHeader($0, table: t) != nil }
        return try self.import(table: name, document: document, file: file, into: replica, skipBad: skipBad, dryRun: dryRun)
    }

    public func `import`(table name: String, document: CSVDocument, file: URL, into replica: Replica, skipBad: Bool = false,
                         dryRun: Bool = false) throws -> CSVImportResult {
        let editor = RegistryEditor(replica: replica)
        let t = try editor.table(name)
        guard let headerIndex = CSVImporter.headerIndex(document, table: t) else {
            throw CSVImportError.noHeader(file: file.lastPathComponent)
        }
        // A header of two rows: one. «Фамилия», «Имя», «Отчество» in three columns: one «ФИО».
        let combined = HeaderRows.combined(document, header: headerIndex, table: t) ?? document
        let joined = NameColumns.joined(combined, header: headerIndex)
        let document = joined ?? combined

        // The header: which cell goes where.
        let (targets, columns, unknown) = try CSVImporter.header(document, at: headerIndex, table: t)
        let missingRequired = RegistryEditor.neededForNewRow(t).filter { name in !columns.contains { $0.name == name } }

        var result = CSVImportResult(table: t.name, file: file, separator: document.separator, encoding: document.encoding, sheet: document.sheet)
        result.skippedColumns = unknown
        result.sheets = document.sheets
        result.nameColumnsJoined = joined != nil
        result.titleLines = document.records[..<headerIndex].filter { !$0.isBlank }.count
        let db = replica.database
        let resolver = ReferenceResolver(database: db)
        // A list of people without ids finds the persons it names by full name and birth date.
        var people = t.name == "persons" && columns.contains { $0.name == "full_name" }
            ? try PersonMatcher(database: db, mayWrite: { (try? editor.checkMayWrite($0, t)) != nil }) : nil
        let fullNameIndex = columns.firstIndex { $0.name == "full_name" }
        let birthIndex = columns.firstIndex { $0.name == "birth_date" }
        // A list without ids finds a row by what names it in its table (`listKeys`).
        var byKey = try CSVImporter.RowsByKey(table: t, columns: columns, database: db) { (try? editor.checkMayWrite($0, t)) != nil }
        let table = SQL.identifier(t.name)
        let names = columns.map { SQL.identifier($0.name) }
        let site = replica.site.rawValue

        do { try db.transaction {
            // Three statements, each prepared once for the whole file.
            let lookup = try db.prepare("SELECT org_id\(names.map { ", " + $0 }.joined()) FROM \(table) WHERE id = ?")
            let insert = try db.prepare("INSERT INTO \(table) (id, org_id\(names.map { ", " + $0 }.joined())) VALUES (?, ?\(String(repeating: ", ?", count: names.count)))")
            let update = try db.prepare("UPDATE \(table) SET org_id = ?\(names.map { ", \($0) = ?" }.joined()) WHERE id = ?")

            var bad: [CSVBadRow] = []
            var good = 0
            var idLines: [String: Int] = [:]
            // The first line of this file that wrote each row (a later line naming it again is a repeat).
            var firstLine: [String: Int] = [:]
            var values = [DatabaseValue](repeating: .null, count: columns.count)
            // Lines that are none of the list's rows: hidden in Excel, headings, its total, numbers alone.
            var leftOut = CSVImporter.LinesLeftOut(targets: targets, columns: columns, layout: CSVImporter.mergeLayout(document, header: headerIndex))

            for record in document.records[(headerIndex + 1)...] where !record.isBlank {
                if leftOut.leaves(record, &result) { continue }
                // Every row is written even after a bad one, so that rows the registry itself refuses
                // are reported too; when the file is all or nothing, the transaction is rolled back.
                var reasons: [String] = []
                var id = ""
                var org = ""
                var mentees = ""
                for k in values.indices { values[k] = .null }

                for (k, cell) in record.fields.enumerated() {
                    guard k < targets.count else {
                        if !cell.allSatisfy(\.isWhitespace) {
                            reasons.append(Message.importCellsBeyondHeader(record.fields.count, columns: targets.count, headerLine: document.records[headerIndex].line, separator: nil).text())
                            break
                        }
                        continue
                    }
                    switch targets[k] {
                    case .id: id = cell.trimmingCharacters(in: .whitespaces)
                    case .org: org = cell.trimmingCharacters(in: .whitespaces)
                    case .nameless:
                        if !cell.allSatisfy(\.isWhitespace) { reasons.append(Message.importCellInNamelessColumn(cell, column: k + 1, headerLine: document.records[headerIndex].line).text()) }
                    case .rowNumber, .skipped: break
                    case .mentees: mentees = cell
                    case .column(let c):
                        // «#Н/Д» of a formula that found nothing: no value.
                        if let code = ExcelErrors.code(cell) {
                            reasons.append(Message.importExcelError(.column(columns[c].name, table: t.name), code).text())
                            continue
                        }
                        do {
                            // References are ids or names of rows this registry holds: spaces around them are never meant.
                            let text = isReference(columns[c]) ? cell.trimmingCharacters(in: .whitespaces) : cell
                            values[c] = try resolver.entry(text, column: columns[c], table: t.name)
                        } catch {
                            reasons.append(String(describing: error))
                        }
                    }
                }
                // A value the line gives for a column of the file (nil: the file has no such column).
                let given: (String) -> DatabaseValue? = { col in columns.firstIndex { $0.name == col }.map { values[$0] } }
                if record.fields.count < targets.count {
                    reasons.insert(Message.importCellsBeyondHeader(record.fields.count, columns: targets.count, headerLine: document.records[headerIndex].line,
                                                                  separator: document.separator.symbol).text(), at: 0)
                }
                if id.count > 64 { reasons.append(Message.importIDTooLong(String(id.prefix(20))).text()) }
                if !org.isEmpty && SiteID(org) == nil { reasons.append(Message.importNotASite(org).text()) }
                if !id.isEmpty {
                    if let first = idLines[id.lowercased()] {
                        reasons.append(Message.importIDRepeated(id, firstLine: first).text())
                    } else {
                        idLines[id.lowercased()] = record.line
                    }
                }
                guard reasons.isEmpty else {
                    bad.append(CSVBadRow(line: record.line, reason: reasons.joined(separator: "; ")))
                    continue
                }

                var keepStoredBirthDate = false
                // A line giving the row's id names it outright: its name is written as it is (a list
                // downloaded, «КУЗНЕЦОВА» corrected to «Кузнецова», and loaded back).
                let idFromFile = !id.isEmpty
                if id.isEmpty, let matcher = people, let f = fullNameIndex {
                    switch matcher.match(fullName: values[f].text ?? "", birthDate: birthIndex.map { values[$0] }, org: org) {
                    case .one(let existing): id = existing
                    case .byNameAlone(let existing): id = existing; keepStoredBirthDate = true
                    case .several(let ids):
                        bad.append(CSVBadRow(line: record.line, reason: Message.importSeveralPersons(ids.count, values[f].text ?? "").text()))
                        continue
                    case .namesake(let dates):
                        let lineDate = birthIndex.flatMap { values[$0].text }.map(RowNames.russianDate)
                        bad.append(CSVBadRow(line: record.line, reason: Message.importNamesakeDate(values[f].text ?? "", registered: dates.map(RowNames.russianDate), lineDate: lineDate).text()))
                        continue
                    case .none:
                        // No one of that name and day; someone born that day with a name a letter off: a typo.
                        if let near = matcher.nearNamesake(fullName: values[f].text ?? "", birthDate: birthIndex.flatMap { values[$0].text }) {
                            bad.append(CSVBadRow(line: record.line, reason: Message.importNearNamesake(values[f].text ?? "", registered: near.name).text()))
                            continue
                        }
                    }
                }
                if id.isEmpty, let found = byKey.rows(of: values) {
                    if found.count == 1 { id = found[0] } else if found.count > 1 {
                        let several = t.name == "pairs" ? Message.importSeveralPairs(found.count)
                            : OnePerPerson.tables.contains(t.name) ? .importSeveralRowsOfPerson(found.count, table: t.name) : .importSeveralSameRows(found.count, table: t.name)
                        bad.append(CSVBadRow(line: record.line, reason: several.text()))
                        continue
                    }
                }

                do {
                    // Ids are lowercase UUIDs; one typed in capitals (or written so by another tool) is found too.
                    var current: [DatabaseValue]?
                    for candidate in (id == id.lowercased() ? [id] : [id, id.lowercased()]) where current == nil && !id.isEmpty {
                        try lookup.bind([.text(candidate)])
                        if try lookup.step() { current = lookup.row(); id = candidate }
                        lookup.reset()
                    }
                    if let current {
                        // A line without the date found her by name alone: her date stays.
                        if keepStoredBirthDate, let b = birthIndex { values[b] = current[b + 1] }
                        // A line found by name written as the registry's but for Ё/Е, case or spaces
                        // is hers: her spelling stays (the preview offered «Алёна» → «Алена» as a change).
                        if !idFromFile, let f = fullNameIndex, let old = current[f + 1].text, let new = values[f].text, new != old,
                           RowNames.normalize(new) == RowNames.normalize(old) { values[f] = .text(old) }
                        // An existing row: only the columns of the file change.
                        let owner = current[0].displayText
                        let newOwner = org.isEmpty ? owner : org
                        let same = newOwner == owner && zip(values, current.dropFirst()).allSatisfy { CSVImporter.same($0, $1) }
                        // A row an earlier line of this file wrote: the same person listed twice.
                        let repeats = firstLine[id]
                        if repeats == nil { firstLine[id] = record.line }
                        if !mentees.allSatisfy(\.isWhitespace), try !PairMenteesCell.names(mentees, sameAsPair: id, resolver: resolver, database: db) {
                            result.menteesLeftAlone += 1
                        }
                        if same {
                            result.unchanged += 1
                            result.outcomes.append(CSVLineOutcome(line: record.line, kind: .unchanged, id: id, cells: record.fields, repeats: repeats))
                        } else {
                            try editor.checkMayWrite(owner, t)
                            if newOwner != owner { try editor.checkMayWrite(newOwner, t) }
                            // An empty cell does not empty what a row is not kept without (as `put`); one
                            // empty already (a row from before the rule, or from a bundle) is no emptying.
                            for c in RegistryEditor.neededForNewRow(t) where given(c)?.isNull == true {
                                if let k = columns.firstIndex(where: { $0.name == c }), current[k + 1].isNull { continue }
                                throw MessageError(.requiredNotEmptied(t.name, c))
                            }
                            try EntryChecks.check(t, database: replica.database, row: id) { $0 == "org_id" ? .text(newOwner) : given($0) }
                            try update.execute([.text(newOwner)] + values + [.text(id)])
                            result.updated += 1
                            var changes = newOwner == owner ? [] : [CSVChange(column: "org_id", old: .text(owner), new: .text(newOwner))]
                            for (k, (new, old)) in zip(values, current.dropFirst()).enumerated() where !CSVImporter.same(new, old) {
                                changes.append(CSVChange(column: columns[k].name, old: old, new: new))
                            }
                            result.outcomes.append(CSVLineOutcome(line: record.line, kind: .updated, id: id, cells: record.fields, changes: changes,
                                                                  repeats: repeats))
                        }
                    } else {
                        guard let owner = org.isEmpty ? editor.defaultOwner(t) : org else {
                            throw MessageError(.newRowNeedsOwner(t.name))
                        }
                        if replica.role == .school && owner != site {
                            throw MessageError(.importOnlyOwnRows(owner: owner, site: site))
                        }
                        try editor.checkMayWrite(owner, t)
                        // A line giving its id brings a row back: only the schema's required columns are asked of it.
                        if let first = missingRequired.first(where: { c in !idFromFile || t.column(named: c)?.required == true }) {
                            throw MessageError(.importMissingRequired(t.name, first))
                        }
                        try RegistryEditor.checkNewRowNeeds(t, restoring: idFromFile) { given($0) }
                        try EntryChecks.check(t, database: replica.database, row: nil) { $0 == "org_id" ? .text(owner) : given($0) }
                        id = id.isEmpty ? UUID().uuidString.lowercased() : id.lowercased()
                        let linked: [String]
                        if mentees.allSatisfy(\.isWhitespace) {
                            try insert.execute([.text(id), .text(owner)] + values)
                            linked = []
                        } else {
                            // The new pair and its mentees are one line: a mentee refused takes the pair back too.
                            linked = try db.savepoint("msync_line") {
                                try insert.execute([.text(id), .text(owner)] + values)
                                return try PairMenteesCell.link(mentees, toNewPair: id, editor: editor, resolver: resolver)
                            }
                        }
                        result.menteesLinked += linked.count
                        if let f = fullNameIndex { people?.add(id: id, fullName: values[f].text ?? "", birthDate: birthIndex.map { values[$0] }) }
                        byKey.add(id, values)
                        result.inserted += 1
                        if t.name == "persons", given("role") == nil || given("role")?.isNull == true { result.addedWithoutRole += 1 }
                        firstLine[id] = record.line
                        result.outcomes.append(CSVLineOutcome(line: record.line, kind: .added, id: id, cells: record.fields, mentees: linked))
                    }
                    good += 1
                } catch let e as SQLiteError where e.isConstraint {
                    bad.append(CSVBadRow(line: record.line, reason: Message.importRegistryRefuses(e.message).text()))
                } catch let e as HomeError {
                    bad.append(CSVBadRow(line: record.line, reason: e.description))
                } catch let e as MessageError {
                    bad.append(CSVBadRow(line: record.line, reason: e.description))
                }
            }

            if !bad.isEmpty && !skipBad && !dryRun {
                throw CSVImportError.badRows(table: t.name, file: file.lastPathComponent, rows: bad, goodRows: good)
            }
            result.badRows = bad
            result.outcomes = CSVLineOutcome.merged(result.outcomes, refused: bad, document: document)
            // A preview rolls back what it wrote: the registry stays as it was.
            if dryRun { throw CSVDryRunDone() }
        } } catch is CSVDryRunDone {}
        return result
    }

    private func isReference(_ c: ColumnSchema) -> Bool {
        if case .reference = c.kind { return true }
        return false
    }

    /// Whether a value from the file equals the stored one (a whole REAL may be stored as an integer).
    static func same(_ a: DatabaseValue, _ b: DatabaseValue) -> Bool {
        switch (a, b) {
        case (.real(let x), .integer(let y)), (.integer(let y), .real(let x)): return x == Double(y)
        default: return a == b
        }
    }
}
