/// Messages of spreadsheet import (`import-csv`).
extension Message {
    static func importSeveralPersons(_ count: Int, _ name: String) -> Message {
        Message("import.several_persons",
                en: "\(count) persons named '\(name)' with this birth date are in the registry already; add an id column to say which one",
                ru: "в реестре уже \(count) человека с именем «\(name)» и этой датой рождения; добавьте столбец id, чтобы указать, кого именно")
    }
}

extension Message {
    static func importSeveralPairs(_ count: Int) -> Message {
        Message("import.several_pairs",
                en: "this mentor has \(count) pairs begun that day already; add an id column to say which one",
                ru: "у этого наставника уже \(Plural.ru(count: count, "пара", "пары", "пар")) с этой датой начала; добавьте столбец id, чтобы указать, какую")
    }

    /// Rows of a list's key (`CSVImporter.listKeys`) held twice already: a meeting of one pair, kind and day.
    static func importSeveralSameRows(_ count: Int, table: String) -> Message {
        Message("import.several_same_rows",
                en: "\(table) has \(count) such rows already; add an id column to say which one",
                ru: "в таблице \(ruTitle(table)) уже \(Plural.ru(count: count, "такая строка", "такие строки", "таких строк")); добавьте столбец id, чтобы указать, какую")
    }
    static func importSeveralRowsOfPerson(_ count: Int, table: String) -> Message {
        Message("import.several_rows_of_person",
                en: "this person has \(count) rows in \(table) already; add an id column to say which one",
                ru: "у этого человека уже \(Plural.ru(count: count, "строка", "строки", "строк")) в таблице \(ruTitle(table)); добавьте столбец id, чтобы указать, какую")
    }
}

/// Why an import wrote nothing (CSVImportError).
extension Message {
    // MARK: Reading a list's file (CSVError)
    static func csvUnreadable(_ path: String, _ why: Message) -> Message {
        Message("csv.unreadable", en: "cannot read \(path): \(why.english)", ru: "не удалось прочитать \(path): \(why.russian)")
    }
    public static let csvNoSuchFile = Message("csv.no_such_file", en: "no such file; check the file's name and folder",
                                              ru: "такого файла нет; проверьте имя файла и папку")
    public static let csvFolder = Message("csv.folder", en: "it is a folder, not a file; name the list's file in it",
                                          ru: "это папка, а не файл; укажите файл списка в ней")
    public static let csvReadError = Message("csv.read_error", en: "permission denied or read error; copy the file into a folder of yours and import it from there",
                                             ru: "нет прав на чтение или ошибка чтения; скопируйте файл в свою папку и загрузите оттуда")
    static func csvEmpty(_ file: String) -> Message {
        Message("csv.empty", en: "\(file) is empty (0 bytes): there is no list in it; open the list in Excel, save it again and import that",
                ru: "\(file) пуст (0 байт): списка в нём нет; откройте список в Excel, сохраните его ещё раз и загрузите снова")
    }
    static func csvUnterminatedQuote(_ line: Int) -> Message {
        Message("csv.unterminated_quote",
                en: "line \(line): a quoted cell starts here and is never closed (a stray \" in the file?); remove the quote or close it, and import again",
                ru: "строка \(line): ячейка начинается с кавычки \" и нигде не закрывается; уберите эту кавычку или добавьте закрывающую и загрузите снова")
    }

    static func importNoHeader(_ file: String) -> Message {
        Message("import.no_header",
                en: "\(file) is empty: its first line must name the columns (for example id;full_name;role)",
                ru: "\(file) пуст: в первой строке должны быть названия столбцов (например, ФИО;Дата рождения;Роль)")
    }

