/// Texts of the web app's pages: navigation, the school's status and sync, the district's
/// dashboard, resync and revoke, enrolling, conflicts side by side, importing a list.
extension Message {
    // The server's own refusals
    public static let webUploadTooLarge = Message("web.upload_too_large", en: "the upload is over 10 MB; send a smaller file",
                                                  ru: "файл больше 10 МБ; выберите файл поменьше")
    public static let webHeadersTooLarge = Message("web.headers_too_large", en: "request headers too large", ru: "слишком большие заголовки запроса")
    public static let webMalformed = Message("web.malformed", en: "malformed request", ru: "запрос не разобран")
    public static let webTooSlow = Message("web.too_slow", en: "request not received in time; try again", ru: "запрос не получен вовремя; попробуйте ещё раз")
    public static let webBusy = Message("web.busy", en: "busy; try again in a moment", ru: "сервер занят; попробуйте через минуту")
    public static let webOnlyGetAndPost = Message("web.only_get_post", en: "only GET and POST are answered", ru: "отвечаем только на GET и POST")

    // Navigation
    public static let webBackToApp = Message("web.nav.back", en: "back to the app", ru: "вернуться в приложение")
    public static let webImportNav = Message("web.nav.import", en: "Import", ru: "Загрузка списка")
    public static let webAllTables = Message("web.nav.all_tables", en: "All tables", ru: "Все таблицы")

    // A pair's form
    public static let webNoMenteesYet = Message("web.pair.no_mentees", en: "No mentees yet: add them under Mentees first.",
                                                ru: "Наставляемых пока нет: сначала добавьте их в разделе «Наставляемые».")

    // A reference typed by name (a table too long to choose from)
    public static func webTypeAName(_ target: String, suggested: Bool) -> Message {
        switch target {
        case "persons", "mentors", "mentees":
            return Message("web.form.type_person",
                           en: (suggested ? "Start typing the full name; names are suggested as you type." : "Type the full name.")
                               + " Namesakes are told apart by the birth date: “Ivanova Maria Petrovna (12.03.1990)”.",
                           ru: (suggested ? "Начните вводить ФИО — появятся подсказки." : "Введите ФИО полностью.")
                               + " Тёзок различает дата рождения: «Иванова Мария Петровна (12.03.1990)».")
        case "pairs":
            return Message("web.form.type_pair",
                           en: (suggested ? "Start typing the mentor's name; pairs are suggested as you type." : "Type the mentor's full name.")
                               + " If the mentor has several pairs, add the start date: “Petrov Ivan Ilyich — 01.09.2024”.",
                           ru: (suggested ? "Начните вводить ФИО наставника — появятся подсказки." : "Введите ФИО наставника полностью.")
                               + " Если у наставника несколько пар, добавьте дату начала: «Петров Иван Ильич — 01.09.2024».")
        default:
            return Message("web.form.type_name", en: suggested ? "Start typing the name; names are suggested as you type." : "Type the name in full.",
                           ru: suggested ? "Начните вводить название — появятся подсказки." : "Введите название полностью.")
        }
    }

    // The indicators' page: the report's indicators judged against a default target
    public static let webDefaultTargets = Message("web.targets.default", en: "Report indicators with a default target",
                                                  ru: "Показатели отчёта с целью по умолчанию")
    public static let webDefaultTargetsWhy = Message("web.targets.why",
        en: "These have no row of their own yet: the report judges them against the default target. To set your own (from the regional roadmap), press “Set the target” and save.",
        ru: "У этих показателей ещё нет своей строки: отчёт сравнивает их с целью по умолчанию. Чтобы задать свою цель (например, из региональной дорожной карты), нажмите «Задать цель» и сохраните.")
    public static let webDefaultTarget = Message("web.targets.default_target", en: "Default target", ru: "Цель по умолчанию")
    /// An indicator of the report by its number there (its code, `teachers_under_3_years`, is the machine's).
    public static func webIndicatorInReport(_ number: String) -> Message {
        Message("web.targets.in_report", en: "indicator \(number) of the report", ru: "показатель № \(number) в отчёте")
    }
    public static let webSetTarget = Message("web.targets.set", en: "Set the target", ru: "Задать цель")

