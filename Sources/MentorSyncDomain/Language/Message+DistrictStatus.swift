/// What `mentorsync-district status` (and the district's web dashboard) says about the district and each school.
extension Message {
    /// `Управление образования: 3 школы, 2 открытых конфликта, 0 пакетов в карантине за 60 дней`.
    public static func districtStatusHeadline(name: String, schools: Int, conflicts: Int, quarantined: Int) -> Message {
        Message("status.district_headline",
                en: "\(name): \(Plural.en(count: schools, "school", "schools")), \(Plural.en(count: conflicts, "open conflict", "open conflicts")), \(Plural.en(count: quarantined, "bundle", "bundles")) quarantined in 60 days",
                ru: "\(name): \(Plural.ru(count: schools, "школа", "школы", "школ")), \(Plural.ru(count: conflicts, "открытый конфликт", "открытых конфликта", "открытых конфликтов")), \(Plural.ru(count: quarantined, "пакет", "пакета", "пакетов")) в карантине за 60 дней")
    }

    public static func waitingForUpgrade(_ files: String, schema: Int) -> Message {
        Message("status.waiting_for_upgrade",
                en: "bundles written by a newer mentorsync wait in the inbox: \(files); upgrade the district (it knows registry schema \(schema))",
                ru: "во входящих ждут пакеты, записанные более новой версией mentorsync: \(files); попросите администратора обновить mentorsync в управлении образования — пакеты дождутся, ничего не потеряется (эта версия знает схему реестра \(schema))")
    }

    public static func shareProblem(_ problem: String) -> Message {
        Message("status.share_problem",
                en: "the daemon cannot use its share: \(problem) — check that the shared folder is mounted",
                ru: "служба не может работать с общей папкой: \(problem) — проверьте, что общая папка подключена")
    }

    public static func noSchoolsYet(_ tool: String) -> Message {
        Message("status.no_schools",
                en: "no schools enrolled yet: '\(tool) enroll --site s001 --name … --out s001.enroll'",
                ru: "ни одна школа ещё не подключена: \(tool) enroll --site s001 --name «Название школы» --out s001.enroll")
    }

    /// The column titles of the schools' table (the clock's only when a clock is off).
    public static let statusSchoolColumns = [
        Message("status.column.school", en: "school", ru: "Школа"),
        Message("status.column.site", en: "code", ru: "Код"),
        Message("status.column.last_bundle", en: "last bundle", ru: "Последний пакет"),
        Message("status.column.days", en: "days", ru: "Дней"),
        Message("status.column.rows", en: "rows", ru: "Записей"),
        Message("status.column.unacked", en: "not yet there", ru: "Ещё не у школы"),
        Message("status.column.conflicts", en: "conflicts", ru: "Конфликтов"),
        Message("status.column.skew", en: "clock skew", ru: "Сдвиг часов"),
    ]

    /// What the «not yet there» column counts, under the schools' table.
    public static let unackedLegend = Message("status.unacked_legend",
        en: "not yet there: rows whose latest changes the school has not confirmed receiving; they go with the next exchange, and the count falls when the school's next bundle confirms them.",
        ru: "«Ещё не у школы» — записи, получение последних изменений которых школа ещё не подтвердила: они уходят ей со следующим обменом, а число уменьшится, когда следующий пакет школы это подтвердит.")

    public static let never = Message("status.never", en: "never", ru: "не было")
    public static let adviceHeading = Message("status.advice_heading", en: "advice:", ru: "Что сделать:")

    /// `5 d` / `5 дн.`
    public static func skewDays(_ days: Int) -> Message {
        Message("status.skew_days", en: "\(days)d", ru: "\(days) дн.")
    }

    /// The schools with nothing to do, in one line after those with something (a district of 60
    /// schools listed 57 lines of «всё в порядке» around its two silent schools).
    public static func schoolsAllWell(_ n: Int, others: Bool) -> Message {
        let ru = Plural.ru(count: n, "школа", "школы", "школ")
        return Message("status.schools_all_well", en: others ? "the other \(n) schools: ok" : "all \(n) schools: ok",
                       ru: others ? "остальные \(ru): всё в порядке" : "все \(ru): всё в порядке")
    }

    /// The dashboard's list of the schools that need something, above the table of all of them.
    public static let webDashboardToDo = Message("web.dashboard.to_do", en: "What to do", ru: "Что сделать")

    /// One school's advice line: `Лицей № 1 (s001): молчит 45 дней: позвоните в школу`.
    public static func schoolAdviceLine(name: String, site: String, advice: Message) -> Message {
        Message("status.school_advice_line", en: "\(name) (\(site)): \(advice.english)", ru: "\(name) (\(site)): \(advice.russian)")
    }
}

/// The advice for one school, in both languages (`SchoolStatus.adviceMessage`). The English text is
/// also the `advice` of `status --json`, so it never changes with the language.
extension Message {
    public static let adviceRevoked = Message("status.advice.revoked",
        en: "revoked: bundles are refused; to take them again, enroll the school anew («Enroll a school» with the box ticked or mentorsync-district enroll --again --site … --out FILE) and hand it the new file",
        ru: "школа отключена: её пакеты не принимаются; чтобы снова их принимать, подключите школу заново («Подключить школу» с отметкой или mentorsync-district enroll --again --site … --out ФАЙЛ) и передайте ей новый файл подключения")
    public static let adviceNothingYet = Message("status.advice.nothing_yet",
        en: "nothing received yet: hand the school its enrollment file and a share",
        ru: "от школы ещё ничего не пришло: передайте ей файл подключения и флешку (или путь к общей папке)")
    public static let adviceNothingAccepted = Message("status.advice.nothing_accepted",
        en: "nothing accepted yet: what came from the school was refused (why: under «Refused in the last 60 days»); its changes come again with its next sync",
        ru: "от школы ещё ничего не принято: пришедшее отклонено (почему — ниже, в «Отклонено за 60 дней»); изменения придут снова со следующей синхронизацией школы")
    public static let adviceResync = Message("status.advice.resync",
        en: "resync ordered: waiting for the school's full re-send",
        ru: "заказана полная пересылка: ждём, когда школа пришлёт все данные заново")

