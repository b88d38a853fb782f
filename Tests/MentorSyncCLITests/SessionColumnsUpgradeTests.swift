import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncDomain
import MentorSyncTestSupport

/// Homes made before the refused rows, the conflict-correction kinds, the revoked key and the
/// refusals kept from a school were kept: opened by this version, each gets its table or column,
/// and everything goes on (the tables and columns taken out as they were not there).
final class SessionColumnsUpgradeTests: XCTestCase {
    func registry(_ home: URL) throws -> Database { try Database(path: home.appendingPathComponent("registry.db").path) }

    func testHomesWithoutThisVersionsBookkeepingAreUpgradedWhenOpened() throws {
        let w = try CLIWorld(schools: ["s001"])
        expectOK(try w.school("s001", "put", "persons", "--set", "full_name=Иванова Мария Петровна", "--set", "role=teacher", "--id", "p1"))
        try w.round()
        // A correction recorded, so the school has its corrections table.
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "position=завуч"))
        try w.round()
        let school = try registry(w.schoolHome("s001")), district = try registry(w.districtHome)
        XCTAssertNotNil(try school.scalar("SELECT 1 FROM sqlite_master WHERE name = 'school_corrections'"))
        // As an older version left them.
        try school.execute("DROP TABLE msync_whole")
        try school.execute("ALTER TABLE school_corrections DROP COLUMN kind")
        try school.execute("ALTER TABLE school_identity DROP COLUMN previous_key")
        try school.execute("ALTER TABLE school_identity DROP COLUMN rekey_sequence")
        // A home of 7fbbc6f kept the counter and not yet `settled`: each column is added on its own.
        try school.execute("ALTER TABLE school_rejections DROP COLUMN settled")
        try school.execute("INSERT INTO school_rejections (bundle, reason, heard_at) VALUES ('s001-district-000001.msync', 'row persons/p1: its org_id names s002, another school; change refused', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))")
        try district.execute("ALTER TABLE district_schools DROP COLUMN revoked_key")
        try district.execute("ALTER TABLE district_schools DROP COLUMN revoked_key_on")
        try district.execute("ALTER TABLE district_forgeries DROP COLUMN told")
        try district.execute("ALTER TABLE district_forgeries DROP COLUMN stray")
        try district.execute("DROP TABLE district_revoked_keys")

        // Opened again: status tells the last correction from the table without its kind.
        let status = try w.school("s001", environment: ToolLocale.russian.merging(["COLUMNS": "300"]) { $1 }, ["status"])
        expectOK(status)
        XCTAssertTrue(status.stdout.contains("управление образования исправило: Человек «Иванова Мария Петровна», должность"), status.stdout)
        expectOK(try w.district("put", "persons", "--id", "p1", "--set", "position=учитель"))
        try w.round()
        // Revoke and enroll again: the district keeps the old key in its new column.
        expectOK(try w.district("revoke", "--site", "s001"))
        expectOK(try w.district("enroll", "--again", "--site", "s001", "--name", "Школа s001", "--out", w.scratch.path("again.enroll").path))
        expectOK(try w.school("s001", "rekey", "--enroll", w.scratch.path("again.enroll").path))
        try w.round()
        XCTAssertEqual(try school.scalar("SELECT count(*) FROM pragma_table_info('school_corrections') WHERE name = 'kind'")?.integer, 1)
        XCTAssertNotNil(try school.scalar("SELECT 1 FROM sqlite_master WHERE name = 'msync_whole'"))
        XCTAssertEqual(try school.scalar("SELECT count(*) FROM pragma_table_info('school_identity') WHERE name IN ('previous_key', 'rekey_sequence')")?.integer, 2)
        XCTAssertEqual(try school.scalar("SELECT previous_key IS NULL FROM school_identity")?.integer, 1, "the replaced key is forgotten once a reply with the new one is merged")
        // A rejection heard before keeps no counter (its row is not marked in the lists) and is not settled.
        XCTAssertEqual(try school.scalar("SELECT quote(counter_at) || ' ' || settled FROM school_rejections WHERE bundle = 's001-district-000001.msync'")?.text, "NULL 0")
        XCTAssertEqual(try SchoolHome.open(w.schoolHome("s001")).refusedRows(in: "persons").count, 0)
        XCTAssertEqual(try district.scalar("SELECT count(*) FROM pragma_table_info('district_forgeries') WHERE name = 'told'")?.integer, 1)
        XCTAssertEqual(try district.scalar("SELECT count(*) FROM pragma_table_info('district_forgeries') WHERE name = 'stray'")?.integer, 1)
        XCTAssertEqual(try district.scalar("SELECT group_concat(length(key)) FROM district_revoked_keys WHERE site = 's001'")?.text, "32", "the revoked key is kept")
        // A home of the version that kept one revoked key per school in `district_schools`: the key starts the list.
        try district.execute("UPDATE district_schools SET revoked_key = zeroblob(32), revoked_key_on = '2026-11-01T10:00:00Z' WHERE site = 's001'")
        try district.execute("DROP TABLE district_revoked_keys")
        expectOK(try w.district("status"))
        XCTAssertEqual(try district.scalar("SELECT revoked_on FROM district_revoked_keys WHERE site = 's001' AND key = zeroblob(32)")?.text, "2026-11-01T10:00:00Z")
        XCTAssertEqual(try district.scalar("SELECT position FROM persons WHERE id = 'p1'")?.text, "учитель")
        XCTAssertEqual(try school.scalar("SELECT position FROM persons WHERE id = 'p1'")?.text, "учитель")
    }
}