    // The roadmap's events past their end and not done
    public static func webOverdueEvents(_ n: Int) -> Message {
        Message("web.events.overdue", en: "Overdue: \(n) — past their end, not done",
                ru: "Просрочено: \(n) — срок прошёл, а \(n == 1 ? "мероприятие не отмечено выполненным" : "мероприятия не отмечены выполненными")")
    }
    public static let webEventDates = Message("web.events.dates", en: "Dates", ru: "Сроки")
    public static let webAllEvents = Message("web.events.all", en: "All events", ru: "Все мероприятия")

    // The sync page: an exchange folder found on what is plugged in
    public static func webSyncWithFound(_ path: String) -> Message {
        Message("web.sync.found", en: "Exchange folder found: \(path) — sync with it", ru: "Найдена папка обмена: \(path) — синхронизировать с ней")
    }

    /// Under a mentor's «Сетевой»: what «да» gives away, and what «нет» does to pairs.
    public static let webNetworkHint = Message("web.mentors.network_hint",
        en: "Yes: every school of the district receives this mentor's record whole (competencies, training, notes) with the person's name, position and subject, and may make pairs with them. No: new pairs with them are refused; pairs already running go on.",
        ru: "Да — эту запись наставника целиком (компетенции, обучение, заметки) и ФИО, должность и предмет человека получат все школы района, и они смогут составлять с ним пары. Нет — новые пары с ним не примут, уже начатые продолжатся.")

    public static let webNetworkMentorsOnly = Message("web.mentors.network_only", en: "Only the mentors offered to network mentoring",
                                                      ru: "Только наставники, предложенные для сетевого наставничества")

    public static let webAllMentors = Message("web.mentors.all", en: "All mentors", ru: "Все наставники")

    public static func webNetworkPairMark(_ school: String) -> Message {
        Message("web.pairs.network", en: "network pair: the mentor is of “\(school)”", ru: "сетевая пара: наставник из школы «\(school)»")
    }

    public static let webNoNetworkMentorsYet = Message("web.mentors.none_offered",
        en: "Network mentors other schools offer come with the district's reply: they are here after a sync that brings one. Your own mentor is offered with «Сетевой: да» in the mentor's form.",
        ru: "Сетевые наставники, которых предложили другие школы, приходят с ответом управления образования: они появятся здесь после обмена, который его принесёт. Своего наставника школа предлагает сама: «Сетевой: да» в его записи.")

    // Lists
    public static let webOwner = Message("web.list.owner", en: "Whose", ru: "Чья запись")
    /// Beside a row in a list that the district refused (`SchoolHome.refusedRows`); its reason is on the row's page.
    public static let webRefusedMark = Message("web.refused_mark", en: "not accepted by the district", ru: "не принято управлением образования")
    public static func webColumnsInForm(_ titles: [String]) -> Message {
        Message("web.list.columns_in_form", en: "Also in each row's form: \(titles.joined(separator: ", ")).",
                ru: "Ещё в карточке каждой записи: \(titles.joined(separator: ", ")).")
    }

    // The school's status page
    public static let webSchool = Message("web.school", en: "School", ru: "Школа")
    public static let webDistrict = Message("web.district", en: "District", ru: "Управление образования")
    public static let webNotAcknowledged = Message("web.status.not_acknowledged", en: "Not yet acknowledged by the district",
                                                   ru: "Ещё не подтверждено управлением образования")
    public static let webLastExport = Message("web.status.last_export", en: "Last sent", ru: "Последняя отправка")
    public static let webLastReply = Message("web.status.last_reply", en: "Last reply from the district",
                                             ru: "Последний ответ управления образования")
    public static let webConflictsRecorded = Message("web.status.conflicts", en: "Conflicts to hand over to the district", ru: "Конфликтов, которые уйдут в управление образования со следующим обменом")
    public static let webWhatToKnow = Message("web.status.what_to_know", en: "What to know", ru: "Что важно знать")

