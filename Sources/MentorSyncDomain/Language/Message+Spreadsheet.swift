/// Messages about Excel workbooks and the zip files they are (XLSXError, ZipError). ZIP reasons
/// are the second half of a sentence that starts with the file's name.
extension Message {
    static let workbookAdvice = Message("xlsx.advice",
        en: "save it again in Excel or LibreOffice as .xlsx (Excel Workbook) or as CSV, and import that",
        ru: "сохраните его заново в Excel или LibreOffice как .xlsx («Книга Excel») или как CSV и загрузите снова")

    // MARK: ZIP
    static let zipNotZip = Message("zip.not_zip", en: "it is not a zip file (an .xlsx workbook is one)",
                                   ru: "это не zip-архив (а книга .xlsx — это zip-архив)")
    static func zipDamaged(_ why: Message) -> Message {
        Message("zip.damaged", en: "it is damaged (\(why.english))", ru: "файл повреждён (\(why.russian))")
    }
    static func zipUnsupported(_ what: Message) -> Message {
        Message("zip.unsupported", en: "it uses \(what.english), which this program does not read",
                ru: "в нём \(what.russian), такое программа не читает")
    }
    static func zipOverLimit(_ why: Message) -> Message {
        Message("zip.over_limit", en: "it is refused: \(why.english) (a zip bomb?)", ru: "файл отклонён: \(why.russian) (zip-бомба?)")
    }
    static func zipChecksum(_ entry: String) -> Message {
        Message("zip.checksum", en: "it is damaged (\(entry) fails its checksum)", ru: "файл повреждён (у части \(entry) не сходится контрольная сумма)")
    }

    static func zipLocalHeaderMissing(_ e: String) -> Message {
        Message("zip.local_header", en: "the local header of \(e) is missing", ru: "нет заголовка части \(e)")
    }
    static func zipCutShort(_ e: String) -> Message { Message("zip.cut_short", en: "\(e) is cut short", ru: "часть \(e) обрезана") }
    static func zipTwoSizes(_ e: String) -> Message { Message("zip.two_sizes", en: "\(e) has two different sizes", ru: "у части \(e) два разных размера") }
    static func zipUnpacksMore(_ e: String, _ size: Int) -> Message {
        Message("zip.unpacks_more", en: "\(e) unpacks to more than its declared \(size) bytes",
                ru: "часть \(e) распаковывается больше заявленных \(size) байт")
    }
    static func zipDoesNotUnpack(_ e: String) -> Message { Message("zip.no_unpack", en: "\(e) does not unpack", ru: "часть \(e) не распаковывается") }
    static let zipDirectoryOutside = Message("zip.directory_outside", en: "its directory lies outside the file", ru: "оглавление архива за пределами файла")
    static let zipDirectoryCut = Message("zip.directory_cut", en: "its directory is cut short", ru: "оглавление архива обрезано")
    static func zipTwoEntries(_ e: String) -> Message { Message("zip.two_entries", en: "two entries are named \(e)", ru: "две части с именем \(e)") }
    static func zipEntryOutside(_ e: String) -> Message { Message("zip.entry_outside", en: "\(e) lies outside the file", ru: "часть \(e) за пределами файла") }

    static func zipPassword(_ e: String) -> Message { Message("zip.password", en: "a password (\(e) is encrypted)", ru: "пароль (часть \(e) зашифрована)") }
    static let zip64 = Message("zip.zip64", en: "ZIP64", ru: "формат ZIP64")
    static let zipVolumes = Message("zip.volumes", en: "several volumes", ru: "разбиение на тома")
    static func zipMethod(_ method: UInt16, _ e: String) -> Message {
        Message("zip.method", en: "compression method \(method) (in \(e))", ru: "метод сжатия \(method) (в части \(e))")
    }

