/// What the district's tool says after init, enroll, ingest, resync and revoke (the everyday receipts).
extension Message {
    public static func districtCreated(name: String, site: String, home: String) -> Message {
        // A name that says what it is already («Управление образования г. Дубна») is not said twice.
        let said = name.lowercased().hasPrefix("управлени") ? "«\(name)»" : "управление образования «\(name)»"
        return Message("receipt.district_created", en: "district '\(name)' (site \(site)) created in \(home)",
                       ru: "\(said) (код \(site)): папка создана — \(home)")
    }

    public static func districtNext(_ tool: String) -> Message {
        Message("receipt.district_next", en: "next: enroll each school with '\(tool) enroll --site s001 --name \"…\" --out s001.enroll'",
                ru: "дальше: подключите каждую школу командой «\(tool) enroll --site s001 --name \"…\" --out s001.enroll»")
    }

    /// `wasRevoked`: enrolled again after it was revoked — its old key is not accepted at all.
    /// `enroll` of a school enrolled already, without `--again`: nothing is changed.
    public static func enrolledAlready(_ site: String, name: String, revoked: Bool) -> Message {
        if revoked {
            return Message("receipt.enrolled_already",
                           en: "school \(site) («\(name)») is enrolled already and was revoked; to enroll it again with a new key, run the command again with --again; nothing was changed",
                           ru: "школа \(site) («\(name)») уже подключена и отключена; чтобы подключить её заново с новым ключом, повторите команду с --again; ничего не изменено")
        }
        return Message("receipt.enrolled_already",
                       en: "school \(site) («\(name)») is enrolled already; to issue it a new key (a new computer, a lost file), run the command again with --again — if its computer was stolen or lost, first run 'mentorsync-district revoke --site \(site)'; nothing was changed",
                       ru: "школа \(site) («\(name)») уже подключена; чтобы выдать ей новый ключ (новый компьютер, потерянный файл), повторите команду с --again, а если её компьютер украден или потерян — сначала «mentorsync-district revoke --site \(site)»; ничего не изменено")
    }

    public static func enrolled(site: String, name: String, rotated: Bool, graceDays: Int, wasRevoked: Bool = false) -> Message {
        let days = Plural.ru(count: graceDays, "день", "дня", "дней")
        if rotated && wasRevoked {
            return Message("receipt.enrolled",
                           en: "re-enrolled \(site) — \(name) (new key; the school was revoked, so its old key stays refused)",
                           ru: "школа \(site) — \(name) — подключена заново (новый ключ; школа была отключена, поэтому старый ключ не принимается)")
        }
        return Message("receipt.enrolled",
            en: "\(rotated ? "re-enrolled (new key; the old one is accepted for \(graceDays) more days)" : "enrolled") \(site) — \(name)",
            ru: rotated ? "школа \(site) — \(name) — подключена заново (новый ключ; старый принимается ещё \(days))"
                        : "школа \(site) — \(name) — подключена")
    }

    public static func enrollmentFile(_ path: String) -> Message {
        Message("receipt.enrollment_file",
                en: "enrollment file: \(path) — it holds the school's secret key: hand it over in person or on a stick, then delete it",
                ru: "файл подключения: \(path) — в нём секретный ключ школы: передайте его лично или на флешке, затем удалите")
    }

    public static func mergedBundles(_ n: Int, rowsChanged: Int, conflicts: Int, refused: Int) -> Message {
        Message("receipt.merged_bundles",
                en: "merged \(Plural.en(count: n, "bundle", "bundles")) (\(Plural.en(count: rowsChanged, "row", "rows")) changed, \(Plural.en(count: conflicts, "conflict", "conflicts")), \(Plural.en(count: refused, "row", "rows")) refused)",
                ru: "\(Plural.ru(n, "принят", "принято", "принято")) \(Plural.ru(count: n, "пакет", "пакета", "пакетов")) (изменено записей: \(rowsChanged), конфликтов: \(conflicts), отклонено записей: \(refused))")
    }

    public static func quarantined(_ file: String, reason: Message) -> Message {
        Message("receipt.quarantined", en: "quarantined \(file): \(reason.english)", ru: "в карантине: \(file): \(reason.russian)")
    }