    static func importUnknownColumns(_ table: String, unknown: [String], allowed: [String]) -> Message {
        let names = unknown.map { "'\($0)'" }.joined(separator: ", ")
        let russian = allowed.map { c in HeaderAliases.russian(c, table: table).map { "\($0) (\(c))" } ?? c }
        return Message("import.unknown_columns",
                       en: "\(table) has no column\(unknown.count == 1 ? "" : "s") \(names) (first line of the file); its columns are: \(allowed.joined(separator: ", "))",
                       ru: "в таблице \(ruTitle(table)) нет столбц\(unknown.count == 1 ? "а" : "ов") \(unknown.map { "«\($0)»" }.joined(separator: ", ")) (первая строка файла); её столбцы: \(russian.joined(separator: ", "))")
    }

    /// `line`: the line of the column names.
    static func importDuplicateColumn(_ table: String, _ column: String, line: Int) -> Message {
        Message("import.duplicate_column",
                en: "the column \(table).\(column) appears twice on line \(line) (the column names): keep one of them or rename the other",
                ru: "столбец «\(columnTitle(column, table: table).russian)» назван дважды в строке \(line) (строка с названиями столбцов): оставьте один из них или переименуйте второй")
    }

    static func importNoColumns(_ table: String, allowed: [String]) -> Message {
        let russian = allowed.map { c in HeaderAliases.russian(c, table: table).map { "\($0) (\(c))" } ?? c }
        return Message("import.no_columns",
                       en: "the first line of the file names no column of \(table) to import; its columns are: \(allowed.joined(separator: ", "))",
                       ru: "первая строка файла не называет ни одного столбца таблицы \(ruTitle(table)); её столбцы: \(russian.joined(separator: ", "))")
    }

    static func importBadRows(_ table: String, file: String, bad: Int, good: Int, listing: [String]) -> Message {
        let en = ["\(bad) of \(bad + good) rows of \(file) \(bad == 1 ? "is" : "are") bad, so nothing was written to \(table):"]
            + listing.map { "  " + $0 }
            + [good == 0 ? "fix these rows and import the file again"
               : "fix these rows and import the file again, or add --skip-bad to import only the \(good == 1 ? "1 good row" : "\(good) good rows")"]
        let ru = ["в \(file) ошибочных строк: \(bad) из \(bad + good), поэтому в таблицу \(ruTitle(table)) ничего не записано:"]
            + listing.map { "  " + $0 }
            + [good == 0 ? "исправьте эти строки и импортируйте файл снова"
               : "исправьте эти строки и импортируйте файл снова или добавьте --skip-bad, чтобы импортировать только верные строки (\(good))"]
        return Message("import.bad_rows", en: en.joined(separator: "\n"), ru: ru.joined(separator: "\n"))
    }

    static func importMoreBadRows(_ count: Int) -> Message {
        Message("import.more_bad_rows", en: "… and \(count) more bad rows", ru: "… и ещё ошибочных строк: \(count)")
    }

    public static func importLine(_ line: Int, _ reason: String) -> Message {
        Message("import.line", en: "line \(line): \(reason)", ru: "строка \(line): \(reason)")
    }
}

/// What an import did (`import-csv` output).
extension Message {
    public static func importDone(table: String, sheet: String? = nil, imported: Int, updated: Int, inserted: Int, unchanged: Int) -> Message {
        let en = ["\(updated) updated", "\(inserted) new"] + (unchanged > 0 ? ["\(unchanged) unchanged"] : [])
        let ru = ["изменено: \(updated)", "новых: \(inserted)"] + (unchanged > 0 ? ["без изменений: \(unchanged)"] : [])
        return Message("import.done",
                       en: "imported \(imported) row\(imported == 1 ? "" : "s") into \(table)\(sheet.map { " from sheet '\($0)'" } ?? "") (\(en.joined(separator: ", ")))",
                       ru: "в таблицу «\(tableTitle(table).russian)» загружено строк\(sheet.map { " с листа «\($0)»" } ?? ""): \(imported) (\(ru.joined(separator: ", ")))")
    }