    static func zipFileTooLarge(_ mb: Int) -> Message { Message("zip.file_large", en: "the file is larger than \(mb) MB", ru: "файл больше \(mb) МБ") }
    static func zipEntryTooLarge(_ e: String, _ mb: Int, limit: Int) -> Message {
        Message("zip.entry_large", en: "\(e) would unpack to \(mb) MB, more than \(limit) MB", ru: "часть \(e) распаковалась бы в \(mb) МБ, больше \(limit) МБ")
    }
    static func zipTotalTooLarge(_ mb: Int) -> Message {
        Message("zip.total_large", en: "its entries would unpack to more than \(mb) MB", ru: "его части распаковались бы больше чем в \(mb) МБ")
    }
    static func zipRatio(_ e: String, _ ratio: Int) -> Message {
        Message("zip.ratio", en: "\(e) would unpack \(ratio) times its packed size", ru: "часть \(e) распаковалась бы в \(ratio) раз больше сжатой")
    }
    static func zipEntries(_ n: Int, limit: Int) -> Message {
        Message("zip.entries", en: "it has \(n) entries, more than \(limit)", ru: "частей в нём: \(n), а можно не больше \(limit)")
    }
    static func zipWriteTooLarge(_ e: String) -> Message {
        Message("zip.write_large", en: "\(e) is too large for a zip file without ZIP64", ru: "часть \(e) слишком велика для zip-архива без ZIP64")
    }

    // MARK: Workbooks
    static func xlsxUnreadable(_ file: String, _ why: Message) -> Message {
        Message("xlsx.unreadable", en: "\(file) cannot be read as an Excel workbook: \(why.english); \(workbookAdvice.english)",
                ru: "\(file) не читается как книга Excel: \(why.russian); \(workbookAdvice.russian)")
    }
    static func xlsxOldExcel(_ file: String) -> Message {
        Message("xlsx.old_excel", en: "\(file) is an old Excel 97–2003 workbook (.xls), which this program does not read; \(workbookAdvice.english)",
                ru: "\(file) — старая книга Excel 97–2003 (.xls), такие программа не читает; \(workbookAdvice.russian)")
    }
    static func xlsxPassword(_ file: String) -> Message {
        Message("xlsx.password",
                en: "\(file) is protected by a password and cannot be read: open it in Excel, take the password off "
                    + "(File → Info → Protect Workbook → Encrypt with Password, clear the password, OK), save it and import it again",
                ru: "\(file) — книга под паролем, прочитать её нельзя: откройте её в Excel, снимите пароль "
                    + "(«Файл» → «Сведения» → «Защита книги» → «Зашифровать с использованием пароля», сотрите пароль и нажмите «ОК»), "
                    + "сохраните и загрузите снова")
    }
    static func xlsxOpenDocument(_ file: String) -> Message {
        Message("xlsx.ods", en: "\(file) is an OpenDocument file but no spreadsheet (a text, a presentation); \(workbookAdvice.english)",
                ru: "\(file) — файл OpenDocument, но не таблица (текст или презентация); \(workbookAdvice.russian)")
    }
    static func xlsxFormulaWithoutValue(_ file: String, _ cell: String) -> Message {
        Message("xlsx.formula_without_value",
                en: "in \(file), cell \(cell) holds a formula whose value the file does not keep (it was saved by a program other than Excel): open it in Excel or LibreOffice, save it and import it again",
                ru: "в книге \(file) в ячейке \(cell) формула, а её значения в файле нет (файл сохранила не Excel, а другая программа): откройте его в Excel или LibreOffice, сохраните и загрузите снова")
    }
    static func xlsxWordDocument(_ file: String) -> Message {
        Message("xlsx.word", en: "\(file) is a Word document, not an Excel workbook: copy its table onto an Excel sheet, save it as .xlsx (Excel Workbook) and import that",
                ru: "\(file) — документ Word, а не книга Excel: скопируйте таблицу из него на лист Excel, сохраните как .xlsx («Книга Excel») и загрузите этот файл")
    }
    static func xlsxNotWorkbook(_ file: String, missing: String) -> Message {
        Message("xlsx.not_workbook", en: "\(file) is a zip file but not an Excel workbook (it has no \(missing)); \(workbookAdvice.english)",
                ru: "\(file) — zip-архив, но не книга Excel (в нём нет \(missing)); \(workbookAdvice.russian)")
    }
    static func xlsxBadPart(_ file: String, _ part: String, _ reason: Message) -> Message {
        Message("xlsx.bad_part", en: "\(file) is damaged: \(part) \(reason.english); \(workbookAdvice.english)",
                ru: "\(file) повреждён: \(part) \(reason.russian); \(workbookAdvice.russian)")
    }
    static func xlsxNoSheet(_ file: String, _ name: String, sheets: [String]) -> Message {
        Message("xlsx.no_sheet", en: "\(file) has no sheet '\(name)'; its sheets are: \(sheets.map { "'\($0)'" }.joined(separator: ", "))",
                ru: "в книге \(file) нет листа «\(name)»; её листы: \(sheets.map { "«\($0)»" }.joined(separator: ", "))")
    }
    static func xlsxTooLarge(_ file: String, _ reason: Message) -> Message {
        Message("xlsx.too_large", en: "\(file) is too large to import: \(reason.english); split the list into several files",
                ru: "\(file) слишком велик для загрузки: \(reason.russian); разделите список на несколько файлов")
    }
    static func xlsxCellTooLong(_ sheet: String, _ cell: String, limit: Int) -> Message {
        Message("xlsx.cell_too_long", en: "cell \(cell) of \(sheet) holds more than \(limit) characters, more than Excel takes; export this table as CSV instead",
                ru: "в ячейке \(cell) листа \(sheet) больше \(limit) знаков — больше, чем принимает Excel; выгрузите эту таблицу в CSV")
    }

