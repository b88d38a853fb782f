import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A bundle whose header claims a newer registry schema waits in the inbox only when the district
/// can tell it is genuine without reading its body: addressed to it, from an enrolled school,
/// whole, signed with that school's key. Anything else is quarantined like any bad bundle, so a
/// forged header cannot park files in the inbox or make `status` say "upgrade the district".
final class NewerSchemaForgeryCLITests: XCTestCase {
    let v3 = SyncSchema(version: 3, tables: RegistrySchema.schema.tables, earlier: [RegistrySchema.v1, RegistrySchema.schema])

    /// Writes a schema 3 bundle of s001 into the stick's inbox, signed with `key` (s001's own when nil).
    func newerBundle(_ world: CLIWorld, key: [UInt8]? = nil) throws -> String {
        let path = world.schoolHome("s001").appendingPathComponent("registry.db").path
        let newer = try Replica(path: path, schema: v3)
        guard case .blob(let own)? = try newer.database.scalar("SELECT key FROM school_identity") else { throw XCTSkip("no key") }
        return try newer.exportBundle(to: world.stick.appendingPathComponent("inbox"), recipient: newer.district,
                                      key: key ?? own).url.lastPathComponent
    }

    func quarantined(_ world: CLIWorld) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: world.districtHome.appendingPathComponent("quarantine").path)
            .filter { $0.hasSuffix(".msync") }
    }

    func testAForgedNewerSchemaBundleIsQuarantinedNotLeftWaiting() throws {
        let world = try CLIWorld(schools: ["s001"])
        let name = try newerBundle(world, key: [UInt8](repeating: 7, count: 32))
        let r = try world.district("ingest", "--share", world.stick.path)
        XCTAssertFalse(FileManager.default.fileExists(atPath: world.stick.appendingPathComponent("inbox/\(name)").path), r.output)
        XCTAssertEqual(try quarantined(world), [name])
        let json = try XCTUnwrap(try world.json(try world.district("status", "--json")) as? [String: Any])
        XCTAssertNotEqual(json["advice"] as? String, "upgrade the district", "\(json)")
        XCTAssertTrue(json["waiting_for_upgrade"] == nil || json["waiting_for_upgrade"] is NSNull, "\(json)")
    }

    func testADamagedNewerSchemaBundleIsQuarantined() throws {
        let world = try CLIWorld(schools: ["s001"])
        let name = try newerBundle(world)
        let url = world.stick.appendingPathComponent("inbox/\(name)")
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count - 50] ^= 0x01
        try Data(bytes).write(to: url)
        // No settling time, so the district does not take it for a copy in progress (it was just
        // written here: its inode's change time is now, whatever its modification time says).
        _ = try world.district("ingest", "--share", world.stick.path, "--settle", "0")
        XCTAssertEqual(try quarantined(world), [name])
    }

    func testAGenuineOneFromARevokedSchoolIsQuarantined() throws {
        let world = try CLIWorld(schools: ["s001"])
        let name = try newerBundle(world)
        expectOK(try world.district("revoke", "--site", "s001"))
        _ = try world.district("ingest", "--share", world.stick.path)
        XCTAssertEqual(try quarantined(world), [name])
    }
}
