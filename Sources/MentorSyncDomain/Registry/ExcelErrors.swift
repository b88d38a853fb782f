import Foundation

/// The error values of Excel's formulas, as a workbook holds them (English) and as Russian Excel
/// shows them and saves them to CSV: a cell holding one is never a value a person means.
enum ExcelErrors {
    static let russian: [String: String] = [
        "#N/A": "#Н/Д", "#VALUE!": "#ЗНАЧ!", "#REF!": "#ССЫЛКА!", "#NAME?": "#ИМЯ?", "#DIV/0!": "#ДЕЛ/0!",
        "#NUM!": "#ЧИСЛО!", "#NULL!": "#ПУСТО!", "#SPILL!": "#ПЕРЕНОС!", "#CALC!": "#ВЫЧИСЛ!", "#GETTING_DATA": "#ПОЛУЧЕНИЕ_ДАННЫХ",
    ]
    private static let english = Dictionary(russian.map { ($1, $0) }, uniquingKeysWith: { a, _ in a })

    /// The error a cell's text is (in English), or nil.
    static func code(_ cell: String) -> String? {
        let t = cell.trimmingCharacters(in: .whitespaces).uppercased()
        guard t.hasPrefix("#") else { return nil }
        return russian[t] != nil ? t : english[t]
    }
}