    /// A bundle that is not whole and changed within the settle time: still being copied, or cut
    /// (a stick pulled out too early). Said with what happens next, as nothing need be done.
    public static func leftForLater(_ file: String, settleSeconds: Int) -> Message {
        let (en, ru) = settleSeconds >= 60 ? ("\(settleSeconds / 60) min", "\(settleSeconds / 60) мин") : ("\(settleSeconds) s", "\(settleSeconds) с")
        return Message("receipt.left_for_later",
                       en: "left for later: \(file) is not whole and changed less than \(en) ago (still being copied?); the first ingest after that takes it — if it is still cut it goes to quarantine, and the school sends its changes again",
                       ru: "отложен: \(file) не дописан и изменён меньше \(ru) назад (ещё копируется?); первый приём после этого его разберёт — если он так и обрезан, он уйдёт в карантин, а школа пришлёт изменения заново")
    }

    public static func willRetry(_ file: String, reason: String) -> Message {
        Message("receipt.will_retry", en: "will retry \(file): \(reason)", ru: "будет повторная попытка: \(file): \(reason)")
    }

    public static func leftAlone(_ what: String) -> Message {
        Message("receipt.left_alone", en: "left alone on the share: \(what)", ru: "оставлено в папке обмена как есть: \(what)")
    }

    public static func removedTemporary(_ n: Int) -> Message {
        Message("receipt.removed_temporary",
                en: "removed \(n) temporary files that interrupted writers left on the share",
                ru: "удалены временные файлы, оставшиеся в папке обмена после прерванной записи: \(n)")
    }

    /// The replies a pass wrote, by the schools they are for (a pass of 60 schools printed 60 file
    /// names); more than five, counted (the files are in the daemon's log and on MANIFEST.txt).
    public static func wroteReplies(to schools: [String]) -> Message {
        let n = schools.count
        guard n <= 5 else {
            return Message("receipt.wrote_replies", en: "wrote replies for \(n) schools",
                           ru: "записаны ответы \(n) \(Plural.ru(n, "школе", "школам", "школам"))")
        }
        let list = schools.joined(separator: ", ")
        return Message("receipt.wrote_replies", en: "wrote \(Plural.en(count: n, "reply", "replies")), for \(list)",
                       ru: n == 1 ? "записан ответ школе \(list)" : "записаны ответы школам: \(list)")
    }

    /// `name`: the school as the methodologist knows it (the receipt said only its code).
    public static func resyncOrdered(_ site: String, name: String) -> Message {
        Message("receipt.resync_ordered",
                en: "resync ordered for \(name) (\(site)): its next reply orders a full re-send and carries its full subscription",
                ru: "для школы «\(name)» (\(site)) заказана полная пересылка: следующий ответ попросит школу прислать всё заново и привезёт все её данные")
    }

    public static func revoked(_ site: String, name: String) -> Message {
        Message("receipt.revoked",
                en: "\(name) (\(site)) revoked: its bundles are refused from now on, and the replies waiting for it in the shared folder are taken away at the next pass (a stick already on the road keeps its copy); to give the school a new key: mentorsync-district enroll --again --site \(site) --out \(site).enroll",
                ru: "школа «\(name)» (\(site)) отключена: её пакеты больше не принимаются, а ответы для неё, ждущие в общей папке, будут убраны при следующем приёме (на флешке, уже увезённой, копия остаётся); чтобы выдать школе новый ключ: mentorsync-district enroll --again --site \(site) --out \(site).enroll")
    }

    /// Replies signed with a revoked key taken off the share by a pass.
    public static func revokedRepliesRemoved(_ n: Int) -> Message {
        Message("receipt.revoked_replies_removed",
                en: "removed \(Plural.en(count: n, "reply", "replies")) for a revoked key (a stolen computer must not read them)",
                ru: "убрано ответов для отключённого ключа: \(n) (их не должен прочитать потерянный или украденный компьютер)")
    }

    public static func districtMigrationCopyRemoved(_ name: String) -> Message {
        Message("receipt.district_migration_copy_removed",
                en: "\(name), the copy of the registry kept from before the upgrade, was removed: the upgraded district has merged and answered",
                ru: "копия реестра, сохранённая перед обновлением (\(name)), удалена: обновлённый район принял пакеты и ответил")
    }

    public static func ingestLogWritten(_ path: String) -> Message {
        Message("ingest.log_written", en: "the pass's log: \(path)", ru: "подробный журнал прохода: \(path)")
    }
}
