import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// Usage errors of the command line: how a command is called, options missing or mistyped.
extension Message {
    /// A command's syntax, given when it was called otherwise.
    static func usage(_ syntax: String) -> Message {
        Message("cli.usage", en: syntax, ru: "как вызывать: \(Placeholders.russian(syntax))")
    }
    static let webPasswordUsage = Message("cli.usage.web_password",
        en: "web-password --user NAME (the password is read as one line from stdin)",
        ru: "как вызывать: web-password --user ИМЯ (пароль читается одной строкой со стандартного входа)")
    static func optionTakesNoValue(_ name: String) -> Message {
        Message("cli.option_no_value", en: "--\(name) takes no value", ru: "--\(name) пишется без значения")
    }
    static func optionNeedsValue(_ name: String) -> Message {
        Message("cli.option_needs_value", en: "--\(name) needs a value", ru: "после --\(name) нужно значение")
    }
    static func unknownOption(_ name: String, known: String) -> Message {
        Message("cli.unknown_option", en: "unknown option --\(name)\(known.isEmpty ? "" : " (this command takes \(known))")",
                ru: "нет такого параметра: --\(name)\(known.isEmpty ? "" : " (у этой команды есть: \(known))")")
    }
    static func optionRequired(_ name: String, _ hint: Message?) -> Message {
        Message("cli.option_required", en: "--\(name) is required\(hint.map { ": \($0.english)" } ?? "")",
                ru: "нужен параметр --\(name)\(hint.map { ": \($0.russian)" } ?? "")")
    }
    static func optionTakesPairs(_ name: String, _ item: String) -> Message {
        Message("cli.option_pairs", en: "--\(name) takes COLUMN=VALUE, not '\(item)'", ru: "--\(name) пишется как ПОЛЕ=ЗНАЧЕНИЕ, а не «\(item)»")
    }
    static func optionNumber(_ name: String, _ low: Int, _ high: Int, unit: (en: String, ru: String) = ("a number", "число")) -> Message {
        Message("cli.option_number", en: "--\(name) takes \(unit.en) from \(low) to \(high)", ru: "--\(name): \(unit.ru) от \(low) до \(high)")
    }
    static func badSeparator(_ s: String) -> Message {
        Message("cli.bad_separator", en: "--separator takes ';' or ',' (or 'tab'), not '\(s)'", ru: "--separator: ';' или ',' (или 'tab'), а не «\(s)»")
    }
    static let shareOrFiles = Message("cli.share_or_files", en: "give either --share DIR or bundle files, not both",
                                      ru: "укажите либо --share ПАПКА, либо файлы пакетов, но не то и другое")
    static let putNeedsSet = Message("cli.put_needs_set", en: "put needs at least one --set COLUMN=VALUE", ru: "для put нужен хотя бы один --set ПОЛЕ=ЗНАЧЕНИЕ")
    static let keepBackups = Message("cli.keep_backups", en: "--keep takes a number of backups to keep, 1 or more",
                                     ru: "--keep: сколько резервных копий хранить, 1 или больше")

    /// What a required option is for.
    static let hintEnrollFile = Message("cli.hint.enroll", en: "the enrollment file from the district", ru: "файл подключения от управления образования")
    static let hintNewEnrollFile = Message("cli.hint.new_enroll", en: "the new enrollment file from the district", ru: "новый файл подключения от управления образования")
    static let hintShare = Message("cli.hint.share", en: "the USB stick or shared folder", ru: "флешка или общая папка")
    static let hintOut = Message("cli.hint.out", en: "the folder to write the bundle into", ru: "папка, куда записать пакет")
    static let hintUser = Message("cli.hint.user", en: "the user name to log in with", ru: "имя пользователя для входа")
    static let hintDistrictName = Message("cli.hint.district_name", en: "the district's name, e.g. --name \"Управление образования г. Дубна\"",
                                          ru: "название управления образования, например --name \"Управление образования г. Дубна\"")
    static let hintSite = Message("cli.hint.site", en: "the school's short id, e.g. s017", ru: "короткий код школы, например s017")
    static let hintSchoolName = Message("cli.hint.school_name", en: "the school's name", ru: "название школы")
    static let hintEnrollOut = Message("cli.hint.enroll_out", en: "where to write the enrollment file", ru: "куда записать файл подключения")
    static let hintServeShare = Message("cli.hint.serve_share", en: "the shared folder schools write to", ru: "общая папка, в которую пишут школы")
    static let hintResyncSite = Message("cli.hint.resync_site", en: "the school to resync", ru: "школа, у которой заказать полную пересылку")
    static let hintRevokeSite = Message("cli.hint.revoke_site", en: "the school whose machine was lost or stolen", ru: "школа, чей компьютер потерян или украден")
    static let hintBackupOut = Message("cli.hint.backup_out", en: "a new file name, or a folder for dated backups", ru: "имя нового файла или папка для копий с датой")
    static let hintBackupFrom = Message("cli.hint.backup_from", en: "the backup file to restore", ru: "файл резервной копии, из которого восстановить")
}

extension UsageError {
    init(_ message: Message) { self.init(message.text()) }
    /// The command's syntax as the error: `как вызывать: status [--json]`.
    init(syntax: String) { self.init(Message.usage(syntax).text()) }
}

/// The words a synopsis puts in capitals for what the person writes (`--home DIR`), as a Russian
/// reader reads them (`--home ПАПКА`), like the hints beside them («put ТАБЛИЦА --help», «КОД»).
/// The option names, the command words and `ID` (a row's id, «id» in Russian lines too) stay.
enum Placeholders {
    static let russianWords: [String: String] = [
        "DIR": "ПАПКА", "FILE": "ФАЙЛ", "NAME": "НАЗВАНИЕ", "SITE": "КОД", "TABLE": "ТАБЛИЦА", "COLUMN": "СТОЛБЕЦ",
        "VALUE": "ЗНАЧЕНИЕ", "TEXT": "ТЕКСТ", "SECONDS": "СЕКУНДЫ", "HOST": "АДРЕС", "PORT": "ПОРТ", "YYYY": "ГГГГ",
        "COMMAND": "КОМАНДА",
    ]

    static func russian(_ text: String) -> String {
        // A user's or a host's name is an «имя»; a school's, a district's or a sheet's a «название».
        var out = text.replacingOccurrences(of: "--user NAME", with: "--user ИМЯ")
            .replacingOccurrences(of: "--allow-host NAME", with: "--allow-host ИМЯ")
            // A conflict's ID is its «КОД», as `conflicts list` and its hints say.
            .replacingOccurrences(of: "show ID", with: "show КОД").replacingOccurrences(of: "resolve ID", with: "resolve КОД")
        for (en, ru) in russianWords {
            out = out.replacingOccurrences(of: "\\b\(en)\\b", with: ru, options: .regularExpression)
        }
        return out
    }
}