    public static func importReadAsWindows1251(_ file: String) -> Message {
        Message("import.windows_1251",
                en: "note: \(file) was read as Windows-1251 (Excel's older CSV); save as 'CSV UTF-8' to avoid surprises",
                ru: "примечание: \(file) прочитан в кодировке Windows-1251 (старый CSV Excel); надёжнее сохранять как «CSV UTF-8»")
    }

    public static func importSkipped(_ count: Int) -> Message {
        Message("import.skipped",
                en: "skipped \(count) bad row\(count == 1 ? "" : "s"), not written:",
                ru: "пропущено ошибочных строк: \(count), они не записаны:")
    }
}

/// How an export was written, as its message says it.
public enum CSVExportHow: Sendable {
    case workbook, excel
    case plain(bom: Bool, separator: String)
}

/// What an export did (`export-csv` output).
extension Message {
    public static func exportDone(table: String, rows: Int, file: String, how: CSVExportHow) -> Message {
        let en: String, ru: String
        switch how {
        case .workbook: en = ", an Excel workbook"; ru = ", книга Excel"
        case .excel: en = ", UTF-8 with ';' — opens in Excel as it is"; ru = ", UTF-8 с ';' — открывается в Excel как есть"
        case .plain(let bom, let sep):
            en = ", UTF-8\(bom ? " with BOM" : ""), separated by \(sep)"
            ru = ", UTF-8\(bom ? " с BOM" : ""), разделитель \(sep)"
        }
        return Message("export.done",
                       en: "exported \(rows) row\(rows == 1 ? "" : "s") of \(table) to \(file)\(en)",
                       ru: "из таблицы «\(tableTitle(table).russian)» выгружено строк: \(rows), в \(file)\(ru)")
    }
}

/// `import-csv --dry-run`: what an import would do, by line, with nothing written (the same
/// outcomes the web app's preview shows, `CSVImportResult.outcomes`).
extension Message {
    public static func importDryRunHeading(table: String, file: String, sheet: String?) -> Message {
        Message("import.dry_run.heading",
                en: "dry run: \(tableTitle(table).english) from \(file)\(sheet.map { ", sheet '\($0)'" } ?? "") — nothing is written",
                ru: "проверка без записи: «\(tableTitle(table).russian)» из \(file)\(sheet.map { ", лист «\($0)»" } ?? "") — ничего не записано")
    }

    /// The word for what would happen to a line (the web preview's words).
    public static func importOutcome(_ kind: CSVLineOutcome.Kind) -> Message {
        switch kind {
        case .added: return .webImportAdded
        case .updated: return .webImportUpdated
        case .unchanged: return .webImportUnchanged
        case .refused: return .webImportRefused
        case .skipped: return .webImportSkipped
        }
    }

    /// `строка 3: будет добавлено — Иванова Мария Петровна; 12.03.1990; учитель`.
    public static func importDryRunLine(_ o: CSVLineOutcome) -> Message {
        func cells(_ l: Language) -> String { o.shownCells(l).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: "; ") }
        let word = importOutcome(o.kind)
        return Message("import.dry_run.line",
                       en: "line \(o.line): \(word.english) — \(cells(.en))", ru: "строка \(o.line): \(word.russian) — \(cells(.ru))")
    }

    /// A line naming a row an earlier line of the same file wrote (a person listed twice).
    public static func importRepeatsLine(_ line: Int) -> Message {
        Message("import.repeats_line", en: "the same row as line \(line)", ru: "та же запись, что в строке \(line)")
    }

    public static func importDryRunReason(_ reason: String) -> Message {
        Message("import.dry_run.reason", en: "why: \(reason)", ru: "причина: \(reason)")
    }

    /// `skipped`: lines left out (hidden in Excel, a total, numbers alone), said when there are any.
    public static func importDryRunSummary(added: Int, updated: Int, unchanged: Int, refused: Int, skipped: Int = 0) -> Message {
        Message("import.dry_run.summary",
                en: "would add \(added), update \(updated), leave \(unchanged) as they are, refuse \(refused)\(skipped > 0 ? ", leave out \(skipped)" : ""); to import, run the same command without --dry-run",
                ru: "будет добавлено: \(added), изменено: \(updated), без изменений: \(unchanged), отклонено: \(refused)\(skipped > 0 ? ", пропущено: \(skipped)" : ""); чтобы загрузить, повторите команду без --dry-run")
    }

    public static func importDryRunWouldRefuse(_ refused: Int) -> Message {
        Message("import.dry_run.would_refuse",
                en: "as it is, the file would not be imported (\(Plural.en(count: refused, "line", "lines")) refused): fix them, or import the others with --skip-bad",
                ru: "в таком виде файл не будет загружен (отклонено строк: \(refused)): исправьте их или загрузите остальные с --skip-bad")
    }
}

