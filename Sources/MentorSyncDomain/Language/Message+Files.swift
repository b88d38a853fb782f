import MentorSyncEngine

/// Messages about files: what is left alone on a share, outputs refused over the registry,
/// replies put in the wrong folder, loose files that cannot be read.
extension Message {
    /// Why an item under a bundle's name is not taken (nil for a regular file).
    public static func notAFile(_ kind: RegularFile.Kind) -> Message? {
        switch kind {
        case .regular: return nil
        case .directory: return Message("files.folder", en: "it is a folder, not a bundle file; remove or rename it",
                                        ru: "это папка, а не файл пакета; удалите или переименуйте её")
        case .symbolicLink: return linkOnShare
        case .other: return Message("files.not_regular", en: "it is not a regular file (a pipe or a device); remove it",
                                    ru: "это не обычный файл (канал или устройство); удалите его")
        case .missing: return Message("files.missing", en: "there is no such file; check the path", ru: "такого файла нет; проверьте путь")
        }
    }

    /// Something that is not a file under the name of the courier's list: the exchange is done, the list is not.
    public static func manifestBlocked(_ path: String) -> Message {
        Message("files.manifest_blocked",
                en: "the courier's list \(path) is not written: something that is not a file (a folder?) has its name; remove it, and the next exchange writes the list",
                ru: "список для курьера \(path) не записан: под его именем лежит не файл (папка?); удалите её, и следующий обмен запишет список")
    }

    /// A file on a share larger than any bundle can be: left alone, never read or copied.
    static func tooLargeForABundle(bytes: Int) -> Message {
        let gb = String(format: "%.1f", Double(bytes) / Double(1 << 30))
        return Message("files.too_large", en: "it is larger than any bundle can be (\(gb) GB), so it is not one; remove it",
                       ru: "он больше, чем может быть любой пакет (\(gb.replacingOccurrences(of: ".", with: ",")) ГБ), значит, это не пакет; удалите его")
    }

    /// A file on a share the district would have to copy (another owner's, another file system) and
    /// larger than it copies: left alone.
    static func tooLargeToCopy(bytes: Int, limit: Int) -> Message {
        let mb = bytes >> 20, most = limit >> 20
        return Message("files.too_large_to_copy",
                       en: "it is larger (\(mb) MB) than a bundle the district copies from a share or a stick (\(most) MB); no school's bundle is this large; remove it",
                       ru: "он больше (\(mb) МБ), чем пакет, который программа копирует с общей папки или флешки (\(most) МБ); пакет школы таким не бывает; удалите его")
    }

    /// A file on a share the district would have to copy that is mostly empty space (a sparse file).
    static func sparseNotABundle(bytes: Int) -> Message {
        Message("files.sparse", en: "it is mostly empty space (\(bytes >> 20) MB with next to nothing written), which a bundle never is; remove it",
                ru: "он почти весь — пустое место (\(bytes >> 20) МБ, почти ничего не записано), а пакет таким не бывает; удалите его")
    }

    static let linkOnShare = Message("files.link", en: "it is a symbolic link; links on a share are never followed; remove it",
                                     ru: "это символическая ссылка; по ссылкам на общей папке программа не переходит; удалите её")

    static let outboxLink = Message("files.outbox_link",
                                    en: "it is a symbolic link; links on a share are never followed; remove it (the district makes the folder again)",
                                    ru: "это символическая ссылка; по ссылкам на общей папке программа не переходит; удалите её (управление образования создаст папку заново)")

    static let outboxNotFolder = Message("files.outbox_not_folder", en: "it is not a folder; remove it (the district makes the folder again)",
                                         ru: "это не папка; удалите её (управление образования создаст папку заново)")

    static func linkedShareFolder(_ path: String, link: Bool) -> Message {
        Message("files.share_folder_link",
                en: "\(path) is \(link ? "a symbolic link" : "not a folder"); links on a share are never followed — replace it with a folder",
                ru: "\(path) — \(link ? "символическая ссылка" : "не папка"); по ссылкам на общей папке программа не переходит — замените её папкой")
    }

    static func outputOverRegistry(_ path: String, home: String) -> Message {
        Message("files.output_over_registry",
                en: "refusing to write \(path): it is the registry of \(home) or its bookkeeping; give another file name (nothing was written)",
                ru: "не записываю \(path): это реестр \(home) или его служебные файлы; укажите другое имя файла (ничего не записано)")
    }

