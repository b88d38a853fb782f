/// Where a typed value belongs, as a message about it begins: the column's title as people know it
/// (the Russian one import takes as a header); in English, its code for the command line too —
/// «ФИО» / Person (mentors.person_id).
public struct EntryContext: Sendable, Equatable {
    public let en: String
    public let ru: String

    public static func column(_ column: String, table: String) -> EntryContext {
        let title = Message.columnTitle(column, table: table)
        return EntryContext(en: "\(title.english) (\(table).\(column))", ru: "«\(title.russian)»")
    }

    /// A context said the same in both languages (`persons --id`).
    public static func plain(_ text: String) -> EntryContext { EntryContext(en: text, ru: text) }
}

/// Messages about values typed by a person (ValueParser).
extension Message {
    static func notADate(_ context: EntryContext, _ text: String) -> Message {
        Message("value.not_a_date",
                en: "\(context.en): '\(text)' is not a date (use YYYY-MM-DD or DD.MM.YYYY)",
                ru: "\(context.ru): «\(text)» — не дата (пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)")
    }

    /// «да» / «нет» in a date column (`ValueParser.givenOrNot`).
    static func yesNoForADate(_ context: EntryContext, _ text: String) -> Message {
        Message("value.yes_no_for_a_date",
                en: "\(context.en): '\(text)' is not a date: the registry keeps the day here (for a consent, the day it was given); type it as DD.MM.YYYY, or leave the cell empty when there is none",
                ru: "\(context.ru): «\(text)» — не дата: здесь реестр хранит день (для согласия — день, когда оно дано); впишите его как ДД.ММ.ГГГГ, а если его нет — оставьте ячейку пустой")
    }

    /// A workbook's date cell holding 0 (`ExcelDate.zero`).
    static func dateZero(_ context: EntryContext) -> Message {
        Message("value.date_zero",
                en: "\(context.en): the cell holds 0 as a date (Excel shows 00.01.1900, LibreOffice 30.12.1899), as a formula shows a date it did not find; type the date or clear the cell",
                ru: "\(context.ru): в ячейке 0 в формате даты (Excel показывает 00.01.1900, LibreOffice — 30.12.1899) — так формула показывает дату, которой не нашла; впишите дату или очистите ячейку")
    }

    /// A date of a month that has no such day, or of no month: «в феврале 2002 года нет 31-го числа».
    static func noSuchDay(_ context: EntryContext, _ text: String, year: Int, month: Int, day: Int) -> Message {
        let enMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let ruMonths = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре", "декабре"]
        guard (1...12).contains(month) else {
            return Message("value.no_such_month", en: "\(context.en): '\(text)' is not a date: there is no month \(month)",
                           ru: "\(context.ru): «\(text)» — не дата: месяца \(month) нет (месяцы — от 01 до 12)")
        }
        return Message("value.no_such_day", en: "\(context.en): '\(text)' is not a date: \(enMonths[month - 1]) \(year) has no day \(day)",
                       ru: "\(context.ru): «\(text)» — не дата: в \(ruMonths[month - 1]) \(year) года нет \(day)-го числа")
    }

    /// `allowed` pairs each value with its Russian word, if it has one.
    static func notAllowed(_ context: EntryContext, _ text: String, allowed: [(value: String, russian: String?)]) -> Message {
        // Her words alone (the commands and lists take them as they take the codes).
        let russian = allowed.map { a in a.russian ?? a.value }
        return Message("value.not_allowed",
                en: "\(context.en): '\(text)' is not one of \(allowed.map(\.value).joined(separator: ", "))",
                ru: "\(context.ru): «\(text)» — недопустимое значение; допустимо: \(russian.joined(separator: ", "))")
    }
}
