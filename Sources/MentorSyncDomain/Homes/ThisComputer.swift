import Foundation
import MentorSyncEngine

/// The computer a school's registry works on. A school folder copied to a second computer (the
/// secretary's laptop) and used on both writes the same counters twice: the district takes one
/// copy's changes and drops the other's as already seen, and neither hears of it. So a home keeps
/// the computer it was set up (or restored, or moved) on, and a copy found on another computer
/// sends nothing until the person says the school works here now (`move-here`, the web app's
/// status page): then the other copy is not to be used again.
public enum ThisComputer {
    /// This computer's id (systemd's machine id; the host name where there is none) and its name,
    /// read once a process (every page and every export asks).
    public static let current: (id: String, name: String) = {
        let name = ProcessInfo.processInfo.hostName
        for path in ["/etc/machine-id", "/var/lib/dbus/machine-id"] {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !id.isEmpty { return (id, name) }
            }
        }
        return (hostNamePrefix + name, name)
    }()

    /// The id of a computer with no machine id: its host name, so marked.
    static let hostNamePrefix = "host:"

    /// Whether the computer `recorded` (where the registry was set up, restored or moved) is the one
    /// `here`. A container has no machine id, and its host name is new at each run: with no machine id
    /// on either side the host name is no computer's identity, and the first one recorded is kept
    /// (a folder from a computer with a machine id, or one meeting a machine id, is still told).
    static func isSame(recorded: String, here: String) -> Bool {
        recorded == here || (recorded.hasPrefix(hostNamePrefix) && here.hasPrefix(hostNamePrefix))
    }

    /// Notes this computer as the registry's own (a new home, a restore, `move-here`).
    static func record(in db: Database) throws {
        try addColumns(db)
        let c = current
        try db.execute("UPDATE school_identity SET machine = ?, machine_name = ?", [.text(c.id), .text(c.name)])
    }

    static func addColumns(_ db: Database) throws {
        try db.addColumnIfMissing("school_identity", "machine", "TEXT")
        try db.addColumnIfMissing("school_identity", "machine_name", "TEXT")
    }

    /// A home from before computers were kept takes the one it is opened on (`SchoolHome.open`,
    /// with the other upgrades: never in a reading of a page or of `status`).
    static func recordIfUnknown(in db: Database) throws {
        try addColumns(db)
        guard try db.scalar("SELECT 1 FROM school_identity WHERE machine IS NULL") != nil else { return }
        try record(in: db)
    }
}

extension SchoolHome {
    /// The name of the computer this registry works on when it is not this one (the folder was
    /// copied here); nil on its own computer. Reads only: a home from before computers were kept
    /// took the one it was opened on (`ThisComputer.recordIfUnknown`).
    public func copiedFrom() throws -> String? { try copiedFrom(here: ThisComputer.current.id) }

    func copiedFrom(here: String) throws -> String? {
        guard let row = try database.rows("SELECT machine, machine_name FROM school_identity").first,
              let machine = row[0].text else { return nil }
        return ThisComputer.isSame(recorded: machine, here: here) ? nil : (row[1].text ?? "")
    }

    /// The school works on this computer from now on (the copy on the other one is not to be used):
    /// the writes made here since the copy are moved above any the other copy may have sent with
    /// the same counters (`Replica.moveWritesOfACopy`), so they travel. Nothing is done on the
    /// registry's own computer: returns false there (`alreadyHere` is said, not `movedHere`).
    @discardableResult
    public func moveHere() throws -> Bool {
        guard try copiedFrom() != nil else { return false }
        try replica.fold()
        _ = try replica.moveWritesOfACopy()
        try database.transaction { try ThisComputer.record(in: database) }
        return true
    }

    /// Refuses to send from a copy of the registry on another computer (see `ThisComputer`).
    func checkThisComputer() throws {
        if let other = try copiedFrom() { throw MessageError(.copiedFromAnotherComputer(other)) }
    }
}

extension Message {
    /// Why a copy sends nothing and what to do; `webApp`: the button to press (on the status page),
    /// not the command.
    /// `onStatusPage`: said on the status page, above the button itself.
    public static func copiedFromAnotherComputer(_ other: String, webApp: Bool = false, onStatusPage: Bool = false) -> Message {
        let (en, ru) = onStatusPage
            ? ("press the button «\(webMoveHere.english)» below", "нажмите кнопку «\(webMoveHere.russian)» ниже")
            : webApp
            ? ("press «\(webMoveHere.english)» on the status page", "нажмите «\(webMoveHere.russian)» на странице «Состояние»")
            : ("run mentorsync-school move-here, or press «\(webMoveHere.english)» on the web app's status page",
               "выполните mentorsync-school move-here или нажмите «\(webMoveHere.russian)» на странице «Состояние» веб-приложения")
        // A computer without a name (none was recorded) is «the other computer».
        let named = !other.trimmingCharacters(in: .whitespaces).isEmpty
        let (enWhere, ruWhere) = named ? (" («\(other)»)", " («\(other)»)") : ("", "")
        let (enThere, ruThere) = named ? ("on «\(other)»", "на «\(other)»") : ("on the other computer", "на том компьютере")
        return Message("school.copied_from_another_computer",
                       en: "this school folder was set up on another computer\(enWhere) and copied here: nothing is sent from it until you say the school works here now — \(en); then do not use the copy \(enThere) again: two copies in use lose each other's changes",
                       ru: "эта папка школы создана на другом компьютере\(ruWhere) и скопирована сюда: отсюда ничего не отправляется, пока вы не подтвердите, что школа теперь работает здесь, — \(ru); после этого не работайте с копией \(ruThere): две копии в работе теряют изменения друг друга")
    }

    /// The status page's button that moves the school to this computer.
    public static let webMoveHere = Message("web.move_here", en: "The school works on this computer", ru: "Работать на этом компьютере")

    /// `move-here` on the computer the folder works on already: nothing done.
    public static let alreadyHere = Message("school.already_here",
                                            en: "this school folder works on this computer already (it was set up, restored or moved here): nothing to do",
                                            ru: "эта папка школы и так работает на этом компьютере (создана, восстановлена или перенесена сюда): делать ничего не нужно")

    public static let movedHere = Message("school.moved_here", en: "the school works on this computer from now on; do not use the copy on the other computer again",
                                          ru: "школа теперь работает на этом компьютере; с копией на другом компьютере больше не работайте")
}
