/// Texts of the web app (`mentorsync-school web`, `mentorsync-district web`).
extension Message {
    public static func webCannotListen(_ address: String, _ reason: String) -> Message {
        Message("web.cannot_listen", en: "cannot listen on \(address): \(reason); choose another address with --listen HOST:PORT",
                ru: "не удалось слушать \(address): \(reason); укажите другой адрес: --listen АДРЕС:ПОРТ")
    }
    public static func webAddressInUse(_ address: String) -> Message {
        Message("web.address_in_use",
                en: "\(address) is taken: the app may be running already (open http://\(address)/ in the browser), or choose another address with --listen HOST:PORT",
                ru: "адрес \(address) уже занят: возможно, приложение уже запущено (откройте в браузере http://\(address)/), или укажите другой адрес: --listen АДРЕС:ПОРТ")
    }
    public static func webBadListen(_ text: String) -> Message {
        Message("web.bad_listen", en: "--listen '\(text)' is not HOST:PORT with an IPv4 address; for example 127.0.0.1:8470",
                ru: "--listen «\(text)»: нужно АДРЕС:ПОРТ с адресом IPv4, например 127.0.0.1:8470")
    }
    public static let webNeedsPassword = Message("web.needs_password",
        en: "a web app on a non-loopback address needs a password: run 'web-password --user NAME' first",
        ru: "веб-приложению на внешнем адресе нужен пароль: сначала выполните 'web-password --user ИМЯ'")
    public static let webNoPasswordToLogIn = Message("web.no_password_to_log_in",
        en: "this page came through another server (a proxy), so it asks for a password, and none is set: run 'web-password --user NAME' on the computer of the web app",
        ru: "страница открыта через другой сервер (прокси), поэтому нужен вход по паролю, а пароль не задан: на компьютере веб-приложения выполните 'web-password --user ИМЯ'")
    public static func webCannotWrite(_ path: String, _ reason: String) -> Message {
        Message("web.cannot_write", en: "cannot write \(path): \(reason); check the home folder's permissions",
                ru: "не удалось записать \(path): \(reason); проверьте права на папку")
    }
    public static let webBadUser = Message("web.bad_user", en: "the user name must not be empty or hold ':'; give another --user",
                                           ru: "имя пользователя не может быть пустым или содержать ':'; укажите другое --user")
    public static let webShortPassword = Message("web.short_password", en: "the password is shorter than 8 characters; type a longer one",
                                                 ru: "пароль короче 8 символов; введите более длинный")
    public static let webNoPasswordLine = Message("web.no_password_line", en: "no password on stdin; type it as one line",
                                                  ru: "на входе нет пароля; введите его одной строкой")
    public static func webPasswordSet(_ user: String) -> Message {
        Message("web.password_set", en: "password of \(user) set; the web app asks for it on a non-loopback address",
                ru: "пароль пользователя \(user) задан; веб-приложение спросит его на внешнем адресе")
    }
    public static let webForbidden = Message("web.forbidden", en: "refused: this form is out of date or came from another site; reload the page and try again",
                                             ru: "отказано: форма устарела или пришла с другого сайта; обновите страницу и попробуйте снова")
    public static let webLoginFirst = Message("web.login_first", en: "refused: log in first, then send the form again",
                                              ru: "отказано: сначала войдите, затем отправьте форму снова")
    public static let webStaleFormTitle = Message("web.stale_form_title", en: "The form is out of date", ru: "Форма устарела")
    public static let webStaleFormBack = Message("web.stale_form_back", en: "Open the page again", ru: "Открыть страницу заново")
    public static let webBadHost = Message("web.bad_host", en: "refused: unknown host name; open the address the web app printed",
                                           ru: "отказано: неизвестное имя узла; откройте адрес, который напечатало веб-приложение")
    public static let webNotFound = Message("web.not_found", en: "no such page", ru: "такой страницы нет")
    public static let webLoginTitle = Message("web.login", en: "Sign in", ru: "Вход")
    public static let webUser = Message("web.user", en: "User", ru: "Пользователь")
    public static let webPassword = Message("web.password", en: "Password", ru: "Пароль")
    /// The button in every page's bar of a person who logged in: her session ends there (a shared computer).
    public static let webLogout = Message("web.logout", en: "Sign out", ru: "Выйти")
    public static let webLoginFailed = Message("web.login_failed", en: "wrong user or password; try again",
                                               ru: "неверное имя пользователя или пароль; попробуйте снова")
    public static let webHome = Message("web.home", en: "Home", ru: "Главная")
    public static let webStatus = Message("web.status", en: "Status", ru: "Состояние")
    public static let webSync = Message("web.sync", en: "Sync", ru: "Обмен")
    public static let webReport = Message("web.report", en: "Report", ru: "Отчёт")
    public static let webReportYear = Message("web.report.year", en: "School year", ru: "Учебный год")
    public static let webTargetsSet = Message("web.targets_set", en: "Targets set by the district", ru: "Цели, заданные управлением образования")
    public static let webReportSchool = Message("web.report.school", en: "School", ru: "Школа")
    /// A report asked for a school code the registry does not hold (an address typed by hand).
    public static func webReportUnknownSchool(_ site: String) -> Message {
        Message("web.report.unknown_school", en: "“\(site)”: no school of this registry has that code; choose the school from the list",
                ru: "«\(site)»: в этом реестре нет школы с таким кодом; выберите школу из списка")
    }
    public static let webReportAllSchools = Message("web.report.all_schools", en: "All schools and the municipality", ru: "Все школы и муниципалитет")
    public static let webReportShow = Message("web.report.show", en: "Show", ru: "Показать")
    public static let webListExcel = Message("web.list.excel", en: "Download for Excel", ru: "Скачать для Excel")
    public static let webReportExcel = Message("web.report.excel", en: "Download for Excel (.xlsx)", ru: "Скачать для Excel (.xlsx)")
    public static let webConflicts = Message("web.conflicts", en: "Conflicts", ru: "Конфликты")
    public static let webSchools = Message("web.schools", en: "Schools", ru: "Школы")
    public static let webSearch = Message("web.search", en: "Search", ru: "Найти")
    public static let webAdd = Message("web.add", en: "Add", ru: "Добавить")
    public static let webEdit = Message("web.edit", en: "Edit", ru: "Изменить")
    /// The heading of a new row's form: «Пара: новая запись».
    public static func webNewRow(_ table: String) -> Message {
        let t = rowTitle(table)
        return Message("web.new_row", en: "\(t.english): a new record", ru: "\(t.russian): новая запись")
    }
    public static let webMenteeRecord = Message("web.mentee_record", en: "(record)", ru: "(карточка)")
    /// Beside a mentee waiting for a pair («Что сделать»): a new pair's form with her ticked.
    public static let webMakeAPair = Message("web.make_a_pair", en: "make a pair", ru: "составить пару")
    public static let webDelete = Message("web.delete", en: "Delete", ru: "Удалить")
    public static let webSave = Message("web.save", en: "Save", ru: "Сохранить")
    public static let webCancel = Message("web.cancel", en: "Cancel", ru: "Отмена")
    public static let webNone = Message("web.none", en: "— not set —", ru: "— не указано —")
    public static let webNoRows = Message("web.no_rows", en: "No rows yet.", ru: "Пока нет записей.")
    public static let webNoDay = Message("web.no_day", en: "no date", ru: "без даты")
    public static func webNothingFound(_ search: String) -> Message {
        Message("web.nothing_found", en: "Nothing found for “\(search)”.", ru: "По запросу «\(search)» ничего не найдено.")
    }
    public static let webPrevious = Message("web.previous", en: "← previous", ru: "← назад")
    public static let webNext = Message("web.next", en: "next →", ru: "дальше →")
    public static func webShown(_ from: Int, _ to: Int, _ total: Int) -> Message {
        Message("web.shown", en: "rows \(from)–\(to) of \(total)", ru: "записи \(from)–\(to) из \(total)")
    }
    public static func webConfirmDelete(_ name: String) -> Message {
        Message("web.confirm_delete", en: "Delete: \(name)? This cannot be undone here.", ru: "Удалить: \(name)? Отменить это здесь нельзя.")
    }
    /// A form saved after the row changed elsewhere in a field she changed too (an exchange, another tab).
    public static func webChangedMeanwhile(_ fields: [(title: String, value: String)]) -> Message {
        let en = fields.map { "“\($0.title)” is now “\($0.value)”" }.joined(separator: ", ")
        let ru = fields.map { "«\($0.title)» теперь «\($0.value)»" }.joined(separator: ", ")
        return Message("web.changed_meanwhile",
                       en: "not saved: while you were editing, this record was changed elsewhere (an exchange or another window): \(en). Check the form and save again to keep your values",
                       ru: "не сохранено: пока вы редактировали, эту запись изменили (обмен данными или другое окно): \(ru). Проверьте форму и сохраните ещё раз, чтобы оставить ваши значения")
    }

