import Foundation
import MentorSyncEngine

/// A full stick or share, said in one line: where, how much room the file needs, what to do.
extension Message {
    /// No file could be written in a folder (a locked or pulled-out stick, a folder gone): where,
    /// why, what to do — the changes wait in the registry, nothing is lost.
    public static func cannotWrite(_ e: FileError) -> Message {
        let folder = e.folder ?? ""
        // A bundle's changes wait in the registry; a report's or an enrollment file's have none to send.
        let again = e.isBundle ? (en: "; nothing was lost: the changes go with the next try",
                                  ru: "; ничего не потеряно: изменения уйдут со следующей попыткой") : (en: "", ru: "")
        // What each failure is in Russian (the English is the engine's own line), then the same ending.
        let (key, ru): (String, String)
        switch e.code {
        case EROFS: (key, ru) = ("file.read_only", "на флешку или в папку \(folder) нельзя записать: она только для чтения (флешка защищена от записи?); снимите защиту и попробуйте снова")
        case EACCES, EPERM: (key, ru) = ("file.permission", "в папку \(folder) нельзя записать: нет прав на запись; попросите администратора дать права или возьмите другую флешку")
        case ENOENT, ENOTDIR, ENODEV, ENXIO: (key, ru) = ("file.folder_gone", "папки \(folder) нет (флешку вынули?): вставьте флешку снова и попробуйте ещё раз")
        case EIO: (key, ru) = ("file.io", "не удалось записать на флешку или в папку \(folder): ошибка ввода-вывода (флешку вынули во время записи или она повреждена); вставьте её снова или возьмите другую и попробуйте ещё раз")
        case ENOSPC, EDQUOT: (key, ru) = ("file.full", "флешка или папка \(folder) заполнена; удалите с неё другие файлы (или возьмите другую флешку) и попробуйте снова")
        default: (key, ru) = ("file.cannot_write", "не удалось записать в папку \(folder) (\(String(cString: strerror(e.code)))); проверьте флешку или папку и попробуйте снова")
        }
        return Message(key, en: e.description + again.en, ru: ru + again.ru)
    }

    /// The one sentence for a failure of the engine's (a full or locked stick, a bundle's error, the
    /// registry's), in the reader's language; nil for any other error. The command line and the web
    /// app both say failures with it.
    public static func failure(_ error: Error) -> Message? {
        if let e = error as? NoRoomError { return .noRoom(e) }
        if let e = error as? FileError, e.folder != nil { return .cannotWrite(e) }
        if let e = error as? BundleError { return .bundleError(e) }
        if let e = error as? ReplicaError { return .replicaError(e) }
        if let e = error as? SQLiteError {
            if e.isCorrupt { return .registryDamaged(e.message) }
            if e.isDiskFull { return .diskFull }
            if e.isBusy { return .registryBusy }
            return .databaseError(e.message)
        }
        return nil
    }

    public static func noRoom(_ e: NoRoomError) -> Message {
        let (needed, free) = (NoRoomError.kilobytes(e.needed), NoRoomError.kilobytes(e.available))
        return Message("space.no_room",
                       en: "the stick or folder \(e.folder.path) is full: the file needs \(needed) KB, only \(free) KB are free; delete other files from it (or take another stick) and run the command again — nothing was lost, the changes go with the next try",
                       ru: "флешка или папка \(e.folder.path) заполнена: файлу нужно \(needed) КБ, свободно только \(free) КБ; удалите с неё другие файлы (или возьмите другую флешку) и попробуйте снова — ничего не потеряно, изменения уйдут со следующей попыткой")
    }
}