/// Why one line of a list is bad: said to the person who made the list, in their words.
extension Message {
    /// `headerLine`: the line of the column names.
    static func importCellsBeyondHeader(_ cells: Int, columns: Int, headerLine: Int, separator: String?) -> Message {
        Message("import.cells_beyond_header",
                en: "has \(cells) cells but \(headerLine == 1 ? "the first line" : "line \(headerLine) (the column names)") names \(columns) columns"
                    + (separator.map { " (a missing \($0)?)" } ?? ""),
                ru: "в строке \(Plural.ru(count: cells, "ячейка", "ячейки", "ячеек")), а в \(headerLine == 1 ? "первой строке" : "строке \(headerLine) (с названиями столбцов)") "
                    + Plural.ru(count: columns, "столбец", "столбца", "столбцов") + (separator.map { " (пропущен «\($0)»?)" } ?? ""))
    }

    /// `column` from 1, told by its letter as Excel shows it; `headerLine`: the line of the column names.
    static func importCellInNamelessColumn(_ cell: String, column: Int, headerLine: Int) -> Message {
        let letter = XLSXWriter.column(column - 1)
        return Message("import.cell_in_nameless_column",
                       en: "'\(cell)' is in column \(letter), which has no name on line \(headerLine) (the column names); name the column there or clear the cell",
                       ru: "«\(cell)» стоит в столбце \(letter), у которого нет названия в строке \(headerLine) (строка с названиями столбцов); впишите туда название столбца или очистите ячейку")
    }

    static func importIDTooLong(_ prefix: String) -> Message {
        Message("import.id_too_long", en: "the id '\(prefix)…' is longer than 64 characters",
                ru: "идентификатор «\(prefix)…» длиннее 64 знаков")
    }

    static func importNotASite(_ org: String) -> Message {
        Message("import.not_a_site", en: "org_id '\(org)' is not a site id",
                ru: "«\(org)» в столбце org_id — не код организации (например, s017)")
    }

    static func importIDRepeated(_ id: String, firstLine: Int) -> Message {
        Message("import.id_repeated",
                en: "the id \(id) is already on line \(firstLine): a line copied from it to add someone new keeps its id — clear the id cell of this line; the same record twice — delete one of the two lines",
                ru: "идентификатор \(id) уже есть в строке \(firstLine): строка, скопированная из неё для новой записи, сохранила её идентификатор — очистите в этой строке ячейку «id»; если это та же запись — удалите одну из двух строк")
    }

    static func importRegistryRefuses(_ detail: String) -> Message {
        Message("import.registry_refuses", en: "the registry refuses this row: \(detail)",
                ru: "реестр не принимает эту строку: \(detail)")
    }