    // The school's sync page
    public static let webSyncDone = Message("web.sync.done", en: "Done", ru: "Готово")
    public static let webSyncDoneWithProblems = Message("web.sync.done_with_problems", en: "Done, but not everything could be read",
                                                        ru: "Готово, но не всё удалось прочитать")
    public static func webNotSent(_ table: String, _ reason: String) -> Message {
        Message("web.sync.not_sent", en: "not sent: \(tableTitle(table).english): \(reason)", ru: "не отправлено: \(tableTitle(table).russian): \(reason)")
    }

    // The district's dashboard
    public static let webDashboardColumns = [
        Message("web.dashboard.school", en: "School", ru: "Школа"),
        Message("web.dashboard.last_contact", en: "Last contact", ru: "Последняя связь"),
        Message("web.dashboard.days", en: "Days", ru: "Дней"),
        Message("web.dashboard.rows", en: "Rows", ru: "Записей"),
        Message("web.dashboard.conflicts", en: "Conflicts", ru: "Конфликты"),
        Message("web.dashboard.refused", en: "Refused", ru: "Отклонено"),
        Message("web.dashboard.skew", en: "Clock skew", ru: "Сдвиг часов"),
        Message("web.dashboard.advice", en: "What to do", ru: "Что сделать"),
    ]
    public static let webResyncExplained = Message("web.resync.explained",
        en: "The school's next reply asks it to send everything again and carries all of its data back to it (after a lost disk, or a district restored from a backup).",
        ru: "Следующий ответ школе попросит её прислать все данные заново и привезёт ей все её данные (после потери диска в школе или после восстановления реестра управления из резервной копии).")
    public static let webRevokeExplained = Message("web.revoke.explained",
        en: "The school's bundles are refused from now on, and the replies waiting for it in the shared folder are taken away at the next pass; enroll it again to give it a new key. Nothing the school has sent is lost: it stays in the registry, and the school's new computer, once enrolled again, receives it all.",
        ru: "С этого момента пакеты школы не принимаются, а ответы для неё, ждущие в общей папке, будут убраны при следующем приёме; чтобы выдать новый ключ, подключите её заново. Ничего из присланного школой не теряется: оно остаётся в реестре, и новый компьютер школы, когда её подключат заново, получит всё.")
    /// The title of the page confirming resync or revoke: what is to be done, and to which school.
    public static func webSchoolActionTitle(resync: Bool, school: String) -> Message {
        resync
            ? Message("web.resync_title", en: "Order a full re-send from «\(school)»", ru: "Запросить полную пересылку у школы «\(school)»")
            : Message("web.revoke_title", en: "Revoke «\(school)»", ru: "Отключить школу «\(school)»")
    }
    /// What was done, as a finished act: the notice after resync or revoke.
    public static func webActionDone(resync: Bool, school: String) -> Message {
        resync
            ? Message("web.resync_done", en: "\(school) is asked to send everything again with its next exchange.",
                      ru: "«\(school)»: полная пересылка запрошена — школа пришлёт все записи при следующем обмене.")
            : Message("web.revoke_done", en: "\(school) is revoked: its bundles are no longer accepted.",
                      ru: "«\(school)» отключена: её пакеты больше не принимаются.")
    }