    public static func webSaved(_ name: String) -> Message { Message("web.saved", en: "saved: \(name)", ru: "сохранено: \(name)") }
    public static func webDeleted(_ name: String) -> Message { Message("web.deleted", en: "deleted: \(name)", ru: "удалено: \(name)") }
    public static let webMayNotWrite = Message("web.read_only_row", en: "this row belongs to another organization: it is shown, not edited here",
                                               ru: "эта запись принадлежит другой организации: здесь её можно только смотреть")
    public static let webShareFolder = Message("web.share_folder", en: "Stick or shared folder", ru: "Флешка или общая папка")
    public static let webSyncNow = Message("web.sync_now", en: "Sync now", ru: "Выполнить обмен")
    public static let webEnroll = Message("web.enroll", en: "Enroll a school", ru: "Подключить школу")
    public static let webSite = Message("web.site", en: "School code", ru: "Код школы")
    public static let webName = Message("web.name", en: "Name", ru: "Название")
    public static let webResync = Message("web.resync", en: "Order a full re-send", ru: "Запросить полную пересылку")
    public static let webRevoke = Message("web.revoke", en: "Revoke", ru: "Отключить")
    public static let webConfirm = Message("web.confirm", en: "Confirm", ru: "Подтвердить")
    public static let webKeepThis = Message("web.keep_this", en: "Keep this", ru: "Оставить это")
    public static let webKeepValue = Message("web.keep_value", en: "Keep this value", ru: "Оставить это значение")
    public static let webNoConflicts = Message("web.no_conflicts", en: "No open conflicts.", ru: "Открытых конфликтов нет.")
    public static let webNoSettledConflicts = Message("web.no_settled_conflicts", en: "No settled conflicts.", ru: "Решённых конфликтов нет.")
    public static let webOpenConflicts = Message("web.open_conflicts", en: "← Open conflicts", ru: "← Открытые конфликты")
    public static func webSettledConflicts(_ n: Int) -> Message {
        Message("web.settled_conflicts", en: "Settled conflicts (\(n)): change a decision", ru: "Решённые конфликты (\(n)): изменить решение")
    }
    /// Above the settled conflicts when there are more than a page shows.
    /// `from`–`to` (from 1) of the settled conflicts, the latest first; the links below go on to the earlier ones.
    public static func webSettledShown(from: Int, to: Int, of all: Int) -> Message {
        Message("web.settled_shown", en: "Settled conflicts \(from)–\(to) of \(all), the latest first.",
                ru: "Решённые конфликты \(from)–\(to) из \(all), последние решённые — первыми.")
    }
    /// `replaced`: settled by a later change of its field — no side to choose, a value to type.
    public static func webSettledAs(_ resolution: Message, at: String, replaced: Bool = false) -> Message {
        replaced
            ? Message("web.settled_as_replaced", en: "Settled \(at): \(resolution.english). To set another value, type it below; the school is told.",
                      ru: "Решено \(at): \(resolution.russian). Чтобы поставить другое значение, впишите его ниже — школе сообщат.")
            : Message("web.settled_as", en: "Settled \(at): \(resolution.english). Choose again below to change it; the school is told.",
                      ru: "Решено \(at): \(resolution.russian). Чтобы изменить решение, выберите ниже ещё раз — школе сообщат.")
    }
    public static let webDownload = Message("web.download", en: "Download the enrollment file", ru: "Скачать файл подключения")

    /// A table's title as people say it (`Message.tableTitle`, shared with the command line).
    public static func webTable(_ name: String) -> Message { tableTitle(name) }

    /// A column's label (`Message.columnTitle`, shared with the command line).
    public static func webColumn(_ column: String, table: String) -> Message { columnTitle(column, table: table) }

    /// An enumeration value as people say it (`Message.valueTitle`, shared with the command line).
    public static func webValue(_ value: String, column: String, table: String) -> Message {
        valueTitle(value, column: column, table: table)
    }
}
