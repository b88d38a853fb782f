import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

final class DistrictCLITests: XCTestCase {
    func testEnrollIngestAndReplyContent() throws {
        let w = try CLIWorld(schools: ["s001"])
        // A school bundle built with the engine, from the school's real home.
        let home = try SchoolHome.open(w.schoolHome("s001"))
        try RegistryEditor(replica: home.replica).put(table: "persons", sets: [("full_name", "Петрова Анна"), ("role", "teacher")])
        let exported = try SchoolSync(home: home).export(to: w.stick.appendingPathComponent("inbox"))
        XCTAssertEqual(exported.rows, 1)
        let r = try w.district("ingest", "--share", w.stick.path, "--json")
        expectOK(r)
        let o = try XCTUnwrap(try w.json(r) as? [String: Any])
        XCTAssertEqual(o["merged"] as? [String], [exported.url.lastPathComponent])
        let replies = Share.bundles(in: w.stick.appendingPathComponent("outbox/s001"))
        XCTAssertEqual(replies.count, 1)
        // The reply: addressed to s001, acknowledges the school's bundle, carries the district's organizations rows.
        let reader = try BundleReader(url: replies[0], keyFor: { _ in try home.key() })
        XCTAssertEqual(reader.header.recipient.rawValue, "s001")
        XCTAssertEqual(reader.header.acknowledgement[home.site], exported.url.lastPathComponent.isEmpty ? 0 : try home.replica.counter())
        var tables: [String] = []
        while let rec = try reader.next() { if case .row(let row) = rec { tables.append(row.table) } }
        XCTAssertTrue(tables.contains("organizations"))
        // Listing through the binary.
        let list = try w.district("list", "persons", "--json")
        XCTAssertEqual((try w.json(list) as? [[String: Any]])?.first?["full_name"] as? String, "Петрова Анна")
        let status = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        let schools = try XCTUnwrap(status["schools"] as? [[String: Any]])
        XCTAssertEqual(schools.first?["site"] as? String, "s001")
        XCTAssertEqual(schools.first?["rows"] as? Int, 1)
    }

