/// Why a report could not be made; each message is one line that says what to do.
public enum ReportError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `--period` is not a school year.
    case badPeriod(String)
    /// `--site` names no school of this registry.
    case unknownSite(String)
    /// The database is not a registry (a table is missing).
    case notARegistry(path: String, missingTable: String)
    /// `--format` is not one of the report formats.
    case badFormat(String)
    /// An Excel workbook asked for on the terminal.
    case workbookNeedsFile
    /// `--format` and the extension of `--out` disagree (a text table named .xlsx).
    case formatAndFileDisagree(format: String, file: String)

    public var description: String { message.text() }

    /// The error in both languages.
    public var message: Message {
        switch self {
        case .badPeriod(let text):
            return Message("report.bad_period", en: "period \(text): expected a school year like 2024-2025 (1 September to 31 August)",
                           ru: "период «\(text)»: нужен учебный год, например 2024-2025 (с 1 сентября по 31 августа)")
        case .unknownSite(let site):
            return Message("report.unknown_site", en: "site \(site): no school of this registry has that site id; see `status` for the enrolled schools",
                           ru: "«\(site)»: в этом реестре нет школы с таким кодом; подключённые школы показывает status")
        case .notARegistry(let path, let table):
            return Message("report.not_a_registry", en: "\(path): table \(table) is missing; this is not a mentorsync registry (run init first)",
                           ru: "\(path): нет таблицы \(table); это не реестр mentorsync (сначала выполните init)")
        case .badFormat(let text):
            let formats = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            return Message("report.bad_format", en: "format \(text): expected one of \(formats)", ru: "формат «\(text)»: допустимо \(formats)")
        case .workbookNeedsFile:
            return Message("report.xlsx_needs_file", en: "an Excel workbook is written to a file: add --out report.xlsx",
                           ru: "книгу Excel можно только записать в файл: добавьте --out отчёт.xlsx")
        case .formatAndFileDisagree(let format, let file):
            return Message("report.format_file_disagree", en: "--format \(format) does not fit the file name \(file); give the file the format's extension, or leave --format out",
                           ru: "формат «\(format)» не подходит к имени файла «\(file)»; дайте файлу расширение формата или не указывайте --format")
        }
    }
}
