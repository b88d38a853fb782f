/// What `backup` and `restore` say, the same for both tools.
extension Message {
    public static func backupWritten(site: String, file: String, size: String, rows: Int, integrity: String, seconds: String) -> Message {
        // A Russian reader writes a decimal comma: 12,3 МБ, 0,8 с.
        let comma = { (s: String) in s.replacingOccurrences(of: ".", with: ",") }
        return Message("receipt.backup_written",
                en: "backup of \(site) written to \(file): \(size), \(Plural.en(count: rows, "row", "rows")), integrity \(integrity), \(seconds) s",
                ru: "резервная копия \(site) записана в \(file): \(comma(size)), \(Plural.ru(count: rows, "строка", "строки", "строк")), проверка целостности: \(integrity == "ok" ? "в порядке" : integrity), \(comma(seconds)) с")
    }

    public static func backupsPruned(_ n: Int, keeping: Int) -> Message {
        Message("receipt.backups_pruned",
                en: "removed \(n) older backup\(n == 1 ? "" : "s") (keeping the newest \(keeping))",
                ru: "\(Plural.ru(n, "удалена", "удалено", "удалено")) \(Plural.ru(count: n, "старая копия", "старые копии", "старых копий")) (хранятся \(keeping) самых новых)")
    }

    public static let backupOffMachine = Message("receipt.backup_off_machine",
        en: "keep a copy off this machine too: a backup on the same disk dies with it (see \(DocumentPath.of("BACKUP.md")))",
        ru: "храните копию и вне этого компьютера: копия на том же диске погибнет вместе с ним (см. \(DocumentPath.of("BACKUP.md")))")

    public static func restored(site: String, home: String, from: String) -> Message {
        Message("receipt.restored", en: "restored \(site)'s registry in \(home) from \(from) (integrity ok)",
                ru: "реестр \(site) в \(home) восстановлен из \(from) (целостность в порядке)")
    }

    public static func replacedKept(_ path: String) -> Message {
        Message("receipt.replaced_kept", en: "the registry it replaced is kept as \(path); delete it once all is well",
                ru: "заменённый реестр сохранён как \(path); удалите его, когда убедитесь, что всё в порядке")
    }

    public static let noSchoolsInBackup = Message("receipt.no_schools_in_backup",
        en: "no schools enrolled in this backup", ru: "в этой копии нет подключённых школ")

    public static func resyncOrderedFor(_ sites: [String]) -> Message {
        let n = sites.count, list = sites.joined(separator: ", ")
        return Message("receipt.resync_ordered_for",
                       en: "resync ordered for \(Plural.en(count: n, "school", "schools")) (\(list)): each re-sends everything at its next sync",
                       ru: "полная пересылка заказана для \(Plural.ru(count: n, "школы", "школ", "школ")) (\(list)): каждая пришлёт всё при следующей синхронизации")
    }

    /// What to do after a district's restore; `replacedRead`: the registry it replaced was read, so
    /// the schools enrolled since are kept (`keptSinceBackup`), else they must be enrolled again.
    public static func districtRestoredNext(replacedRead: Bool) -> Message {
        replacedRead
            ? Message("receipt.district_restored_next_kept", en: "next: start the daemon again (systemctl start mentorsync-district)",
                      ru: "дальше: снова запустите службу (systemctl start mentorsync-district)")
            : Message("receipt.district_restored_next",
                      en: "next: start the daemon again (systemctl start mentorsync-district); schools enrolled after this backup must be enrolled again",
                      ru: "дальше: снова запустите службу (systemctl start mentorsync-district); школы, подключённые после этой копии, нужно подключить заново")
    }

    public static func keptSinceBackup(_ sites: [String]) -> Message {
        let list = sites.joined(separator: ", ")
        return Message("receipt.kept_since_backup",
                       en: "schools enrolled after this backup stay enrolled (their keys taken from the registry it replaced): \(list)",
                       ru: "школы, подключённые после этой копии, остались подключёнными (их ключи взяты из заменённого реестра): \(list)")
    }

    public static let schoolRestoredResend = Message("receipt.school_restored_resend",
        en: "this school's next sync sends everything it has; its Lamport counter was moved ahead",
        ru: "следующая синхронизация этой школы отправит все её данные; изменения, сделанные после восстановления, не спутаются с отправленными до него")

    public static func schoolRestoredNext(_ site: String) -> Message {
        Message("receipt.school_restored_next",
                en: "next: ask the district's methodologist to order this school's full resync (the page «Schools» → «Order a full re-send», or 'mentorsync-district resync --site \(site)'); this school's rows written after the backup come back with the district's next reply",
                ru: "дальше: попросите методиста управления образования запросить для школы полную пересылку (страница «Школы» → «Запросить полную пересылку» или «mentorsync-district resync --site \(site)»); строки школы, записанные после этой копии, вернутся со следующим ответом управления")
    }
}
