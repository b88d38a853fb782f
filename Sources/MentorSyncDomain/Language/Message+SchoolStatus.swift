import MentorSyncEngine

/// What `mentorsync-school status` (and the school's web status page) says.
extension Message {
    /// `Лицей № 1 (s001); управление образования: Управление образования г. Дубна`.
    public static func schoolStatusHeadline(name: String, site: String, district: String) -> Message {
        Message("status.school_headline", en: "\(name) (\(site)), district: \(district)",
                ru: "\(name) (\(site)); управление образования: \(district)")
    }

    /// A school set up and never synced: what comes next, in the words of the front end she uses.
    public static func schoolNeverExchanged(webApp: Bool) -> Message {
        webApp ? Message("status.school_never_exchanged_web",
                         en: "no exchange with the district yet: the school's data comes at the first one — «Sync», with the courier's stick or the shared folder",
                         ru: "обмена с управлением образования ещё не было: данные школы придут при первом обмене — «Обмен», с флешкой курьера или через общую папку")
               : Message("status.school_never_exchanged",
                         en: "no exchange with the district yet: the school's data comes at the first one (mentorsync-school sync --share FOLDER)",
                         ru: "обмена с управлением образования ещё не было: данные школы придут при первом обмене (mentorsync-school sync --share ПАПКА)")
    }

    public static let schoolAllAcknowledged = Message("status.school_all_acknowledged",
        en: "everything is acknowledged by the district",
        ru: "всё отправленное подтверждено управлением образования")

    public static let schoolAllReceivedSomeRefused = Message("status.school_all_received_some_refused",
        en: "the district has received everything sent; what it did not accept is below, each line saying what to do (a correction goes with the next sync)",
        ru: "управление образования получило всё отправленное; что оно не приняло — ниже, и в каждой строке сказано, что делать (исправление уйдёт с ближайшим обменом)")

    public static func schoolUnacknowledged(_ n: Int) -> Message {
        Message("status.school_unacknowledged",
                en: "\(Plural.en(count: n, "changed row", "changed rows")) not yet acknowledged by the district (\(n == 1 ? "it goes" : "they go") with every sync until it confirms)",
                ru: "\(Plural.ru(count: n, "изменённая запись ещё не подтверждена", "изменённые записи ещё не подтверждены", "изменённых записей ещё не подтверждены")) управлением образования (\(Plural.ru(n, "она уходит с каждым обменом, пока оно её не подтвердит", "они уходят с каждым обменом, пока оно их не подтвердит", "они уходят с каждым обменом, пока оно их не подтвердит")))")
    }

    /// `последняя отправка: 04.12.2026 10:21; последний ответ управления образования: не было`.
    public static func schoolLastExchange(export: String?, reply: String?) -> Message {
        func shown(_ t: String?, _ l: Language) -> String { t.map { LocalTime.readable($0, l) } ?? Message.never.text(l) }
        return Message("status.school_last_exchange",
                       en: "last export: \(shown(export, .en)); last reply from the district: \(shown(reply, .en))",
                       ru: "последняя отправка: \(shown(export, .ru)); последний ответ управления образования: \(shown(reply, .ru))")
    }

    public static let schoolFullResendPending = Message("status.school_full_resend",
        en: "the district asked for a full re-send: the next sync sends everything",
        ru: "управление образования просит прислать всё заново: следующий обмен отправит все данные")

    /// After a restore (or a registry put back from a copy): the school's own full exchange, not an order.
    public static let schoolFullExchangeAsked = Message("status.school_full_exchange_asked",
        en: "the next sync sends the district all of the school's data and asks it for a full copy",
        ru: "следующий обмен отправит управлению образования все данные школы и попросит у него полную копию")

    public static func schoolConflictsRecorded(_ n: Int) -> Message {
        Message("status.school_conflicts", en: "\(Plural.en(count: n, "conflict", "conflicts")) recorded: on \(n == 1 ? "its" : "their") way to the district, which reviews \(n == 1 ? "it" : "them") (gone from here once the district confirms)",
                ru: "\(Plural.ru(count: n, "конфликт записан", "конфликта записаны", "конфликтов записаны")): \(n == 1 ? "он передаётся" : "они передаются") в управление образования, там \(n == 1 ? "его" : "их") рассмотрят (отсюда \(n == 1 ? "он уйдёт" : "они уйдут"), когда управление подтвердит получение)")
    }

    /// `записей: Люди 12, Пары 3` — tables by their human titles.
    public static func schoolRowCounts(_ counts: [(String, Int)]) -> Message {
        func list(_ l: Language) -> String {
            counts.filter { $0.1 > 0 }.map { "\(Message.tableTitle($0.0).text(l)) \($0.1)" }.joined(separator: ", ")
        }
        return Message("status.school_rows", en: "rows: \(list(.en))", ru: "записей: \(counts.allSatisfy { $0.1 == 0 } ? "пока нет" : list(.ru))")
    }

    public static func commandCarriedOut(_ name: String, bundle: String, at: String) -> Message {
        // The one command there is, in words; another (from a newer district) as it came.
        let ru = name == "resync" ? "полная пересылка всех записей школы (resync)" : name
        let en = name == "resync" ? "a full re-send of all the school's rows (resync)" : name
        return Message("status.command_carried_out",
                       en: "the district's order carried out: \(en) (from \(bundle), \(LocalTime.readable(at, .en)))",
                       ru: "выполнено распоряжение управления образования: \(ru) (из пакета \(bundle), \(LocalTime.readable(at, .ru)))")
    }

    /// The last time capture was found off and re-armed, told with its time.
    public static func captureRepaired(_ r: CaptureRepair, at: String) -> Message {
        let notice = captureRepairNotice(r)
        return Message("status.capture_repaired",
                       en: "last capture repair (\(LocalTime.readable(at, .en))): \(notice.english)",
                       ru: "последний раз запись изменений восстановлена \(LocalTime.readable(at, .ru)): \(notice.russian)")
    }

    /// Capture found off (another program rebuilt a table) and switched on again.
    public static func captureRepairNotice(_ r: CaptureRepair) -> Message {
        let nothing = r.inserted + r.updated + r.deleted == 0
        let ruTables = r.tables.map { "«\(Message.tableTitle($0).russian)»" }.joined(separator: ", ")
        let ruWhat = nothing ? "за это время ничего не менялось"
            : "изменения, сделанные за это время, учтены: новых записей \(r.inserted), изменённых \(r.updated), удалённых \(r.deleted)"
        return Message("notice.capture_repaired", en: r.notice,
                       ru: "запись изменений была выключена для \(r.tables.count == 1 ? "таблицы" : "таблиц") \(ruTables) (другая программа пересоздала таблицу); теперь она снова включена, \(ruWhat)")
    }
}