    static func cannotIngest(_ path: String, _ why: String) -> Message {
        Message("files.cannot_ingest", en: "cannot ingest \(path): \(why)", ru: "не удаётся принять \(path): \(why)")
    }

    static func readOnlyShare(_ path: String) -> Message {
        Message("files.read_only_share",
                en: "\(path) is read-only (a write-protected stick?): no bundle was taken; unlock it and run again",
                ru: "\(path) доступна только для чтения (флешка защищена от записи?): ни один пакет не взят; снимите защиту и запустите снова")
    }

    static func shareNotWritable(_ path: String) -> Message {
        Message("files.share_not_writable",
                en: "cannot take bundles from \(path): permission denied; the district must be able to write there",
                ru: "не удаётся взять пакеты из \(path): нет прав; управлению образования нужна запись в эту папку")
    }

    static func replyFromOtherDistrict(_ sender: String, district: String) -> Message {
        Message("files.reply_other_district",
                en: "it comes from '\(sender)', not from this school's district '\(district)'; it was left where it is",
                ru: "он от «\(sender)», а не от управления образования этой школы «\(district)»; файл оставлен на месте")
    }

    static func notAReply(_ sender: String) -> Message {
        Message("files.not_a_reply",
                en: "it is a school's bundle for the district (from \(sender)), not a reply; it belongs in inbox/ and was left where it is",
                ru: "это пакет школы для управления образования (от \(sender)), а не ответ; его место в inbox/, файл оставлен на месте")
    }

    static func replyForAnotherSchool(_ recipient: String, site: String) -> Message {
        Message("files.reply_other_school",
                en: "it is addressed to '\(recipient)', not to '\(site)': it is another school's file, put in this school's folder by mistake; it was left where it is — give it to \(recipient) or put it in outbox/\(recipient)/",
                ru: "он адресован «\(recipient)», а не «\(site)»: это файл другой школы, по ошибке положенный в папку этой; файл оставлен на месте — передайте его \(recipient) или положите в outbox/\(recipient)/")
    }

    static func idInOtherCapitals(_ table: String, _ id: String, found: [String]) -> Message {
        Message("registry.id_capitals",
                en: "\(table) has several rows whose id is '\(id)' in other capitals (\(found.joined(separator: ", "))); give the id exactly",
                ru: "в таблице \(ruTable(table)) несколько строк с id «\(id)» в другом регистре (\(found.joined(separator: ", "))); укажите id точно")
    }

    /// A share folder that is not there: the stick is not plugged in or the network folder not connected.
    static func shareMissing(_ path: String) -> Message {
        Message("files.share_missing",
                en: "\(path) does not exist: is the stick plugged in and mounted, or the network folder connected?",
                ru: "папки \(path) нет: вставлена ли флешка и подключена ли сетевая папка?")
    }

    /// A folder `ingest --share` made ready for exchange (it had no inbox/ yet).
    public static func sharePrepared(_ path: String) -> Message {
        Message("files.share_prepared",
                en: "\(path) is now ready for exchange (inbox/ and outbox/ made): a school can sync with it",
                ru: "папка \(path) подготовлена для обмена (созданы inbox/ и outbox/): теперь с ней может синхронизироваться школа")
    }

    /// A folder the district has not yet prepared as a share. `webApp`: said on the school's sync
    /// page, without the district's command or the folder's inner names.
    public static func shareNotPrepared(_ path: String, webApp: Bool = false) -> Message {
        if webApp {
            return Message("files.share_not_prepared",
                           en: "\(path) is not an exchange folder: a new stick or folder is prepared once by the district — ask it for a prepared stick or the path of the shared folder; if this is a network folder, check that it is connected now",
                           ru: "\(path) — не папка обмена: новую флешку или папку один раз готовит управление образования — попросите у него подготовленную флешку или путь к общей папке; если это сетевая папка, проверьте, что она сейчас подключена")
        }
        return Message("files.share_not_prepared",
                en: "\(path) is not a mentorsync share (it has no inbox/ folder): a network folder that is not connected (mounted) right now looks like this — connect it; a new stick or folder the district prepares once with 'mentorsync-district ingest --share \(path)'",
                ru: "\(path) — не папка обмена mentorsync (в ней нет папки inbox/): так выглядит сетевая папка, которая сейчас не подключена, — подключите её; новую флешку или папку один раз готовит управление образования; попросите у него подготовленную флешку или путь к общей папке (там это делает команда 'mentorsync-district ingest --share \(path)')")
    }
}
