import Foundation
import MentorSyncEngine

/// The file a district hands a school at enrollment: its site id, the district's id and its secret key.
/// Keep it like a password: whoever holds it can write bundles in the school's name.
public struct Enrollment: Codable, Equatable, Sendable {
    public static let formatName = "mentorsync-enrollment"
    public var format: String
    public var version: Int
    public var site: String
    public var name: String
    public var district: String
    public var districtName: String
    public var key: String          // 64 hex digits
    public var issuedAt: String

    enum CodingKeys: String, CodingKey {
        case format, version, site, name, district, key
        case districtName = "district_name"
        case issuedAt = "issued_at"
    }

    public init(site: SiteID, name: String, district: SiteID, districtName: String, key: [UInt8], issuedAt: Date = Date()) {
        self.format = Enrollment.formatName
        self.version = 1
        self.site = site.rawValue
        self.name = name
        self.district = district.rawValue
        self.districtName = districtName
        self.key = Hex.encode(key)
        self.issuedAt = Replica.timestamp(issuedAt)
    }

    public var siteID: SiteID { get throws { try SiteID(validated: site) } }
    public var districtID: SiteID { get throws { try SiteID(validated: district) } }
    public var keyBytes: [UInt8] { get throws {
        guard let k = Hex.decode(key), k.count == 32 else { throw HomeError.badEnrollment(Message.badEnrollment(.enrollmentBadKey).text()) }
        return k
    } }

    public static func read(from url: URL) throws -> Enrollment {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw HomeError.badEnrollment(Message.badEnrollment(.enrollmentUnreadable(url.path)).text())
        }
        return try decode(data, fileName: url.lastPathComponent)
    }

    /// An enrollment file's contents (a file chosen in the web app), checked as `read` checks a file.
    public static func decode(_ data: Data, fileName: String) throws -> Enrollment {
        guard let e = try? JSONDecoder().decode(Enrollment.self, from: data), e.format == formatName else {
            throw HomeError.badEnrollment(Message.badEnrollment(.enrollmentNotOne(fileName)).text())
        }
        guard e.version == 1 else { throw HomeError.badEnrollment(Message.badEnrollment(.enrollmentVersion(e.version)).text()) }
        _ = try e.siteID; _ = try e.districtID; _ = try e.keyBytes
        return e
    }

    /// Written readable by its owner only.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try DurableFile.write(try encoder.encode(self), to: url, permissions: 0o600)
    }

    public static func newKey() -> [UInt8] {
        RandomBytes.make(32)
    }
}