    /// Said in the web app and at the command line alike: no command, no button, no id.
    static func importNearNamesake(_ name: String, registered: String) -> Message {
        Message("import.near_namesake",
                en: "«\(name)» looks like «\(registered)», born the same day: if this is her, write the name in the list as the registry has it — or, if the list has it right (a full name where the registry has a short one), correct it in the registry first, on her page (or start from a list exported from the registry: it has an id column); if this is someone else, add them by hand, on their own, saying it is someone else",
                ru: "«\(name)» похоже на «\(registered)» с той же датой рождения: если это тот же человек, напишите имя в списке так, как в реестре, — а если верно имя в списке (полное там, где в реестре краткое), сначала исправьте его в реестре, на странице человека (или возьмите за основу список, выгруженный из реестра: в нём есть столбец id); если это другой человек, добавьте его вручную, отдельной записью, и подтвердите, что это другой человек")
    }

    /// A line naming a person the registry holds under the same name, with another birth date or
    /// none: most often the same person with a slip in the date; added, she would be there twice.
    static func importNamesakeDate(_ name: String, registered: [String], lineDate: String?) -> Message {
        let dates = registered.joined(separator: ", ")
        return Message("import.namesake_date",
                       en: "«\(name)» is in the registry already, born \(dates)"
                           + (lineDate.map { ", not \($0): if this is her, correct the date in the list" } ?? ", and this line gives no birth date: write it in the list")
                           + " (or start from a list exported from the registry: it has an id column); if this is someone else, add them by hand, on their own",
                       ru: "«\(name)» уже есть в реестре с датой рождения \(dates)"
                           + (lineDate.map { ", а в строке — \($0): если это тот же человек, исправьте дату в списке" } ?? ", а в строке даты рождения нет: впишите её в список")
                           + " (или возьмите за основу список, выгруженный из реестра: в нём есть столбец id); если это другой человек, добавьте его вручную, отдельной записью")
    }
}

/// How a file was read: what of it was left out.
extension Message {
    public static func importColumnsSkipped(_ table: String, _ names: [String]) -> Message {
        let columns = RegistrySchema.schema.table(named: table)?.cellNames ?? []
        let russian = columns.map { c in HeaderAliases.russian(c, table: table) ?? c }
        return Message("import.columns_skipped",
                       en: "left out, as \(table) has no such column\(names.count == 1 ? "" : "s"): \(names.map { "'\($0)'" }.joined(separator: ", ")) (a misspelt name? its columns are: \(columns.joined(separator: ", ")))",
                       ru: "\(names.count == 1 ? "столбец пропущен" : "столбцы пропущены") — в таблице \(ruTitle(table)) \(names.count == 1 ? "такого нет" : "таких нет"): \(names.map { "«\($0)»" }.joined(separator: ", ")) (если это опечатка, исправьте название; столбцы таблицы: \(russian.joined(separator: ", ")))")
    }

    public static func importExperienceInYears(_ name: String) -> Message {
        Message("import.experience_in_years",
                en: "column «\(name)» left out: the registry keeps the day teaching began, not years of it; add a column «Педагогический стаж с» with that day (DD.MM.YYYY) — the report counts teachers with less than 3 years by it",
                ru: "столбец «\(name)» пропущен: реестр хранит не число лет стажа, а дату его начала; добавьте столбец «Педагогический стаж с» с этой датой (ДД.ММ.ГГГГ) — по ней отчёт считает педагогов со стажем до 3 лет")
    }

    public static func importAddedWithoutRole(_ n: Int) -> Message {
        Message("import.added_without_role",
                en: "\(Plural.en(count: n, "new person", "new people")) with no role: the report's indicators about teachers do not count them; add a column «Роль» (учитель, ученик, …) to the list, or set the role on each person's page",
                ru: "новых людей без роли: \(n) — показатели отчёта о педагогах их не учтут; добавьте в список столбец «Роль» (учитель, ученик, …) или укажите роль в карточке каждого")
    }