    static let xlsxDoctype = Message("xlsx.doctype", en: "declares a document type, which no workbook does", ru: "объявляет тип документа, чего в книгах не бывает")
    static let xlsxNotUTF8 = Message("xlsx.not_utf8", en: "is not written in UTF-8, as workbooks are", ru: "записан не в UTF-8, как пишутся книги")
    static func xlsxMalformed(line: Int) -> Message {
        Message("xlsx.malformed", en: "is not well-formed XML (line \(line))", ru: "— испорченный XML (строка \(line))")
    }
    static func xlsxRowOrder(_ r: String) -> Message {
        Message("xlsx.row_order", en: "has a row numbered '\(r)' out of order", ru: "содержит строку с номером «\(r)» не по порядку")
    }
    static func xlsxCellOutsideRow(_ r: String, row: Int) -> Message {
        Message("xlsx.cell_row", en: "has a cell '\(r)' outside its row \(row)", ru: "содержит ячейку «\(r)» вне своей строки \(row)")
    }
    static let xlsxBeyondXFD = Message("xlsx.beyond_xfd", en: "has a cell beyond column XFD", ru: "содержит ячейку правее столбца XFD")
    static func xlsxNoSharedString(_ v: String) -> Message {
        Message("xlsx.shared_string", en: "has a cell pointing at shared string '\(v)', which does not exist",
                ru: "содержит ссылку на несуществующую общую строку «\(v)»")
    }
    static func xlsxFileLarger(_ mb: Int) -> Message { Message("xlsx.file_large", en: "it is larger than \(mb) MB", ru: "он больше \(mb) МБ") }
    static func xlsxManyCells(_ n: Int) -> Message {
        Message("xlsx.many_cells", en: "its sheet has more than \(n) filled cells", ru: "на листе больше \(n) заполненных ячеек")
    }
    static func xlsxSpan(rows: Int, columns: Int) -> Message {
        Message("xlsx.span", en: "its sheet spans \(rows) rows by \(columns) columns", ru: "лист занимает строк: \(rows), столбцов: \(columns)")
    }

    /// The header of the mentees a pairs list for people shows (read only: an import leaves it alone).
    static let pairMenteesHeader = Message("header.pair_mentees", en: "Mentees", ru: "Наставляемые")
}
