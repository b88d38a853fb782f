import Foundation
import MentorSyncEngine

/// The replica's own errors (`ReplicaError`), in the reader's language.
extension Message {
    static func replicaError(_ e: ReplicaError) -> Message {
        switch e {
        // The registry file's folder is the home people name.
        case .notInitialized(let path): return notAHome(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        case .alreadyInitialized(let path): return alreadyExists(path)
        case .corruptMetadata(let why):
            return Message("replica.corrupt_metadata", en: e.description,
                           ru: "служебные записи синхронизации повреждены (\(why)); восстановите реестр из резервной копии (см. \(DocumentPath.of("BACKUP.md"))) и выполните полный обмен")
        case .schemaTooNew(let found, let supported):
            return Message("replica.schema_too_new", en: e.description,
                           ru: "реестр записан более новой версией mentorsync (схема реестра \(found), эта программа знает \(supported)); установите mentorsync, знающий схему \(found) или новее")
        case .unknownTable(let name):
            return Message("replica.unknown_table", en: e.description, ru: "в реестре нет синхронизируемой таблицы «\(name)»")
        case .openElsewhere(let path, let pid):
            return Message("replica.open_elsewhere",
                           en: "\(path) is open in another program (process \(pid)), most likely a service of the earlier version still running after the upgrade; restart the services (sudo systemctl restart mentorsync-district mentorsync-district-web, or the school's) or close that program, then run this again — nothing was changed",
                           ru: "\(path) открыт другой программой (процесс \(pid)) — скорее всего, службой прежней версии, которая работает после обновления; перезапустите службы (sudo systemctl restart mentorsync-district mentorsync-district-web или службы школы) или закройте ту программу и повторите команду — ничего не изменено")
        }
    }
}