    public static func importHeadingsSkipped(_ lines: [Int]) -> Message {
        let listed = lines.map(String.init).joined(separator: ", ")
        return Message("import.headings_skipped",
                       en: "section headings left out (one cell across the row): \(lines.count == 1 ? "line" : "lines") \(listed)",
                       ru: "пропущены подзаголовки (одна ячейка на всю строку): \(lines.count == 1 ? "строка" : "строки") \(listed)")
    }
    /// Why a line was left out: the row is hidden in Excel.
    public static func importRowHidden(filtered: Bool) -> Message {
        Message("import.row_hidden", en: filtered ? "the row is hidden by a filter in Excel" : "the row is hidden in Excel",
                ru: filtered ? "строка скрыта фильтром в Excel" : "строка скрыта в Excel")
    }

    public static func importHiddenLines(_ lines: [Int], filtered: Bool) -> Message {
        let one = lines.count == 1, en = lineList(lines, .en), ru = lineList(lines, .ru)
        let (enHow, ruHow) = filtered ? ("clear the filter (Data → Filter)", "снимите фильтр (Данные → Фильтр)") : ("show the hidden rows", "покажите скрытые строки")
        return Message("import.hidden_lines",
                       en: "\(one ? "line" : "lines") \(en) \(one ? "is" : "are") hidden\(filtered ? " by a filter" : "") in Excel and not loaded; to load \(one ? "it" : "them") too, \(enHow) and load the list again",
                       ru: "\(one ? "строка" : "строки") \(ru) \(one ? "скрыта" : "скрыты")\(filtered ? " фильтром" : "") в Excel и не \(one ? "загружается" : "загружаются"); чтобы загрузить и \(one ? "её" : "их"), \(ruHow) и загрузите список снова")
    }

    /// Why a line was left out: it is the list's total.
    public static func importTotalsLine(_ cell: String) -> Message {
        Message("import.totals_line", en: "the list's totals line (‘\(cell)’)", ru: "итоговая строка списка («\(cell)»)")
    }

    public static func importTotalsLinesSkipped(_ lines: [Int]) -> Message {
        let one = lines.count == 1
        return Message("import.totals_lines_skipped",
                       en: "the list's totals \(one ? "line" : "lines") left out («Итого», «Всего»): \(one ? "line" : "lines") \(lineList(lines, .en))",
                       ru: "\(one ? "пропущена итоговая строка" : "пропущены итоговые строки") списка («Итого», «Всего»): \(one ? "строка" : "строки") \(lineList(lines, .ru))")
    }

    /// Why a line was left out: its «№ п/п» alone is filled.
    public static func importNumberAlone(_ number: String) -> Message {
        Message("import.number_alone", en: "only its number, ‘\(number)’, is filled", ru: "заполнен только номер «\(number)»")
    }

    public static func importNumberAloneLines(_ lines: [Int]) -> Message {
        let one = lines.count == 1
        return Message("import.number_alone_lines",
                       en: "\(one ? "line" : "lines") \(lineList(lines, .en)): only the number (№) is filled — left out; if someone belongs there, fill \(one ? "it" : "them") in and load the list again",
                       ru: "\(one ? "строка" : "строки") \(lineList(lines, .ru)): заполнен только номер (№ п/п) — \(one ? "она пропущена; если в ней" : "они пропущены; если в них") кто-то должен быть, впишите его и загрузите список снова")
    }

    /// Why a line was left out: a template's row, its number and the defaults filled down the sheet.
    public static func importTemplateDefaults(_ number: String) -> Message {
        Message("import.template_defaults", en: "only its number, ‘\(number)’, and the template's defaults are filled: nobody's line",
                ru: "заполнены только номер «\(number)» и значения, которые шаблон ставит заранее: в строке никого нет")
    }

    public static func importTemplateLines(_ lines: [Int]) -> Message {
        let one = lines.count == 1
        return Message("import.template_lines",
                       en: "\(one ? "line" : "lines") \(lineList(lines, .en)): no name, only the number (№) and the template's defaults — left out; if someone belongs there, fill \(one ? "it" : "them") in and load the list again",
                       ru: "\(one ? "строка" : "строки") \(lineList(lines, .ru)): нет ни имени, ни других данных, только номер (№ п/п) и значения шаблона по умолчанию — \(one ? "она пропущена; если в ней" : "они пропущены; если в них") кто-то должен быть, впишите его и загрузите список снова")
    }

