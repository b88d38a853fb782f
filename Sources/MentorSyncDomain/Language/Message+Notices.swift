import MentorSyncEngine

/// Notices on standard error (rows held back, a registry put back from an older copy, capture
/// re-armed) and the errors of the database itself, in the reader's language.
extension Message {
    /// `notice: …` before a notice of the engine's.
    public static func notice(_ m: Message) -> Message {
        Message("notice.\(m.key)", en: "notice: \(m.english)", ru: "внимание: \(m.russian)")
    }

    /// A row an export left out, and why (`HeldRow.reason`, said again in Russian).
    public static func heldRow(_ h: HeldRow, name: String?) -> Message {
        let row = name.map { "«\($0)» [\(ReferenceResolver.shortID(h.id))]" } ?? h.id
        return Message("notice.held_row", en: "not sent: \(h.table) \(h.id): \(h.reason)",
                       ru: "не отправлено: \(tableTitle(h.table).russian) \(row): \(heldReasonRussian(h.reason))")
    }

    /// The engine's three reasons (HeldRow.problem) in Russian; any other is given as it is.
    static func heldReasonRussian(_ reason: String) -> String {
        func numbers() -> [String] { reason.split(whereSeparator: { !$0.isNumber && $0 != "." }).map(String.init).filter { $0.first?.isNumber == true } }
        if reason.hasPrefix("its id is "), let n = numbers().first, let max = numbers().dropFirst().first {
            return "код записи длиной \(n) байт — больше \(max), которые переносит пакет; дайте записи код покороче"
        }
        if reason.hasPrefix("its org_id is "), let n = numbers().first, let max = numbers().dropFirst().first {
            return "код организации длиной \(n) байт — больше \(max), которые переносит пакет; укажите в org_id код школы"
        }
        if let r = reason.range(of: " holds "), let more = reason.range(of: ", more than the "), let carries = reason.range(of: " a bundle carries") {
            let column = reason[..<r.lowerBound], size = reason[r.upperBound..<more.lowerBound], limit = reason[more.upperBound..<carries.lowerBound]
            return "в поле \(column) \(size) — больше \(limit), которые переносит пакет; сократите значение (сканы храните вне реестра), и запись уйдёт со следующим обменом"
        }
        return reason
    }

    public static func restoredCopy(_ rows: Int) -> Message {
        let why = (en: "note: the district holds writes this registry never sent (registry.db put back from an older copy, the school set up anew on another computer, or its folder copied to a second computer — then work on one only); ",
                   ru: "к сведению: у управления образования есть изменения, которых этот реестр не отправлял (registry.db восстановлен из старой копии, школа заново установлена на другом компьютере или её папка скопирована на второй компьютер — тогда работайте только на одном); ")
        // A new computer set up from the enrollment file has written nothing since: no count of nothing.
        if rows == 0 {
            return Message("notice.restored_copy",
                           en: why.en + "the district's full copy is asked for: all it received from the school comes back with the next sync",
                           ru: why.ru + "у управления запрошена полная копия: всё, что оно получило от школы, вернётся со следующим обменом")
        }
        return Message("notice.restored_copy",
                       en: why.en + "\(Plural.en(count: rows, "row written since goes", "rows written since go")) with the next sync, and the district's full copy is asked for",
                       ru: why.ru + "\(Plural.ru(count: rows, "запись, сделанная с тех пор, уйдёт", "записи, сделанные с тех пор, уйдут", "записей, сделанных с тех пор, уйдут")) со следующим обменом, а у управления запрошена полная копия")
    }

    public static func replyNotMerged(_ problem: String) -> Message {
        Message("school.reply_not_merged", en: "a reply could not be merged: \(problem)", ru: "ответ управления образования не удалось учесть: \(problem)")
    }
    public static func nothingMerged(_ problem: String) -> Message {
        Message("school.nothing_merged", en: "nothing merged: \(problem)", ru: "ничего не учтено: \(problem)")
    }
    public static func notAFolder(_ path: String) -> Message {
        Message("file.not_a_folder", en: "\(path) is not a folder: is the stick mounted?", ru: "\(path) — не папка: флешка вставлена?")
    }

    public static func registryDamaged(_ detail: String) -> Message {
        Message("db.damaged",
                en: "registry.db is damaged (\(detail)); do not edit it — restore it from the latest backup (see \(DocumentPath.of("BACKUP.md"))): what was written after it comes back with the next exchanges",
                ru: "registry.db повреждён (\(detail)); не правьте его — восстановите из последней резервной копии (см. \(DocumentPath.of("BACKUP.md"))): записанное после неё вернётся со следующими обменами")
    }
    public static func registryFailedCheck(_ detail: String) -> Message {
        Message("db.failed_check",
                en: "registry.db failed its integrity check (\(detail)); it was not changed — restore it from the latest backup (see \(DocumentPath.of("BACKUP.md"))): what was written after it comes back with the next exchanges",
                ru: "registry.db не прошёл проверку целостности (\(detail)); он не изменён — восстановите его из последней резервной копии (см. \(DocumentPath.of("BACKUP.md"))): записанное после неё вернётся со следующими обменами")
    }
    public static let diskFull = Message("db.disk_full", en: "the disk is full; free some space and run the command again (nothing was changed)",
                                         ru: "диск заполнен; освободите место и повторите команду (ничего не изменено)")
    public static let registryBusy = Message("db.busy", en: "the registry is busy (another mentorsync command is writing); try again in a minute",
                                             ru: "реестр занят (в него пишет другая команда mentorsync); повторите через минуту")
    public static func databaseError(_ detail: String) -> Message {
        Message("db.error", en: "database error: \(detail)", ru: "ошибка базы данных: \(detail)")
    }
}
