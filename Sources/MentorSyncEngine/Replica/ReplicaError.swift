/// Errors of a replica's own store.
public enum ReplicaError: Error, Equatable, CustomStringConvertible {
    case notInitialized(String)
    case alreadyInitialized(String)
    case corruptMetadata(String)
    case schemaTooNew(found: Int, supported: Int)
    case unknownTable(String)
    /// The registry's layout must change, and another program has it open (process `pid`).
    case openElsewhere(path: String, pid: Int32)

    public var description: String {
        switch self {
        case .notInitialized(let path): return "\(path) is not a mentorsync registry; run init first"
        case .alreadyInitialized(let path): return "\(path) already holds a registry; refusing to overwrite it"
        case .corruptMetadata(let why): return "sync bookkeeping is damaged: \(why); restore the registry from a backup and resync"
        case .schemaTooNew(let found, let supported): return "this registry was made by a newer mentorsync (registry schema \(found), this program knows \(supported)); install a mentorsync with registry schema \(found) or later"
        case .unknownTable(let name): return "no synced table named '\(name)'"
        case .openElsewhere(let path, let pid): return "\(path) is open in another program (process \(pid)), most likely a service of the earlier version: restart it or close the program, then run this again; nothing was changed"
        }
    }
}