    /// Lines as a person reads them: «3, 5, 9–14»; past the first dozen, how many more (a filter
    /// hiding every other row of a long list: the page after loading carries the list in its address).
    static func lineList(_ lines: [Int], _ language: Language) -> String {
        var runs: [[Int]] = []
        for line in lines {
            if let last = runs.last?.last, line == last + 1 { runs[runs.count - 1].append(line) } else { runs.append([line]) }
        }
        let said = runs.prefix(12).map { r in r.count >= 3 ? "\(r[0])–\(r[r.count - 1])" : r.map(String.init).joined(separator: ", ") }
        let more = runs.dropFirst(12).reduce(0) { $0 + $1.count }
        guard more > 0 else { return said.joined(separator: ", ") }
        return said.joined(separator: ", ") + (language == .ru ? " и ещё \(more)" : " and \(more) more")
    }

    static func importExcelError(_ context: EntryContext, _ code: String) -> Message {
        Message("import.excel_error",
                en: "\(context.en): the cell holds an Excel error, \(code) (a formula that found nothing or failed); correct the formula or type the value",
                ru: "\(context.ru): в ячейке ошибка Excel «\(ExcelErrors.russian[code] ?? code)» (формула ничего не нашла или не сработала); исправьте формулу или впишите значение")
    }
    public static let importNameColumnsJoined = Message("import.name_columns_joined",
        en: "the full name (ФИО) is made of the columns «Фамилия», «Имя», «Отчество»",
        ru: "ФИО составлено из столбцов «Фамилия», «Имя», «Отчество»")
    public static func importTitleLinesSkipped(_ n: Int) -> Message {
        Message("import.title_lines_skipped",
                en: "\(Plural.en(count: n, "line", "lines")) above the column names left out (a title)",
                ru: "пропущено над строкой с названиями столбцов (заголовок): \(Plural.ru(count: n, "строка", "строки", "строк"))")
    }
}

extension Message {
    /// A pairs list's «Наставляемые» naming others than a pair the registry holds has: left as they are.
    public static func importPairMenteesLeftAlone(_ n: Int) -> Message {
        Message("import.pair_mentees_left_alone",
                en: "«Mentees» of pairs already in the registry are not changed by a list (\(Plural.en(count: n, "line names", "lines name")) others than the pair has): add or remove a pair's mentees on the pair's page; a new pair of the list is given those it names",
                ru: "наставляемых пар, которые уже есть в реестре, список не меняет (строк, где они названы иначе, чем в паре: \(n)): добавьте или уберите наставляемых на странице пары; новой паре из списка добавляются те, кто назван в её строке")
    }

    /// A new pair's mentees its list line names, as the preview tells them.
    public static func importPairMenteesLinked(_ names: [String]) -> Message {
        Message("import.pair_mentees_linked", en: "mentees: \(names.joined(separator: ", "))", ru: "наставляемые: \(names.joined(separator: ", "))")
    }
}

extension Message {
    /// A pairs list's «Наставляемые» among the columns a list may have (the web's import page).
    public static let importPairMenteesColumn = Message("import.pair_mentees_column", en: "Mentees (of a new pair)", ru: "Наставляемые (новой пары)")

    /// The same at `import-csv pairs --help`.
    public static let importPairMenteesColumnHelp = Message("import.pair_mentees_column_help",
        en: "a pairs list may end with «Наставляемые» (Mentees): names separated by «;», as the list for Excel writes them; a new pair is given them, as on the pair's page; a pair the registry holds keeps its mentees",
        ru: "список пар может заканчиваться столбцом «Наставляемые» — имена через «;», как в списке для Excel: новой паре они добавляются, как на странице пары; у пары, которая уже есть в реестре, наставляемые не меняются")
}