    public static func adviceSilent(_ days: Int) -> Message {
        Message("status.advice.silent", en: "silent for \(Plural.en(count: days, "day", "days")): call the school",
                ru: "школа молчит \(Plural.ru(count: days, "день", "дня", "дней")): позвоните в школу")
    }

    /// A school's clock ahead (positive) or behind (negative) the district's by `days`.
    public static func adviceClockSkew(_ days: Int) -> Message {
        Message("status.advice.clock_skew", en: "clock off by \(days) \(abs(days) == 1 ? "day" : "days"): ask the school to set its computer's date",
                ru: "часы школьного компьютера \(days > 0 ? "спешат" : "отстают") на \(Plural.ru(count: abs(days), "день", "дня", "дней")): попросите школу поставить верную дату")
    }

    public static func adviceConflicts(_ n: Int) -> Message {
        Message("status.advice.conflicts", en: "\(Plural.en(count: n, "conflict", "conflicts")) to review",
                ru: "\(Plural.ru(count: n, "конфликт ждёт", "конфликта ждут", "конфликтов ждут")) решения")
    }

    /// After `status`'s advice when conflicts wait: the command that shows them (the web
    /// dashboard links its conflicts page instead).
    public static let conflictsListHint = Message("status.conflicts_hint",
        en: "to review the conflicts: mentorsync-district conflicts list",
        ru: "посмотреть и решить конфликты: mentorsync-district conflicts list")

    /// A new enrollment file issued without a revoke, not yet in use at the school: its old key is
    /// taken until `until`, then its files are refused. `webApp`: for the dashboard, what the school
    /// presses, not the command.
    public static func adviceNewKeyPending(until: String?, webApp: Bool = false) -> Message {
        let day = until.map { String($0.prefix(10)) }
        let how = webApp ? (en: "ask the school to install it («Status» → «A new enrollment file» in its web app)",
                            ru: "попросите школу установить его («Состояние» → «Новый файл подключения» в её веб-приложении)")
                         : (en: "have it installed (mentorsync-school rekey --enroll FILE, or «Состояние» → «Новый файл подключения» in its web app)",
                            ru: "пусть школа установит файл (mentorsync-school rekey --enroll ФАЙЛ или «Состояние» → «Новый файл подключения» в её веб-приложении)")
        return Message("status.advice.new_key_pending",
                       en: "a new enrollment file was issued and the school does not use it yet; \(day.map { "its old key is taken until \($0)" } ?? "its old key is refused"): \(how.en)",
                       ru: "школе выдан новый файл подключения, а она его ещё не установила; \(day.map { "старый ключ принимается до \(RowNames.russianDate($0))" } ?? "старый ключ не принимается"): \(how.ru)")
    }

    /// Files signed with a key the school had when it was revoked, after it sent with its new one:
    /// told for 30 days, whatever the school sends meanwhile.
    public static func adviceStrayComputer(_ n: Int, last at: String) -> Message {
        let day = String(at.prefix(10))
        return Message("status.advice.stray_computer",
                       en: "\(Plural.en(count: n, "file", "files")) in 30 days from the school's disconnected (lost or stolen) computer, the last on \(day): refused, nothing of them taken; the computer is in someone's hands — if it is found, delete its mentorsync folder",
                       ru: "с отключённого (потерянного или украденного) компьютера школы за 30 дней пришло файлов: \(n), последний \(RowNames.russianDate(day)); они отклонены, из них ничего не принято; компьютер у кого-то в руках — если он найдётся, удалите на нём папку mentorsync")
    }

    /// Files in the school's name refused since its last accepted bundle (damaged on the way, or
    /// signed with another key): told until the school's next bundle is accepted.
    public static func adviceRefusedFiles(_ n: Int) -> Message {
        Message("status.advice.refused_files",
                en: "\(Plural.en(count: n, "file", "files")) in the school's name refused since its last accepted bundle (why: under «Refused in the last 60 days»); if it repeats, call the school",
                ru: "после последнего принятого пакета отклонено файлов от имени школы: \(n) (почему — ниже, в «Отклонено за 60 дней»); если это повторится, позвоните в школу")
    }

    public static let adviceOK = Message("status.advice.ok", en: "ok", ru: "всё в порядке")

    /// `adviceRevoked` on the web dashboard: the page and the box, not the command.
    public static let webAdviceRevoked = Message("web.advice.revoked",
        en: "revoked: bundles are refused; to take them again, enroll the school anew on «Enroll a school» (tick «Enroll this school again») and hand it the new file",
        ru: "школа отключена: её пакеты не принимаются; чтобы снова их принимать, подключите её заново на странице «Подключить школу» (отметьте «Подключить эту школу заново») и передайте ей новый файл подключения")
}
