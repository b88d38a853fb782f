/// What the school's tool says after init, rekey, sync, export and import (the everyday receipts).
extension Message {
    public static func schoolSetUp(site: String, name: String, home: String, district: String) -> Message {
        Message("receipt.school_set_up", en: "school \(site) — \(name) — set up in \(home), district: \(district)",
                ru: "школа \(site) — \(name) — подключена, папка \(home); управление образования: \(district)")
    }

    public static let enrollmentSecret = Message("receipt.enrollment_secret",
        en: "the enrollment file holds this school's secret key: keep it safe or delete it",
        ru: "в файле подключения лежит секретный ключ школы: храните его в надёжном месте или удалите")

    public static let schoolNext = Message("receipt.school_next",
        en: "next: mentorsync-school sync --share /media/STICK (or the shared folder); or everything in the browser: mentorsync-school web",
        ru: "дальше: mentorsync-school sync --share /media/STICK (или общая папка); или всё в браузере: mentorsync-school web")

    public static func schoolRekeyed(_ site: String) -> Message {
        Message("receipt.school_rekeyed", en: "new key installed for \(site); bundles from now on use it",
                ru: "новый ключ школы \(site) установлен; пакеты с этого момента подписываются им")
    }

    /// `sent 5 changed rows (1 deletion) and 2 conflicts in s001-….msync`; in Russian the way the
    /// deputy head says it: «отправлено в управление образования: 5 изменённых записей (1 удалена) —
    /// файл s001-….msync». `again`: how many of the rows went before and are sent again, not yet
    /// confirmed (a sync that only fetches a reply re-sends what the district has not confirmed).
    /// `againConfirmed`: the reply read right after confirmed them all. `medium`: where the file was
    /// written — only a network folder reaches the district by itself; a stick's file is «записано на
    /// флешку» until someone takes it there (`takeStick` says so). `refused`: the receipt goes on to
    /// tell changes the district refused, so what it confirmed having is not said to be all it took.
    /// `fullOwn`: the full copy is the school's own (after a restore), not the district's order.
    public static func sent(rows: Int, deletions: Int, conflicts: Int, full: Bool, file: String, again: Int = 0, againConfirmed: Bool = false,
                            medium: ShareMedium = .network, refused: Bool = false, fullOwn: Bool = false) -> Message {
        let enWhere = ["stick": "written to the stick for the district: ", "network": "sent to the district's shared folder: ",
                       "folder": "written to the exchange folder for the district: "][medium.rawValue]!
        let ruWhere = ["stick": "записано на флешку для управления образования: ", "network": "отправлено в общую папку управления образования: ",
                       "folder": "записано в папку обмена для управления образования: "][medium.rawValue]!
        // A refusal told below it: «получило все ваши изменения» read as «and took them», right above
        // «не приняло изменение».
        let enRefused = refused ? ", but did not accept every change (what and why, below)" : ""
        let (ruAll, ruEarlier) = refused ? (", но приняло не все (что и почему — ниже)", ", но приняло не всё (что и почему — ниже)") : ("", "")
        // Everything the file carries was sent before and the reply read just after confirms it: for
        // her, nothing new went («sent again — why?» every Thursday).
        if again > 0 && againConfirmed && !full && conflicts == 0 && again >= rows {
            return Message("receipt.sent", en: "nothing new to send: the district confirmed it has all your changes\(enRefused); file \(file)",
                           ru: "новых изменений нет: управление образования подтвердило, что получило все ваши изменения\(ruAll); файл \(file)")
        }
        // New rows beside rows sent before that the reply read after confirms: the new ones are told,
        // the others said to have arrived (the file carries them again, harmlessly).
        if again > 0 && againConfirmed && !full && conflicts == 0 {
            let new = rows - again
            return Message("receipt.sent",
                           en: enWhere + Plural.en(count: new, "new changed row", "new changed rows")
                               + "; what you sent before, the district confirmed it has\(enRefused); file \(file)",
                           ru: ruWhere + Plural.ru(count: new, "новая изменённая запись", "новые изменённые записи", "новых изменённых записей")
                               + "; отправленное раньше управление образования получило\(ruEarlier); файл \(file)")
        }
        var en = enWhere + Plural.en(count: rows, "changed row", "changed rows")
        if deletions > 0 { en += " (\(deletions) of them \(deletions == 1 ? "a deletion" : "deletions"))" }
        if conflicts > 0 { en += " and " + Plural.en(count: conflicts, "conflict", "conflicts") }
        if full { en += fullOwn ? " — a full copy of all the school's data, as after a restore" : " — a full copy, as the district asked" }
        en += " in \(file)"
        if again > 0 && !againConfirmed {
            en += again >= rows ? (rows == 1 ? " — the row was sent before; the district has not confirmed it yet"
                                             : " — all these rows were sent before; the district has not confirmed them yet")
                                : " (\(again) of the rows sent before; the district has not confirmed them yet)"
        }
        var ru: String
        if rows == 0 && conflicts == 0 {
            ru = "новых изменений нет; " + ["stick": "на флешку записан файл для управления образования", "network": "в общую папку управления образования отправлен файл",
                                            "folder": "в папку обмена записан файл для управления образования"][medium.rawValue]!
                + " \(file): он подтверждает полученное"
        } else {
            ru = ruWhere
                + (rows == 0 ? "" : Plural.ru(count: rows, "изменённая запись", "изменённые записи", "изменённых записей"))
            // «(9 удалено)» read as if the sync had deleted something: the deletions are hers, sent.
            if deletions > 0 { ru += " (из них удалений: \(deletions))" }
            if conflicts > 0 { ru += (rows == 0 ? "" : " и ") + Plural.ru(count: conflicts, "конфликт", "конфликта", "конфликтов") }
            if full { ru += fullOwn ? " — полная копия всех данных школы, как положено после восстановления" : " — полная копия, как просило управление образования" }
            if again > 0 && !againConfirmed {
                ru += again >= rows ? (rows == 1 ? " — эта запись уже отправлялась раньше, управление образования её ещё не подтвердило"
                                                 : " — все эти записи уже отправлялись раньше, управление образования их ещё не подтвердило")
                                    : " (из них \(again) уже \(Plural.ru(again, "отправлялась", "отправлялись", "отправлялись")) раньше: управление образования \(Plural.ru(again, "её", "их", "их")) ещё не подтвердило)"
            }
            ru += "; файл \(file)"
        }
        return Message("receipt.sent", en: en, ru: ru)
    }

