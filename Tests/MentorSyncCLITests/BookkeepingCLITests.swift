import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// The engine's bookkeeping seen through the real binaries: each step is one transaction, a
/// school is never answered in an older format than it writes, and an older home keeps its state.
final class BookkeepingCLITests: XCTestCase {
    func registry(_ home: URL) throws -> Database { try Database(path: home.appendingPathComponent("registry.db").path) }

    /// The format version in a bundle's prefix (bytes 8–9, big-endian; Protocol/bundle.md).
    func formatVersion(_ url: URL) throws -> Int {
        let bytes = [UInt8](try Data(contentsOf: url).prefix(10))
        return Int(bytes[8]) << 8 | Int(bytes[9])
    }

    func testWhatTheDistrictRecordsAboutABundleCommitsWithItsMergeOrNotAtAll() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петрова Анна", "--id", "p1"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        // The step after the merge fails: here, noting which key of the school signed the bundle.
        // The table of schools becomes a view of itself, which reads the same and refuses writes
        // (a trigger would not do: capture, and with it every trigger, is off during a pass).
        let registry = try registry(w.districtHome)
        try registry.execute("ALTER TABLE district_schools RENAME TO district_schools_kept")
        try registry.execute("CREATE VIEW district_schools AS SELECT * FROM district_schools_kept")
        let r = try w.district("ingest", "--share", w.stick.path, "--json")
        XCTAssertNotEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.output.contains("cannot modify district_schools because it is a view"), r.output)
        XCTAssertEqual((try w.json(try w.district("list", "persons", "--json")) as? [Any])?.count, 0,
                       "the merge went back with the failed step: \(r.output)")
        let status = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        let school = try XCTUnwrap((status["schools"] as? [[String: Any]])?.first)
        XCTAssertEqual(school["changes_merged"] as? Int, 0, "the school is not credited with what went back: \(school)")
        XCTAssertNil(school["last_bundle_at"] as? String, "\(school)")
    }

    func testWhatASchoolRecordsAboutAReplyCommitsWithItsMergeOrNotAtAll() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.district("put", "events", "--set", "title=Семинар наставников", "--id", "e1"))
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        try registry(w.schoolHome("s001")).execute("""
            CREATE TRIGGER injected BEFORE INSERT ON school_imports BEGIN SELECT RAISE(ABORT, 'injected failure'); END
            """)
        let reply = try XCTUnwrap(Share.bundles(in: w.stick.appendingPathComponent("outbox/s001")).first)
        let r = try w.school("s001", "import", reply.path)
        XCTAssertNotEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.output.contains("injected failure"), r.output)
        XCTAssertEqual((try w.json(try w.school("s001", "list", "events", "--json")) as? [Any])?.count, 0,
                       "the reply's merge went back with the failed step: \(r.output)")
        try registry(w.schoolHome("s001")).execute("DROP TRIGGER injected")
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        XCTAssertEqual((try w.json(try w.school("s001", "list", "events", "--json")) as? [[String: Any]])?.first?["title"] as? String,
                       "Семинар наставников", "the reply merges whole once the step succeeds")
    }

    /// Defect 10: a replayed genuine format-1 bundle made the district answer that school in format 1 from then on.
    func testReplayingAnOldFormatBundleNeverStepsASchoolDown() throws {
        let key: [UInt8] = (0..<32).map { UInt8($0) }  // the frozen bundles' key (Protocol/vectors/README.md)
        let w = try CLIWorld(schools: ["s017"])
        try registry(w.districtHome).execute("UPDATE district_schools SET key = ? WHERE site = 's017'", [.blob(key)])
        try registry(w.schoolHome("s017")).execute("UPDATE school_identity SET key = ?", [.blob(key)])
        expectOK(try w.school("s017", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let outbox = w.stick.appendingPathComponent("outbox/s017")
        let replies = { Share.bundles(in: outbox) }
        XCTAssertEqual(try replies().map(formatVersion), [Int(BundleLayout.formatVersion)])
        expectOK(try w.school("s017", "import", try XCTUnwrap(replies().first).path))
        XCTAssertTrue(Share.bundles(in: w.stick.appendingPathComponent("inbox")).isEmpty)

        // Someone replays an old genuine bundle of this school from a stick found in a drawer.
        let old = Deploy.folder.appendingPathComponent("compat/format-1/school-insert.msync")
        XCTAssertEqual(try formatVersion(old), 1)
        try FileManager.default.copyItem(at: old, to: w.stick.appendingPathComponent("inbox/\(old.lastPathComponent)"))
        let r = try w.district("ingest", "--share", w.stick.path, "--json")
        expectOK(r)
        XCTAssertEqual((try w.json(r) as? [String: Any])?["merged"] as? [String], [old.lastPathComponent], r.output)
        XCTAssertEqual(try replies().count, 1, "the district answered the replay")
        XCTAssertEqual(try replies().map(formatVersion), [Int(BundleLayout.formatVersion)],
                       "the answer is in the newest format the school has written, not the replay's")
        try w.round()
        XCTAssertEqual(try replies().map(formatVersion), [Int(BundleLayout.formatVersion)])
    }

    /// Defect 16d: `conflicts resolve --keep` on a deleted row was reported settled and did nothing.
    func testKeepingAValueOfADeletedRowIsRefusedWithWhatToDoAndKeepingTheDeletionSettlesIt() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петрова Анна", "--id", "p1"))
        try w.round()
        // The coordinator deletes the row while the school corrects it.
        expectOK(try w.district("delete", "persons", "p1"))
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "full_name=Петрова Анна Викторовна"))
        try w.round()
        let list = try w.conflicts()
        XCTAssertEqual(list.count, 1, "\(list)")
        let id = try XCTUnwrap(list.first?.id)
        XCTAssertEqual(list.first?.rowDeleted, true)

        // Keeping the school's value: there is no row to put it into; nothing changes, and it says what to do.
        let theirs = try w.district("conflicts", "resolve", id, "--keep", "theirs")
        XCTAssertEqual(theirs.exitCode, 1, theirs.output)
        XCTAssertEqual(theirs.stderr.split(separator: "\n").count, 1, theirs.stderr)
        XCTAssertTrue(theirs.stderr.contains("deleted") && theirs.stderr.contains("put persons --id p1"), theirs.stderr)
        XCTAssertEqual(try w.conflicts().count, 1, "still open")
        XCTAssertEqual((try w.json(try w.district("list", "persons", "--json")) as? [Any])?.count, 0)

        // Keeping the district's side, the deletion, settles it.
        let mine = try w.district("conflicts", "resolve", id, "--keep", "mine", "--json")
        expectOK(mine)
        XCTAssertTrue((((try w.json(mine) as? [String: Any])?["resolution"] as? String) ?? "").contains("deletion"), mine.output)
        XCTAssertEqual(try w.conflicts().count, 0)
        try w.round()
        XCTAssertEqual((try w.json(try w.school("s001", "list", "persons", "--json")) as? [Any])?.count, 0)
    }

    func testAValueIsKeptOnceTheRowIsReCreatedAsAdvised() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петрова Анна", "--id", "p1"))
        try w.round()
        expectOK(try w.school("s001", "delete", "persons", "p1"))
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "notes=переведена"))
        try w.round()
        let id = try XCTUnwrap(try w.conflicts().first?.id)
        // The school deleted it and the deletion won: the value lost (theirs, the district's) has no
        // row; once re-created as advised, it is kept.
        XCTAssertEqual(try w.district("conflicts", "resolve", id, "--keep", "theirs").exitCode, 1)
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "org_id=s001", "--set", "full_name=Петрова Анна"))
        expectOK(try w.district("conflicts", "resolve", id, "--keep", "theirs"))
        try w.round()
        let p = try XCTUnwrap((try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])?.first)
        XCTAssertEqual(p["notes"] as? String, "переведена")
    }

    func testASettledConflictCanBeSettledAgain() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Петрова Анна", "--id", "p1"))
        try w.round()
        expectOK(try w.school("s001", "put", "persons", "--id", "p1", "--set", "notes=школа"))
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "notes=район"))
        try w.round()
        let id = try XCTUnwrap(((try w.json(try w.district("conflicts", "list", "--json")) as? [[String: Any]])?.first)?["id"] as? String)
        expectOK(try w.district("conflicts", "resolve", id, "--keep", "mine"))
        XCTAssertEqual((try w.json(try w.district("conflicts", "list", "--json")) as? [Any])?.count, 0)
        let again = try w.district("conflicts", "resolve", id, "--keep", "theirs")
        expectOK(again)
        let p = try XCTUnwrap((try w.json(try w.district("list", "persons", "--json")) as? [[String: Any]])?.first)
        // The school's write had won: mine kept it, theirs then brought back the district's.
        XCTAssertEqual(p["notes"] as? String, "район", "the second decision stands")
        let all = try XCTUnwrap(try w.json(try w.district("conflicts", "list", "--all", "--json")) as? [[String: Any]])
        XCTAssertEqual(all.first?["kept_value"] as? String, "школа", "\(all)")
        XCTAssertEqual(all.first?["resolution"] as? String, "kept the district's value", "\(all)")
        try w.round()
        XCTAssertEqual((try w.json(try w.school("s001", "list", "persons", "--json")) as? [[String: Any]])?.first?["notes"] as? String, "район")
    }

    /// A district home of the previous version kept the full exchange in settings and flags.
    func testAnOlderDistrictHomeKeepsItsResyncOrderAndFormat() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let db = try registry(w.districtHome)
        for c in ["full_out", "full_out_through", "full_requested_at", "format"] { try db.execute("ALTER TABLE msync_peers DROP COLUMN \(c)") }
        for c in ["full_resend_pending", "send_full_pending", "want_full"] {
            try db.execute("ALTER TABLE msync_peers ADD COLUMN \(c) INTEGER NOT NULL DEFAULT 0")
        }
        try db.execute("UPDATE msync_peers SET send_full_pending = 1 WHERE site = 's001'")
        try db.execute("INSERT INTO district_settings(k, v) VALUES ('resync:s001', '2026-11-30T10:00:00Z'), ('fullsent:s001', '999999999'), ('format:s001', '1')")

        let status = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertEqual((status["schools"] as? [[String: Any]])?.first?["resync_pending"] as? Bool, true, "\(status)")
        XCTAssertEqual(try db.scalar("SELECT count(*) FROM district_settings WHERE k LIKE '%:s001'")?.integer, 0, "moved into the peers")
        let peer = try Replica(path: w.districtHome.appendingPathComponent("registry.db").path, schema: RegistrySchema.schema).peer(SiteID("s001")!)
        XCTAssertEqual(peer.fullExchange.outgoing, .sent(through: 999999999))
        XCTAssertEqual(peer.fullExchange.requestedSince, "2026-11-30T10:00:00Z")
        XCTAssertEqual(peer.format, 1)

        // The resync goes on where it was: a full reply with the command, then the school's full re-send closes it.
        expectOK(try w.school("s001", "sync", "--share", w.stick.path))
        expectOK(try w.district("ingest", "--share", w.stick.path))
        let reply = try XCTUnwrap(Share.bundles(in: w.stick.appendingPathComponent("outbox/s001")).first)
        let header = try BundleReader.peekHeader(at: reply).header
        XCTAssertTrue(header.isFull)
        XCTAssertTrue(header.commands.contains { $0.name == BundleHeader.Command.resync })
        XCTAssertEqual(try formatVersion(reply), Int(BundleLayout.formatVersion), "the school has written the newest format since")
        try w.round()
        try w.round()
        let after = try XCTUnwrap(try w.json(try w.district("status", "--json")) as? [String: Any])
        XCTAssertEqual((after["schools"] as? [[String: Any]])?.first?["resync_pending"] as? Bool, false, "\(after)")
    }
}
