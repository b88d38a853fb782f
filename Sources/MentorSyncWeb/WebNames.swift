import MentorSyncDomain
import MentorSyncEngine

/// The names of the registry's rows, loaded once and kept while nothing changed: naming every
/// person of a district costs far more than a page, so pages share one `ReferenceResolver` until
/// another program commits (SQLite's `data_version`) or this app handles a POST (its own writes).
/// Used only under the app's registry lock, one request at a time.
final class WebNames: @unchecked Sendable {
    private var generation = 0
    private var cached: (key: String, resolver: ReferenceResolver)?

    /// Everything this app writes goes through a POST: the names are read again after one.
    func changed() { generation += 1 }

    func resolver(_ db: Database) throws -> ReferenceResolver {
        let key = "\(try db.scalar("PRAGMA data_version")?.integer ?? 0)/\(generation)"
        if let cached, cached.key == key, cached.resolver.database === db { return cached.resolver }
        let fresh = ReferenceResolver(database: db)
        cached = (key, fresh)
        return fresh
    }
}