    /// After a sync on a stick: what the file needs to reach the district.
    public static let takeStick = Message("receipt.take_stick",
        en: "next: take the stick to the district (or give it to the courier); the reply will come back on it",
        ru: "дальше: отвезите флешку в управление образования (или отдайте курьеру); ответ вернётся на ней")

    /// Only replies already merged were there: nothing new came back.
    public static let noNewReply = Message("receipt.no_new_reply",
        en: "no new reply from the district: the one on this share was merged before",
        ru: "нового ответа от управления образования нет: ответ, который здесь лежит, уже получен раньше")

    public static let noReplyYet = Message("receipt.no_reply",
        en: "no reply from the district on this share yet",
        ru: "ответа от управления образования здесь пока нет")

    /// The rows a batch of replies brought, each counted once: `новых строк: 3, изменённых: 2,
    /// удалённых: 1`. `changed` is every row the merge changed, new and deleted ones among them
    /// (a reply of 5 new rows said «новых строк: 5, изменено: 5», read as ten).
    static func ruRows(inserted: Int, changed: Int, deleted: Int) -> String {
        "новых записей: \(inserted), изменённых: \(max(0, changed - inserted - deleted)), удалённых: \(deleted)"
    }

    /// The rows a batch of replies brought, each counted once: `3 new rows, 1 changed, 0 deleted`.
    static func enRows(inserted: Int, changed: Int, deleted: Int) -> String {
        "\(Plural.en(count: inserted, "new row", "new rows")), \(max(0, changed - inserted - deleted)) changed, \(deleted) deleted"
    }

    public static func received(replies: Int, inserted: Int, changed: Int, deleted: Int, alreadyMerged: Int) -> Message {
        // A reply that only confirms what the school sent: said so, not as three zeros.
        if changed == 0 && alreadyMerged == 0 {
            return Message("receipt.received_confirmation",
                           en: "received \(Plural.en(count: replies, "reply", "replies")) from the district: \(replies == 1 ? "it confirms" : "they confirm") what it received; nothing new in \(replies == 1 ? "it" : "them")",
                           ru: "\(Plural.ru(replies, "получен", "получено", "получено")) \(Plural.ru(count: replies, "ответ", "ответа", "ответов")) управления образования: оно подтвердило полученное, новых данных нет")
        }
        return Message("receipt.received",
                en: "received \(Plural.en(count: replies, "reply", "replies")): \(enRows(inserted: inserted, changed: changed, deleted: deleted))\(alreadyMerged == 0 ? "" : " (\(alreadyMerged) already merged)")",
                ru: "\(Plural.ru(replies, "получен", "получено", "получено")) \(Plural.ru(count: replies, "ответ", "ответа", "ответов")): \(ruRows(inserted: inserted, changed: changed, deleted: deleted))\(alreadyMerged == 0 ? "" : " (уже учтено раньше: \(alreadyMerged))")")
    }