    // Enrolling a school
    public static let webEnrollNeedsCodeAndName = Message("web.enroll.needs_code_and_name",
        en: "give a school code (lowercase Latin letters and digits) and a name", ru: "укажите код школы (строчные латинские буквы и цифры) и название")
    public static let webEnrollmentSecret = Message("web.enroll.secret",
        en: "The file holds the school's secret key: hand it over in person or on a stick, then delete it. It can be downloaded here for one day.",
        ru: "В файле секретный ключ школы: передайте его лично или на флешке, затем удалите. Скачать его здесь можно в течение суток.")
    public static func webEnrollAlready(_ site: String, name: String) -> Message {
        Message("web.enroll.already",
                en: "school \(site) («\(name)») is enrolled already; to issue it a new key (a new computer, a lost file), tick the box below and press the button again",
                ru: "школа \(site) («\(name)») уже подключена; чтобы выдать ей новый ключ (новый компьютер, потерянный файл), отметьте поле ниже и нажмите кнопку ещё раз")
    }
    /// `revoked`: a revoked school's old key stays refused; another's stays taken for its grace period,
    /// so a stolen computer is revoked first.
    public static func webEnrollAgainConfirm(revoked: Bool) -> Message {
        Message("web.enroll.again_confirm",
                en: "Enroll this school again with a new key (\(revoked ? "it was revoked: its old key stays refused" : "if its computer was stolen or lost, revoke the school first on the «Schools» page"))",
                ru: "Подключить эту школу заново и выдать ей новый ключ (\(revoked ? "школа отключена: старый ключ не принимается" : "если её компьютер украден или потерян, сначала отключите школу на странице «Школы»"))")
    }
    public static let webEnrollmentGone = Message("web.enroll.gone",
        en: "this enrollment file is no longer kept (it holds a secret key and is kept for one day); if the school did not get it, enroll the school anew",
        ru: "этот файл подключения больше не хранится (в нём секретный ключ, он хранится сутки); если школа его не получила, подключите её заново")

    // Conflicts side by side
    public static let webTypeValue = Message("web.conflict.type_value", en: "Or type the right value", ru: "Или впишите верное значение")
    public static let webKeepDeletion = Message("web.conflict.keep_deletion", en: "Agree to the deletion", ru: "Согласиться с удалением")
    public static let webAddAgain = Message("web.conflict.add_again", en: "Add the record again", ru: "Создать запись заново")
    public static func webConflictRowGone(deletedBy writer: String) -> Message {
        Message("web.conflict.row_gone",
                en: "The record was deleted (by \(writer)) while the other side changed it: the deletion holds, the record is gone at the district and at the school, and the other value has nowhere to go. Agree to the deletion; if the record is still needed, add it again.",
                ru: "Запись удалена (удалил: «\(writer)»), пока другая сторона её меняла: удаление действует, записи больше нет ни в управлении, ни в школе, и другому значению некуда записаться. Согласитесь с удалением, а если запись ещё нужна, создайте её заново.")
    }
    public static let webCorrectionsHeading = Message("web.status.corrections", en: "The district's latest corrections", ru: "Последние исправления управления образования")
    public static let webNewEnrollment = Message("web.status.new_enrollment", en: "A new enrollment file", ru: "Новый файл подключения")
    public static let webNewEnrollmentWhy = Message("web.status.new_enrollment_why",
        en: "If the district enrolled this school again (after a lost computer, say) and gave you a new enrollment file, install it here: the school's data stays.",
        ru: "Если управление образования подключило школу заново (например, после потери компьютера) и передало новый файл подключения, установите его здесь: данные школы останутся.")
    public static let webEnrollmentFile = Message("web.status.enrollment_file", en: "Enrollment file", ru: "Файл подключения")
    public static let webInstallEnrollment = Message("web.status.install_enrollment", en: "Install", ru: "Установить")
    public static let webHeldNow = Message("web.conflict.held_now", en: "held now", ru: "сейчас в реестре")
    public static func webConflictSchool(_ name: String) -> Message {
        Message("web.conflict.school", en: "School: \(name)", ru: "Школа: \(name)")
    }

