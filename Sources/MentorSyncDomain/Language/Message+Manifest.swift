/// The courier's `MANIFEST.txt` (Manifest.swift): plain words for someone who never heard of the program.
extension Message {
    static func manifestIntro(updated: String) -> Message {
        Message("manifest.intro",
                en: """
                mentorsync: files of the school mentoring registry on this stick or folder
                List updated \(updated) (local time of the computer that wrote it).
                These files carry the mentoring registry between the schools and the district office.
                Do not rename, open or edit them; copy the whole folder as it is.
                The district office takes the files in inbox/; each school takes the files in its own folder outbox/<school code>/.
                """,
                ru: """
                mentorsync: файлы реестра наставничества на этой флешке или в этой папке
                Список обновлён \(updated) (местное время компьютера, который его записал).
                Эти файлы переносят данные реестра наставничества между школами и управлением образования.
                Не переименовывайте, не открывайте и не меняйте их; копируйте папку целиком.
                Управление образования забирает файлы из папки inbox/; каждая школа — из своей папки outbox/<код школы>/.
                """)
    }

    static let manifestEmpty = Message("manifest.empty",
                                       en: "There are no files to carry on this stick or folder now.",
                                       ru: "Сейчас здесь нет файлов, которые нужно отвезти.")

    /// `stick`: the list is on a stick, which the courier carries (a shared folder is read where it is).
    static func manifestForDistrict(count: Int, stick: Bool = true) -> Message {
        Message("manifest.for_district",
                en: "For the district office, folder inbox/ (\(count) \(count == 1 ? "file" : "files"))\(stick ? " — take the stick to the district office" : ""):",
                ru: "Для управления образования, папка inbox/ (\(Russian.count(count, "файл", "файла", "файлов")))\(stick ? " — отвезите флешку в управление образования" : ""):")
    }

    static func manifestForSchool(_ school: String, site: String, count: Int, stick: Bool = true) -> Message {
        Message("manifest.for_school",
                en: "For the school \(school), folder outbox/\(site)/ (\(count) \(count == 1 ? "file" : "files"))\(stick ? " — the school takes \(count == 1 ? "it" : "them") when the stick is plugged in there" : ""):",
                ru: "Для школы \(school), папка outbox/\(site)/ (\(Russian.count(count, "файл", "файла", "файлов")))\(stick ? " — школа заберёт \(count == 1 ? "его" : "их"), когда флешку вставят у неё" : ""):")
    }

    static func manifestChanges(_ path: String, from: String, to: String, records: Int, full: Bool, written: String) -> Message {
        Message("manifest.changes",
                en: "\(path) — changes from the school \(from) to the district \(to): \(records) \(records == 1 ? "record" : "records")\(full ? " (full copy)" : ""), written \(written) by the school computer's clock",
                ru: "\(path) — изменения от школы \(from) для управления образования \(to): \(Russian.count(records, "запись", "записи", "записей"))\(full ? " (полная копия)" : ""), записан \(written) по часам компьютера школы")
    }

    static func manifestReply(_ path: String, from: String, to: String, records: Int, full: Bool, written: String) -> Message {
        Message("manifest.reply",
                en: "\(path) — reply from the district \(from) to the school \(to): \(records) \(records == 1 ? "record" : "records")\(full ? " (full copy)" : ""), written \(written) by the district's clock",
                ru: "\(path) — ответ управления образования \(from) для школы \(to): \(Russian.count(records, "запись", "записи", "записей"))\(full ? " (полная копия)" : ""), записан \(written) по часам управления образования")
    }

    /// A bundle that fails its integrity check: what the courier does about it.
    static func manifestDamaged(_ path: String, changes: Bool, from: String, to: String) -> Message {
        changes
            ? Message("manifest.damaged_changes",
                      en: "\(path) — changes from the school \(from), but the file is damaged or cut short: at the school \(from) press «Sync» once more with this stick (nothing is lost)",
                      ru: "\(path) — изменения от школы \(from), но файл повреждён или записан не до конца: в школе \(from) ещё раз нажмите «Синхронизировать» с этой флешкой (ничего не пропадёт)")
            : Message("manifest.damaged_reply",
                      en: "\(path) — reply for the school \(to), but the file is damaged or cut short: let the district take this stick in once more; it writes the reply again",
                      ru: "\(path) — ответ для школы \(to), но файл повреждён или записан не до конца: пусть управление образования ещё раз примет флешку — ответ будет записан заново")
    }

    /// A reply the school has merged already.
    static func manifestTaken(_ path: String, school: String, written: String) -> Message {
        Message("manifest.taken",
                en: "\(path) — reply for the school \(school), written \(written): the school has it already",
                ru: "\(path) — ответ для школы \(school), записан \(written): школа его уже получила")
    }

    static func manifestUnreadable(_ path: String) -> Message {
        Message("manifest.unreadable",
                en: "\(path) — cannot be read (still being copied, or damaged); leave it, the program decides",
                ru: "\(path) — не читается (ещё копируется или повреждён); оставьте его, программа разберётся сама")
    }
}

/// Russian number agreement: 1 файл, 2 файла, 5 файлов, 21 файл, 11 файлов.
enum Russian {
    static func count(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
        let (d10, d100) = (abs(n) % 10, abs(n) % 100)
        let word = d10 == 1 && d100 != 11 ? one : (2...4).contains(d10) && !(12...14).contains(d100) ? few : many
        return "\(n) \(word)"
    }
}