    public static func mergedReplies(replies: Int, inserted: Int, changed: Int, deleted: Int, alreadyMerged: Int) -> Message {
        Message("receipt.merged_replies",
                en: "merged \(Plural.en(count: replies, "reply", "replies")): \(enRows(inserted: inserted, changed: changed, deleted: deleted))\(alreadyMerged == 0 ? "" : ", \(alreadyMerged) already merged")",
                ru: "\(Plural.ru(replies, "учтён", "учтено", "учтено")) \(Plural.ru(count: replies, "ответ", "ответа", "ответов")): \(ruRows(inserted: inserted, changed: changed, deleted: deleted))\(alreadyMerged == 0 ? "" : ", уже учтено раньше: \(alreadyMerged)")")
    }

    public static func networkMentorsArrived(_ n: Int) -> Message {
        Message("receipt.network_mentors",
                en: n == 1 ? "a network mentor of another school came with the reply: see «Mentors», the mentor can be chosen for a pair"
                    : "\(n) network mentors of other schools came with the reply: see «Mentors», they can be chosen for a pair",
                ru: n == 1 ? "с ответом пришёл сетевой наставник другой школы: он в разделе «Наставники», его можно выбрать для пары"
                    : "с ответом \(Plural.ru(n, "пришёл", "пришли", "пришли")) \(Plural.ru(count: n, "сетевой наставник", "сетевых наставника", "сетевых наставников")) других школ: они в разделе «Наставники», их можно выбрать для пары")
    }

    public static func schoolConflicts(_ n: Int) -> Message {
        Message("receipt.school_conflicts",
                en: "\(Plural.en(count: n, "conflict", "conflicts")): this school and the district changed the same data; the district will review them",
                ru: "\(Plural.ru(count: n, "конфликт", "конфликта", "конфликтов")): школа и управление образования изменили одни и те же данные; управление их рассмотрит")
    }

    public static let fullResendAsked = Message("receipt.full_resend_asked",
        en: "the district asked for a full re-send: the next sync sends everything",
        ru: "управление образования просит прислать всё заново: следующая синхронизация отправит все данные")

    /// The district's resync order heard by a sync that sent the full copy at once.
    public static let fullResendSent = Message("receipt.full_resend_sent",
        en: "the district asked for a full re-send: the full copy went with this sync",
        ru: "управление образования попросило прислать всё заново: полная копия отправлена этим же обменом")

    public static func districtCommand(_ command: String) -> Message {
        Message("receipt.district_command", en: "command from the district: \(command)", ru: "команда от управления образования: \(command)")
    }

    /// A bundle of this school reached the district damaged (a stick pulled out too early, a bad
    /// file): nothing to do at the school, the next exchanges send its changes again.
    static func districtGotDamaged(_ bundle: String, why: String) -> Message {
        Message("receipt.district_got_damaged",
                en: "\(bundle) reached the district damaged (\(why)); nothing to do here: its changes go again with every exchange until the district confirms them",
                ru: "пакет \(bundle) дошёл до управления образования повреждённым (\(russianDamage(why))); делать ничего не нужно: его изменения уходят с каждым обменом, пока управление их не подтвердит")
    }

    public static func districtRefused(_ bundle: String, reason: Message) -> Message {
        Message("receipt.district_refused", en: "the district refused \(bundle): \(reason.english)",
                ru: "управление образования не приняло \(bundle): \(reason.russian)")
    }

    public static func wroteBundle(_ path: String, rows: Int, full: Bool) -> Message {
        Message("receipt.wrote_bundle", en: "wrote \(path): \(Plural.en(count: rows, "changed row", "changed rows"))\(full ? " (full copy)" : "")",
                ru: "записан \(path): \(Plural.ru(count: rows, "изменённая строка", "изменённые строки", "изменённых строк"))\(full ? " (полная копия)" : "")")
    }

    public static func migrationCopyRemoved(_ name: String) -> Message {
        Message("receipt.migration_copy_removed",
                en: "\(name), the copy of the registry kept from before the upgrade, was removed: the upgraded registry has synced with the district",
                ru: "копия реестра, сохранённая перед обновлением (\(name)), удалена: обновлённый реестр синхронизирован с районом")
    }
}
