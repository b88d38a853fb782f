import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Issue 15: the district (the real binary, at schema 2) answers a school that still runs schema 1
/// at schema 1, and once that school upgrades, sends it whole what schema 1 could not hold.
/// The schema 1 school is the engine opened with `RegistrySchema.v1`, as the previous release was.
final class SchemaAnswerCLITests: XCTestCase {
    func testAVersion1SchoolIsAnsweredAtItsVersionAndGetsWhatWasHeldBackOnceItUpgrades() throws {
        let world = try CLIWorld(schools: [])
        let home = try SchemaMigrationCLITests.makeV1School(world, "s001")
        let dbPath = home.appendingPathComponent("registry.db").path
        // District data of both versions: an event with the schema 2 column kind.
        expectOK(try world.district("put", "events", "--set", "title=Обмен опытом наставников", "--set", "kind=practice_sharing", "--id", "d-e1"))

        // Two rounds of the old school: its bundle in, the district's reply merged by the old engine.
        for round in 0..<2 {
            do {
                let old = try Replica(path: dbPath, schema: RegistrySchema.v1)
                guard case .blob(let key)? = try old.database.scalar("SELECT key FROM school_identity") else { return XCTFail("no key") }
                if round == 1 { try old.database.execute("UPDATE persons SET position = 'учитель' WHERE full_name = 'Учитель 0'") }
                let inbox = world.stick.appendingPathComponent("inbox")
                try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
                _ = try old.exportBundle(to: inbox, recipient: old.district, key: key)
                expectOK(try world.district("ingest", "--share", world.stick.path))
                let outbox = world.stick.appendingPathComponent("outbox/s001")
                let replies = try FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil)
                    .filter { $0.pathExtension == "msync" }
                XCTAssertFalse(replies.isEmpty)
                for reply in replies {
                    let reader = try BundleReader(url: reply)
                    XCTAssertEqual(reader.header.schemaVersion, 1, "a schema 1 school is answered at schema 1")
                    let report = try old.importBundle(from: reader, keyFor: { _ in key })
                    XCTAssertEqual(report.refusals.map(\.reason), [], "a schema 1 school receives no table or column it does not know")
                    try FileManager.default.removeItem(at: reply)
                }
                XCTAssertEqual(try old.database.scalar("SELECT title FROM events WHERE id = 'd-e1'")?.text, "Обмен опытом наставников")
                XCTAssertEqual(try old.database.scalar("SELECT schema_version FROM msync_site")?.integer, 1)
                XCTAssertFalse(try old.database.tableExists("diagnostics"))
            }
        }
        let districtDB = try Database(path: world.districtHome.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try districtDB.scalar("SELECT position FROM persons WHERE full_name = 'Учитель 0'")?.text, "учитель")

        // The school replaces its binary: the next sync migrates its home and declares schema 2;
        // the district's next reply carries whole what schema 1 could not hold.
        world.schools = ["s001"]
        try world.round()
        try world.round()
        let db = try Database(path: dbPath)
        XCTAssertEqual(try db.scalar("SELECT schema_version FROM msync_site")?.integer, 2)
        XCTAssertEqual(try db.scalar("SELECT kind FROM events WHERE id = 'd-e1'")?.text, "practice_sharing",
                       "the column held back from the schema 1 school arrives once it upgrades")
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM events WHERE id = 'd-e1'")?.integer, 1)
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM persons")?.integer, 2, "no duplicate rows")
        XCTAssertEqual(try db.integrityCheck(), "ok")
        // And the new tables flow up.
        expectOK(try world.school("s001", "put", "trainings", "--set", "person_id=Учитель 1", "--set", "topic=talents",
                                  "--set", "federal_registry=да", "--set", "passed=1", "--set", "finished_on=01.12.2025"))
        try world.round()
        XCTAssertEqual(try districtDB.scalar("SELECT topic FROM trainings WHERE org_id = 's001'")?.text, "talents")
    }
}

final class NewerSchoolBundleCLITests: XCTestCase {
    /// A school bundle at a schema newer than the district's waits in the inbox, is not quarantined,
    /// and `status` says to upgrade the district.
    func testABundleAtANewerSchemaWaitsInTheInboxAndStatusSaysUpgradeTheDistrict() throws {
        let world = try CLIWorld(schools: ["s001"])
        let path = world.schoolHome("s001").appendingPathComponent("registry.db").path
        let v3 = SyncSchema(version: 3, tables: RegistrySchema.schema.tables, earlier: [RegistrySchema.v1, RegistrySchema.schema])
        let name: String
        do {
            let newer = try Replica(path: path, schema: v3)
            guard case .blob(let key)? = try newer.database.scalar("SELECT key FROM school_identity") else { return XCTFail("no key") }
            name = try newer.exportBundle(to: world.stick.appendingPathComponent("inbox"), recipient: newer.district, key: key).url.lastPathComponent
        }
        let r = try world.district("ingest", "--share", world.stick.path)
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(FileManager.default.fileExists(atPath: world.stick.appendingPathComponent("inbox/\(name)").path), "the bundle waits in the inbox")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: world.districtHome.appendingPathComponent("quarantine").path)
            .filter { $0.hasSuffix(".msync") }, [])
        let status = try world.district("status")
        XCTAssertTrue(status.stdout.contains("upgrade the district"), status.output)
        // The methodologist reads it on her dashboard: whom to ask, and that nothing is lost meanwhile.
        let russian = try world.district(environment: ToolLocale.russian.merging(["COLUMNS": "400"]) { $1 }, ["status"])
        XCTAssertTrue(russian.stdout.contains("попросите администратора обновить mentorsync в управлении образования — пакеты дождутся, ничего не потеряется"), russian.stdout)
        let json = try XCTUnwrap(try world.json(try world.district("status", "--json")) as? [String: Any])
        XCTAssertEqual(json["advice"] as? String, "upgrade the district")
        XCTAssertTrue((json["waiting_for_upgrade"] as? String)?.contains(name) ?? false, "\(json)")
    }
}
