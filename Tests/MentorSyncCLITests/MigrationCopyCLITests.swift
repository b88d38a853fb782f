import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Issue 15: `registry.db.v1.bak`, the copy written before a school's home is migrated, is kept
/// until the upgraded registry has synced — a reply the district wrote at the new schema merged —
/// and then removed, which the receipt says.
final class MigrationCopyCLITests: XCTestCase {
    func testTheCopyIsKeptUntilASyncAtTheNewSchemaThenRemoved() throws {
        let world = try CLIWorld(schools: [])
        let home = try SchemaMigrationCLITests.makeV1School(world, "s001")
        let copy = home.appendingPathComponent("registry.db.v1.bak")
        // The old program's bundle reaches the district, which answers at schema 1.
        do {
            let old = try Replica(path: home.appendingPathComponent("registry.db").path, schema: RegistrySchema.v1)
            guard case .blob(let key)? = try old.database.scalar("SELECT key FROM school_identity") else { return XCTFail("no key") }
            let inbox = world.stick.appendingPathComponent("inbox")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            _ = try old.exportBundle(to: inbox, recipient: old.district, key: key)
        }
        expectOK(try world.district("ingest", "--share", world.stick.path))

        // The new binary migrates at its first command; a sync that merges only the reply written
        // at schema 1 keeps the copy.
        expectOK(try world.school("s001", "status"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path), "written by the migration")
        let first = try world.school("s001", "sync", "--share", world.stick.path, "--json")
        expectOK(first)
        let imported = try XCTUnwrap((try world.json(first) as? [String: Any])?["imported"] as? [String: Any])
        XCTAssertEqual((imported["files"] as? [String])?.count, 1, "the schema 1 reply was merged")
        XCTAssertEqual(imported["removed_migration_copies"] as? [String], [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path), "no reply at schema 2 yet: the copy stays")

        // The district merges the upgraded school's bundle and answers at schema 2: the next sync removes it.
        expectOK(try world.district("ingest", "--share", world.stick.path))
        let second = try world.school("s001", "sync", "--share", world.stick.path)
        expectOK(second)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.path), "removed after a sync at the new schema")
        XCTAssertTrue(second.stdout.contains("registry.db.v1.bak"), second.output)
        let db = try Database(path: home.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM persons")?.integer, 2)
        XCTAssertEqual(try db.integrityCheck(), "ok")
    }

    /// A reply at the new schema that cannot be merged (damaged on the stick) is not a successful sync: the copy stays.
    func testASyncWithAProblemKeepsTheCopy() throws {
        let world = try CLIWorld(schools: [])
        let home = try SchemaMigrationCLITests.makeV1School(world, "s001")
        let copy = home.appendingPathComponent("registry.db.v1.bak")
        expectOK(try world.school("s001", "sync", "--share", world.stick.path))
        expectOK(try world.district("ingest", "--share", world.stick.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path))
        let outbox = world.stick.appendingPathComponent("outbox/s001")
        let replies = try FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil).filter { $0.pathExtension == "msync" }
        XCTAssertEqual(replies.count, 1)
        // The district's reply arrives damaged: it cannot be merged, and the copy stays.
        let genuine = try Data(contentsOf: replies[0])
        var bytes = [UInt8](genuine)
        bytes[bytes.count / 2] ^= 0xff
        try Data(bytes).write(to: replies[0])
        let r = try world.school("s001", "sync", "--share", world.stick.path)
        XCTAssertNotEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.output.contains("the district's reply is damaged or incomplete ("), r.output)
        XCTAssertTrue(r.output.contains("nothing of yours is lost: the district writes the reply anew when it next takes your files"), r.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path), "a sync with a problem keeps the copy")
        // A good copy of it arrives: the sync succeeds at the new schema.
        try genuine.write(to: replies[0])
        expectOK(try world.school("s001", "sync", "--share", world.stick.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.path))
    }

    /// The district's copy is kept until a pass of the upgraded district merges a bundle and answers.
    func testTheDistrictsCopyIsKeptUntilAPassMergesAndAnswers() throws {
        let scratch = ScratchDirectory("district-copy")
        let home = scratch.path("district")
        let stick = scratch.folder("stick")
        let enroll = scratch.path("s001.enroll")
        do {
            let old = try DistrictHome.create(at: home, site: SiteID("district")!, name: "Управление образования", schema: RegistrySchema.v1)
            _ = try old.enroll(site: SiteID("s001")!, name: "Школа № 1", out: enroll)
        }
        func district(_ args: String...) throws -> ToolResult { try ToolRunner.run("mentorsync-district", args + ["--home", home.path]) }
        func school(_ args: String...) throws -> ToolResult { try ToolRunner.run("mentorsync-school", args + ["--home", scratch.path("s001").path]) }
        let copy = home.appendingPathComponent("registry.db.v1.bak")
        // The new binary's first pass migrates and merges nothing: the copy stays.
        expectOK(try district("ingest", "--share", stick.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path), "written by the migration")
        expectOK(try school("init", "--enroll", enroll.path))
        expectOK(try school("put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher"))
        expectOK(try school("sync", "--share", stick.path))
        let pass = try district("ingest", "--share", stick.path, "--json")
        expectOK(pass)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(pass.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["removed_migration_copies"] as? [String], ["registry.db.v1.bak"], pass.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.path), "removed after a pass that merged and answered")
        let db = try Database(path: home.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM persons")?.integer, 1)
        XCTAssertEqual(try db.integrityCheck(), "ok")
    }
}
