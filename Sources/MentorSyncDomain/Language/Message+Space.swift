import MentorSyncEngine

/// A full stick or share, said in one line: where, how much room the file needs, what to do.
extension Message {
    public static func noRoom(_ e: NoRoomError) -> Message {
        let (needed, free) = (NoRoomError.kilobytes(e.needed), NoRoomError.kilobytes(e.available))
        return Message("space.no_room",
                       en: "the stick or folder \(e.folder.path) is full: the file needs \(needed) KB, only \(free) KB are free; delete other files from it (or take another stick) and run the command again — nothing was lost, the changes go with the next try",
                       ru: "флешка или папка \(e.folder.path) заполнена: файлу нужно \(needed) КБ, свободно только \(free) КБ; удалите с неё другие файлы (или возьмите другую флешку) и запустите команду снова — ничего не потеряно, изменения уйдут со следующей попыткой")
    }
}