    /// Enrolling a school changes no past year's report (two schools enrolled in December lowered
    /// last August's indicator 6 from 1 of 1 to 1 of 3), and a code enrolled by mistake, revoked, leaves
    /// the report; a school that holds rows the report counts stays in it all the same.
    func testSchoolsEnrolledAfterThePeriodOrRevokedWithoutRowsAreNotReported() throws {
        let w = try CLIWorld(schools: ["s001", "s002", "s003"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher"))
        try w.round()
        func sites(_ args: String...) throws -> [String] {
            let report = try XCTUnwrap(try w.json(try w.district(["report", "--json"] + args)) as? [String: Any])
            return try XCTUnwrap(report["schools"] as? [[String: Any]]).compactMap { $0["site"] as? String }.sorted()
        }
        let lastYear = "\(SchoolYear.current.startYear - 1)-\(SchoolYear.current.startYear)"
        XCTAssertEqual(try sites("--period", lastYear), ["s001"], "enrolled this year, only the school with rows")
        XCTAssertEqual(try sites(), ["s001", "s002", "s003"])
        // Their zeros are said to be no figures: the registry holds nothing of theirs the report counts.
        let notes = try XCTUnwrap((try w.json(try w.district("report", "--json")) as? [String: Any])?["notes"] as? [String])
        XCTAssertTrue(notes.contains { $0.hasPrefix("Нет данных за период: Школа s002, Школа s003 — в реестре нет их записей") }, "\(notes)")
        XCTAssertFalse(notes.contains { $0.contains("s001") }, "s001's teacher counts")
        expectOK(try w.district("revoke", "--site", "s003"))
        XCTAssertEqual(try sites(), ["s001", "s002"], "a revoked code without a row")
        expectOK(try w.district("revoke", "--site", "s001"))
        XCTAssertEqual(try sites(), ["s001", "s002"], "a revoked school's rows still count")
        XCTAssertEqual(try sites("--site", "s003"), ["s003"], "asked for by its code, it is reported")
        // A school enrolled years ago keeps its place in last year's report when given a new key now.
        let db = try Database(path: w.districtHome.appendingPathComponent("registry.db").path)
        try db.execute("UPDATE district_schools SET enrolled_at = '2020-01-01T00:00:00Z', first_enrolled_at = '2020-01-01T00:00:00Z' WHERE site = 's002'")
        XCTAssertEqual(try sites("--period", lastYear), ["s001", "s002"])
        expectOK(try w.district("enroll", "--again", "--site", "s002", "--out", w.scratch.path("s002-new.enroll").path))
        XCTAssertEqual(try sites("--period", lastYear), ["s001", "s002"], "a new key is no new school")
    }

    func testRejectedBundlesOfEachKindEndInQuarantineWithAReason() throws {
        let w = try CLIWorld(schools: ["s001"])
        let inbox = w.stick.appendingPathComponent("inbox")
        let home = try SchoolHome.open(w.schoolHome("s001"))
        try RegistryEditor(replica: home.replica).put(table: "persons", sets: [("full_name", "А")])
        let good = try SchoolSync(home: home).export(to: w.scratch.folder("good")).url
        schoolKey = try home.key()
        let goodBytes = try Data(contentsOf: good)
        var expected: [String: String] = [:]

        try Data("hello, this is not a bundle".utf8).write(to: inbox.appendingPathComponent("garbage.msync"))
        expected["garbage.msync"] = "not a mentorsync bundle"

        try goodBytes.prefix(goodBytes.count - 30).write(to: inbox.appendingPathComponent("s001-cut.msync"))
        expected["s001-cut.msync"] = "damaged or incomplete"

        var flipped = goodBytes
        flipped[flipped.count - 60] ^= 0x01
        try flipped.write(to: inbox.appendingPathComponent("s001-flipped.msync"))
        expected["s001-flipped.msync"] = "damaged or incomplete"

        // Signed with a key the district never issued: a forgery.
        let forged = try forge(from: good, key: Array(repeating: 7, count: 32)) { $0 }
        try forged.write(to: inbox.appendingPathComponent("s001-forged.msync"))
        expected["s001-forged.msync"] = "signature does not match the key enrolled for s001"

        let stranger = try forge(from: good, key: Array(repeating: 7, count: 32)) { h in
            var h = h; h.sender = SiteID("s099")!; return h
        }
        try stranger.write(to: inbox.appendingPathComponent("s099-x.msync"))
        expected["s099-x.msync"] = "which is not enrolled here"

        let elsewhere = try forge(from: good, key: try home.key()) { h in var h = h; h.recipient = SiteID("other")!; return h }
        try elsewhere.write(to: inbox.appendingPathComponent("s001-elsewhere.msync"))
        expected["s001-elsewhere.msync"] = "addressed to 'other', not to 'district'"

        let newer = try forge(from: good, key: try home.key()) { h in var h = h; h.schemaVersion = 99; return h }
        try newer.write(to: inbox.appendingPathComponent("s001-newer.msync"))
        // A genuine bundle at a newer registry schema is not quarantined: it waits for the district's upgrade.

        var future = goodBytes
        future[9] = 9  // format version 9
        try future.write(to: inbox.appendingPathComponent("s001-future.msync"))
        expected["s001-future.msync"] = "format version 9 is newer than this program understands"

        let r = try w.district("ingest", "--share", w.stick.path, "--settle", "0")
        XCTAssertEqual(r.exitCode, 3, r.output)
        let quarantine = w.districtHome.appendingPathComponent("quarantine")
        for (name, reason) in expected {
            let note = try String(contentsOf: quarantine.appendingPathComponent(name + ".reason.txt"), encoding: .utf8)
            XCTAssertTrue(note.contains(reason), "\(name): \(note)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: quarantine.appendingPathComponent(name).path))
        }
        XCTAssertEqual(Share.bundles(in: inbox).map(\.lastPathComponent), ["s001-newer.msync"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: quarantine.appendingPathComponent("s001-newer.msync").path))
        // Nothing was merged from any of them.
        XCTAssertEqual((try w.json(try w.district("list", "persons", "--json")) as? [Any])?.count, 0)
        // The school hears why in its next reply.
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        let reasons = (status["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        XCTAssertTrue(reasons.contains { $0.contains("signature does not match") }, "\(reasons)")
    }

    /// Rewrites a bundle with a changed header, signed with `key`, keeping its body.
    func forge(from url: URL, key: [UInt8], _ change: (BundleHeader) -> BundleHeader) throws -> Data {
        let reader = try BundleReader(url: url, keyFor: { _ in try self.keyOfS001(url) })
        var records: [BundleRecord] = []
        while let r = try reader.next() { records.append(r) }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("forged-\(UUID().uuidString).msync")
        let writer = try BundleWriter(url: out, header: change(reader.header), key: key)
        for t in reader.tableOrder { try writer.declareTable(t, columns: reader.tableColumns[t]!) }
        for r in records { try writer.append(r) }
        try writer.finish()
        defer { try? FileManager.default.removeItem(at: out) }
        return try Data(contentsOf: out)
    }

    var schoolKey: [UInt8] = []
    func keyOfS001(_ url: URL) throws -> [UInt8] { schoolKey }

    func testRowLevelRefusalOfForeignRows() throws {
        let w = try CLIWorld(schools: ["s001", "s002"])
        try w.round()
        // A teacher edits the database with another tool: a row of another school and a district row.
        let home = try SchoolHome.open(w.schoolHome("s001"))
        try home.database.execute("INSERT INTO persons(id, org_id, full_name) VALUES ('x1', 's002', 'Чужой')")
        try home.database.execute("UPDATE organizations SET name = 'Взлом' WHERE id = 's002'")
        try home.database.execute("INSERT INTO persons(id, org_id, full_name) VALUES ('x2', 's001', 'Свой')")
        try w.round()
        let persons = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(persons.compactMap { $0["id"] as? String }, ["x2"])
        let orgs = try XCTUnwrap(try w.json(try w.district("list", "organizations", "--where", "id=s002", "--json")) as? [[String: Any]])
        XCTAssertEqual(orgs.first?["name"] as? String, "Школа s002")
        let status = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        let reasons = (status["rejections"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        // The row the district does not hold stays hers to correct; the district's row its reply
        // brought back here was told with that sync and is settled (nothing is left to correct).
        XCTAssertEqual(reasons.filter { $0.contains("change refused") }.count, 1, "\(reasons)")
        XCTAssertTrue(reasons.contains { $0.hasPrefix("row persons/x1 ") }, "\(reasons)")
        XCTAssertEqual(try home.database.scalar("SELECT name FROM organizations WHERE id = 's002'")?.text, "Школа s002")
        let heard = try home.database.rows("SELECT reason, settled FROM school_rejections").map { $0.map(\.displayText) }
        XCTAssertEqual(try home.database.scalar("SELECT count(*) FROM school_rejections WHERE reason LIKE 'row organizations/s002:%' AND settled")?.integer, 1, "\(heard)")
    }

    func testResyncAfterDistrictRestoredFromAnOlderCopyRestoresEveryRow() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Первый", "--id", "p1"))
        try w.round()
        let db = w.districtHome.appendingPathComponent("registry.db")
        let backup = w.scratch.path("backup.db")
        try FileManager.default.copyItem(at: db, to: backup)
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Второй", "--id", "p2"))
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Первый исправленный", "--id", "p1"))
        try w.round()
        try w.round()
        // The district's disk dies; it is restored from the older copy.
        try FileManager.default.removeItem(at: db)
        try FileManager.default.copyItem(at: backup, to: db)
        XCTAssertEqual((try w.json(try w.district("list", "persons", "--json")) as? [Any])?.count, 1)
        expectOK(try w.district("resync", "--site", "s001"))
        try w.round()
        try w.round()
        let persons = try XCTUnwrap(try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])
        XCTAssertEqual(Set(persons.compactMap { $0["full_name"] as? String }), ["Первый исправленный", "Второй"])
        let status = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertEqual((status["schools"] as? [[String: Any]])?.first?["resync_pending"] as? Bool, false)
        // New district edits after the restore reach the school.
        expectOK(try w.district("put", "events", "--set", "title=Семинар наставников", "--id", "e1"))
        try w.round()
        XCTAssertEqual((try w.json(try w.school("s001", "list", "events", "--json")) as? [[String: Any]])?.first?["title"] as? String, "Семинар наставников")
    }

    func testUsageAndValidationErrors() throws {
        let w = try CLIWorld(schools: [])
        var r = try w.district("frobnicate")
        XCTAssertEqual(r.exitCode, 2)
        XCTAssertTrue(r.stderr.contains("unknown command 'frobnicate'"))
        r = try w.district("put", "persons", "--set", "full_name=X", "--set", "role=wizard", "--set", "org_id=s001")
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("'wizard' is not one of"))
        r = try w.district("put", "nosuch", "--set", "a=b")
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.contains("no table 'nosuch'"))
        r = try w.district("list", "persons", "--bogus")
        XCTAssertEqual(r.exitCode, 2)
        r = try ToolRunner.run("mentorsync-district", ["status", "--home", w.scratch.path("nowhere").path])
        XCTAssertEqual(r.exitCode, 1)
        XCTAssertTrue(r.stderr.contains("holds no mentorsync registry"))
        XCTAssertEqual((try w.json(try w.district("list", "persons", "--json")) as? [Any])?.count, 0)
    }

    /// A school's name corrected in its organizations row is the name status and the report both show.
    func testASchoolsNameCorrectedInTheRegistryIsShownEverywhere() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.district("put", "organizations", "--id", "s001", "--set", "name=МБОУ Захарвановская ООШ"))
        let status = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertEqual((status["schools"] as? [[String: Any]])?.first?["name"] as? String, "МБОУ Захарвановская ООШ")
        XCTAssertTrue(try w.district("report", "--site", "s001").stdout.contains("МБОУ Захарвановская ООШ"))
        // The school hears it with the next reply, and calls itself so.
        try w.round()
        let school = try XCTUnwrap(try w.json(try w.school("s001", "status", "--json")) as? [String: Any])
        XCTAssertEqual(school["name"] as? String, "МБОУ Захарвановская ООШ")
    }

    /// The district may change any organization's events: its hint does not say another's is changed by its owner.
    func testTheDistrictsEventsHintFitsWhatItMayChange() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.district("put", "events", "--set", "title=Форум наставников", "--set", "ends_on=2026-05-20"))
        let district = try ToolRunner.run("mentorsync-district", ["events", "--home", w.districtHome.path], environment: ToolLocale.russian)
        expectOK(district)
        XCTAssertTrue(district.stdout.hasSuffix("изменить мероприятие: put events --id ИДЕНТИФИКАТОР --set status=done --set done_on=ДД.ММ.ГГГГ, идентификатор — из первого столбца\n"), district.stdout)
        // The first column's id is the one the hint asks for (the table showed none).
        let line = try XCTUnwrap(district.stdout.split(separator: "\n").first { $0.contains("Форум наставников") })
        let shown = String(line.prefix { $0 != " " })
        expectOK(try w.district("put", "events", "--id", shown, "--set", "status=done", "--set", "done_on=21.05.2026"))
        let events = try XCTUnwrap(try w.json(try w.district("list", "events", "--json")) as? [[String: Any]])
        XCTAssertEqual(events.first { $0["title"] as? String == "Форум наставников" }?["status"] as? String, "done")
        let school = try w.school("s001", environment: ToolLocale.russian, ["events"])
        XCTAssertTrue(school.stdout.contains("(чужое меняет его владелец)"), school.stdout)
    }
}
