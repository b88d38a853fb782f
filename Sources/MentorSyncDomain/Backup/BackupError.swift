import Foundation

/// Errors of backup and restore, each one line a person can act on.
public enum BackupError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    /// A dated copy of this second is in the folder already (two backups within one second).
    case sameSecond(String)
    case noFolder(String)
    case keepNeedsFolder(String)
    case wrongRole(home: String, expected: String, found: String)
    case missing(String)
    case notABackup(String, String)
    case damaged(String, String)
    case otherSite(backup: String, home: String, path: String)
    case io(String)

    public var description: String { message.text() }

    /// The error in both languages.
    public var message: Message {
        func m(_ key: String, _ en: String, _ ru: String) -> Message { Message("backup.\(key)", en: en, ru: ru) }
        switch self {
        case .exists(let p): return m("exists", "\(p) already exists; refusing to overwrite a backup — choose a new name, or give a folder",
                                      "\(p) уже существует; резервную копию не перезаписываю — выберите новое имя или укажите папку")
        case .sameSecond(let p): return m("same_second", "a backup \(p) was taken this same second; nothing was overwritten — run the backup again in a moment",
                                          "копия \(p) уже снята в эту же секунду; ничего не перезаписано — повторите копирование чуть позже")
        case .noFolder(let p): return m("no_folder", "the folder \(p) does not exist: create it (or mount the backup disk) first",
                                        "папки \(p) нет: сначала создайте её (или подключите диск для копий)")
        case .keepNeedsFolder(let p): return m("keep_needs_folder", "--keep N (N ≥ 1) needs --out to be an existing folder, not \(p)",
                                               "для --keep N (N ≥ 1) в --out нужна существующая папка, а не \(p)")
        case .wrongRole(let home, let expected, let found):
            return m("wrong_role", "\(home) holds a \(found)'s registry, not a \(expected)'s; use mentorsync-\(found) for it",
                     "в \(home) реестр \(found == "school" ? "школы" : "управления образования"), а не \(expected == "school" ? "школы" : "управления образования"); используйте для него mentorsync-\(found)")
        case .missing(let p): return m("missing", "backup file \(p) does not exist", "файла резервной копии \(p) нет")
        case .notABackup(let p, let why): return m("not_a_backup", "\(p) is not a mentorsync backup (\(why))", "\(p) — не резервная копия mentorsync (\(Self.russian(why)))")
        case .damaged(let p, let why): return m("damaged", "backup \(p) is damaged (\(why)); use an older backup",
                                                "резервная копия \(p) повреждена (\(Self.russian(why))); возьмите более старую")
        case .otherSite(let backup, let home, let path):
            return m("other_site", "this backup is of site '\(backup)' but \(path) holds site '\(home)'; refusing to mix them up",
                     "это копия реестра с кодом «\(backup)», а в \(path) — реестр с кодом «\(home)»; смешивать их нельзя")
        case .io(let why): return m("io", why, why)
        }
    }

    /// SQLite's and the check's words for what is wrong with a file, as a Russian reader reads them
    /// (SQLite's own, unknown here, stay as they are).
    static func russian(_ why: String) -> String {
        switch why {
        case "file is not a database": return "это не файл базы данных"
        case "database disk image is malformed": return "файл базы данных повреждён"
        case "it holds no mentorsync registry": return "в нём нет реестра mentorsync"
        case "unable to open database file": return "файл не открывается"
        default: return why
        }
    }
}
