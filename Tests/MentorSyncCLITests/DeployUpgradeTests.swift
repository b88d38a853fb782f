import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Old and new agents coexist for months (Deploy/UPGRADE.md): a district of this version ingests
/// the bundles every released agent wrote, and a school of this version merges every released
/// district's replies. The bundles are frozen in Deploy/compat/format-N/ and never regenerated.
final class DeployUpgradeTests: XCTestCase {
    /// The key the frozen bundles are signed with (Protocol/vectors/README.md).
    static let key: [UInt8] = (0..<32).map { UInt8($0) }

    static var frozen: [URL] {
        let compat = Deploy.folder.appendingPathComponent("compat")
        let formats = ((try? FileManager.default.contentsOfDirectory(atPath: compat.path)) ?? []).filter { $0.hasPrefix("format-") }.sorted()
        return formats.flatMap { f -> [URL] in
            let dir = compat.appendingPathComponent(f)
            return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".msync") }.sorted()
                .map { dir.appendingPathComponent($0) }
        }
    }

    /// A district and school s017 sharing the frozen bundles' key.
    func world() throws -> CLIWorld {
        let w = try CLIWorld(schools: ["s017"])
        let d = try Database(path: w.districtHome.appendingPathComponent("registry.db").path)
        try d.execute("UPDATE district_schools SET key = ? WHERE site = 's017'", [.blob(Self.key)])
        let s = try Database(path: w.schoolHome("s017").appendingPathComponent("registry.db").path)
        try s.execute("UPDATE school_identity SET key = ?", [.blob(Self.key)])
        return w
    }

    func testEveryReleasedFormatIsKept() throws {
        XCTAssertFalse(Self.frozen.isEmpty, "Deploy/compat/format-1/ must hold bundles of format 1")
        XCTAssertTrue(Self.frozen.contains { $0.path.contains("/format-\(BundleLayout.formatVersion)/") },
                      "freeze bundles of the current format \(BundleLayout.formatVersion) in Deploy/compat/format-\(BundleLayout.formatVersion)/ before releasing it")
        for url in Self.frozen {
            XCTAssertEqual(url.deletingLastPathComponent().lastPathComponent, "format-\(try formatVersion(url))",
                           "\(url.lastPathComponent) is filed under its own format version")
        }
    }

    /// The format version in a bundle's prefix (bytes 8–9, big-endian; Protocol/bundle.md).
    func formatVersion(_ url: URL) throws -> Int {
        let bytes = [UInt8](try Data(contentsOf: url).prefix(10))
        return Int(bytes[8]) << 8 | Int(bytes[9])
    }

    /// The frozen bundles by format folder, oldest format first.
    static var byFormat: [(format: String, bundles: [URL])] {
        Dictionary(grouping: frozen, by: { $0.deletingLastPathComponent().lastPathComponent })
            .sorted { $0.key.localizedStandardCompare($1.key) == .orderedAscending }
            .map { ($0.key, $0.value) }
    }

    /// Each format in a world of its own: the formats' bundles share ids, and a school skips a
    /// reply it has merged already, which would hide a format that no longer reads.
    func testTheDistrictIngestsSchoolBundlesOfEveryReleasedFormat() throws {
        XCTAssertFalse(Self.byFormat.isEmpty)
        for (format, bundles) in Self.byFormat {
            let w = try world()
            let schoolBundles = try bundles.filter { try BundleReader.peekHeader(at: $0).header.kind == .changes }
            XCTAssertFalse(schoolBundles.isEmpty, format)
            for url in schoolBundles {
                let r = try w.district("ingest", url.path, "--json")
                XCTAssertEqual(r.exitCode, 0, "\(format)/\(url.lastPathComponent): \(r.output)")
                let o = try XCTUnwrap(try w.json(r) as? [String: Any])
                XCTAssertEqual(o["merged"] as? [String], [url.lastPathComponent], "\(format): \(r.output)")
                XCTAssertEqual((o["quarantined"] as? [Any])?.count, 0, "\(format): \(r.output)")
            }
            // The rows they carry are in the district's registry, owned by s017.
            let persons = try w.rows(district: "persons")
            XCTAssertFalse(persons.isEmpty, format)
            XCTAssertTrue(persons.values.allSatisfy { $0["org_id"] as? String == "s017" }, "\(format): \(persons)")
            XCTAssertGreaterThan(try w.conflicts().count, 0,
                                 "\(format): the conflict record a school detected travels up")
            // Ingesting them again (a replayed stick) changes nothing and quarantines nothing.
            for url in schoolBundles {
                let again = try w.district("ingest", url.path)
                XCTAssertEqual(again.exitCode, 0, "\(format): \(again.output)")
            }
            XCTAssertEqual(try w.rows(district: "persons").count, persons.count, format)
        }
    }

    func testASchoolMergesDistrictRepliesOfEveryReleasedFormat() throws {
        for (format, bundles) in Self.byFormat {
            let w = try world()
            let replies = try bundles.filter { try BundleReader.peekHeader(at: $0).header.kind == .reply }
            XCTAssertFalse(replies.isEmpty, format)
            for url in replies {
                let r = try w.school("s017", "import", url.path)
                XCTAssertEqual(r.exitCode, 0, "\(format)/\(url.lastPathComponent): \(r.output)")
                XCTAssertTrue(r.stdout.contains("merged 1 reply"), "\(format): \(r.output)")
            }
            XCTAssertFalse(try w.rows(school: "s017", "persons").isEmpty, format)
        }
    }
}
