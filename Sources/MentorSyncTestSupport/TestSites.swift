import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// A scratch folder that removes itself.
public final class ScratchDirectory {
    public let url: URL
    public init(_ label: String = "mentorsync") {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    public func path(_ name: String) -> URL { url.appendingPathComponent(name) }
    public func folder(_ name: String) -> URL {
        let u = url.appendingPathComponent(name)
        try! FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A district and its schools as in-process replicas, with one key per school.
public final class TestDistrict {
    public let scratch: ScratchDirectory
    public let district: Replica
    public private(set) var schools: [SiteID: Replica] = [:]
    public private(set) var keys: [SiteID: [UInt8]] = [:]
    public let mail: URL

    public init(schools names: [String], label: String = "district") throws {
        scratch = ScratchDirectory(label)
        mail = scratch.folder("mail")
        let d = SiteID("district")!
        district = try Replica.create(path: scratch.path("district.db").path, site: d, role: .district, district: d, schema: RegistrySchema.schema)
        for n in names {
            let s = SiteID(n)!
            schools[s] = try Replica.create(path: scratch.path("\(n).db").path, site: s, role: .school, district: d, schema: RegistrySchema.schema)
            keys[s] = Array(SHA256.hash(Array("key-\(n)".utf8)))
        }
    }

    public func school(_ name: String) -> Replica { schools[SiteID(name)!]! }

    public func key(for header: BundleHeader) throws -> [UInt8] {
        let school = header.sender == district.site ? header.recipient : header.sender
        guard let k = keys[school] else { throw BundleError.unknownSender(school.rawValue) }
        return k
    }

    /// School → district: export a bundle and return its file.
    public func upload(_ name: String) throws -> URL {
        let s = school(name)
        return try s.exportBundle(to: mail, recipient: district.site, key: keys[s.site]!).url
    }

    /// District → school: export a reply and return its file.
    public func reply(_ name: String) throws -> URL {
        let s = SiteID(name)!
        return try district.exportBundle(to: mail, recipient: s, key: keys[s]!).url
    }

    @discardableResult
    public func districtMerges(_ url: URL) throws -> MergeReport {
        try district.importBundle(at: url, keyFor: key(for:), policy: MergePolicies.schoolsWriteOwnRows,
                                    conflictPolicy: MergePolicies.schoolsReportOwnConflicts)
    }

    @discardableResult
    public func schoolMerges(_ name: String, _ url: URL) throws -> MergeReport {
        try school(name).importBundle(at: url, keyFor: key(for:))
    }

    /// A full round: every school uploads, the district merges, replies, every school merges.
    public func syncAll() throws {
        for name in schools.keys.sorted() { try districtMerges(try upload(name.rawValue)) }
        for name in schools.keys.sorted() { try schoolMerges(name.rawValue, try reply(name.rawValue)) }
    }
}

extension Replica {
    /// Inserts a row through plain SQL (captured by the triggers like any other client's edit).
    @discardableResult
    public func insert(_ table: String, _ values: [String: DatabaseValue], id: String = UUID().uuidString.lowercased()) throws -> String {
        let cols = ["id"] + values.keys.sorted()
        let sql = "INSERT INTO \(table) (\(cols.joined(separator: ", "))) VALUES (\(cols.map { _ in "?" }.joined(separator: ", ")))"
        try database.execute(sql, [.text(id)] + values.keys.sorted().map { values[$0]! })
        return id
    }

    public func update(_ table: String, _ id: String, _ values: [String: DatabaseValue]) throws {
        let keys = values.keys.sorted()
        try database.execute("UPDATE \(table) SET \(keys.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?", keys.map { values[$0]! } + [.text(id)])
    }

    public func delete(_ table: String, _ id: String) throws {
        try database.execute("DELETE FROM \(table) WHERE id = ?", [.text(id)])
    }

    public func value(_ table: String, _ id: String, _ column: String) throws -> DatabaseValue? {
        try database.scalar("SELECT \(column) FROM \(table) WHERE id = ?", [.text(id)])
    }

    /// Every live row of every synced table, for comparing replicas.
    public func snapshot(owners: Set<String>? = nil) throws -> [String: [[DatabaseValue]]] {
        var result: [String: [[DatabaseValue]]] = [:]
        for t in schema.tables {
            let cols = (["id"] + t.cellNames).joined(separator: ", ")
            var rows = try database.rows("SELECT \(cols) FROM \(t.name) ORDER BY id")
            if let owners { rows = rows.filter { owners.contains($0[1].displayText) } }
            result[t.name] = rows
        }
        return result
    }

    /// Every conflict this site holds, settled or not, by id.
    public func openConflicts() throws -> [Conflict] {
        try conflicts(includeResolved: true).sorted { $0.id < $1.id }
    }
}