    // Importing a list
    public static let webImportTitle = Message("web.import.title", en: "Import a list", ru: "Загрузка списка")
    public static let webImportTable = Message("web.import.table", en: "Table", ru: "Таблица")
    public static let webImportFile = Message("web.import.file", en: "CSV or Excel file", ru: "Файл CSV или Excel")
    public static let webImportColumnsHeading = Message("web.import.columns", en: "Which columns a list may have",
                                                        ru: "Какие столбцы может содержать список")
    public static let webImportColumnsHint = Message("web.import.columns_hint",
        en: "The first row names the columns (in bold: what a new row is not saved without); other columns are left out and said so. The easiest start is a list downloaded from its page («Download for Excel»).",
        ru: "В первой строке — названия столбцов (жирным — без чего новую строку не сохранить); другие столбцы пропускаются, и об этом будет сказано. Проще всего взять список, скачанный с его страницы («Скачать для Excel»), и дополнить его.")
    public static let webImportPreview = Message("web.import.preview", en: "Preview", ru: "Посмотреть, что изменится")
    public static let webImportChooseFile = Message("web.import.choose_file", en: "choose a file to import", ru: "выберите файл для загрузки")
    public static func webImportMoreRefused(_ n: Int) -> Message {
        Message("web.import.more_refused", en: "and \(Plural.en(count: n, "line", "lines")) more not loaded (the preview gave each its reason)",
                ru: "и ещё \(Plural.ru(count: n, "строка не загружена", "строки не загружены", "строк не загружено")) (причину каждой называл предпросмотр)")
    }
    public static let webImportAlreadyLoaded = Message("web.import.already_loaded", en: "this list is loaded already; to load it again, choose the file again",
                                                       ru: "этот список уже загружен; чтобы загрузить его снова, выберите файл ещё раз")
    public static let webImportFileGone = Message("web.import.file_gone", en: "the file is gone; choose it again", ru: "файл уже не найден; выберите его снова")
    public static func webImportWillChange(_ table: String) -> Message {
        Message("web.import.will_change", en: "What will change: \(tableTitle(table).english)", ru: "Что изменится: \(tableTitle(table).russian)")
    }
    public static let webImportAdded = Message("web.import.added", en: "will be added", ru: "будет добавлено")
    public static let webImportUpdated = Message("web.import.updated", en: "will be updated", ru: "будет изменено")
    public static let webImportUnchanged = Message("web.import.unchanged", en: "already so", ru: "уже так")
    public static let webImportRefused = Message("web.import.refused", en: "refused", ru: "отклонено")
    public static let webImportSkipped = Message("web.import.skipped", en: "will be left out", ru: "будет пропущено")
    public static func webImportSheet(_ sheet: String) -> Message {
        Message("web.import.sheet", en: "sheet ‘\(sheet)’", ru: "лист «\(sheet)»")
    }
    public static let webImportOtherSheet = Message("web.import.other_sheet", en: "Sheet of the workbook", ru: "Лист книги")
    public static let webImportShowSheet = Message("web.import.show_sheet", en: "Show this sheet", ru: "Показать этот лист")
    /// `skipped`: lines left out (hidden in Excel, a total, numbers alone), said when there are any.
    public static func webImportSummary(added: Int, updated: Int, unchanged: Int, refused: Int, skipped: Int = 0) -> Message {
        Message("web.import.summary", en: "added \(added), updated \(updated), unchanged \(unchanged), refused \(refused)\(skipped > 0 ? ", left out \(skipped)" : "")",
                ru: "добавится \(added), изменится \(updated), без изменений \(unchanged), отклонено \(refused)\(skipped > 0 ? ", пропущено \(skipped)" : "")")
    }
    public static let webImportLine = Message("web.import.line", en: "Line", ru: "Строка")
    public static let webImportInFile = Message("web.import.in_file", en: "In the file", ru: "В файле")
    public static let webImportOutcome = Message("web.import.outcome", en: "What happens", ru: "Что будет")
    public static let webImportReason = Message("web.import.reason", en: "Why", ru: "Почему")
    public static let webImportConfirm = Message("web.import.confirm", en: "Import the accepted lines", ru: "Загрузить принятые строки")
    public static func webImported(added: Int, updated: Int, refused: Int) -> Message {
        Message("web.import.done", en: "imported: added \(added), updated \(updated), refused \(refused)",
                ru: "загружено: добавлено \(added), изменено \(updated), отклонено \(refused)")
    }
}
