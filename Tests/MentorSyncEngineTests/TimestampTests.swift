import XCTest
@testable import MentorSyncEngine

/// `Replica.timestamp` is written by hand (speed); it must say exactly what an ISO 8601 formatter says.
final class TimestampTests: XCTestCase {
    func testTimestampsMatchTheISO8601Formatter() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        var dates: [Date] = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400),  // 2000-02-29
                             Date(timeIntervalSince1970: 1_798_761_599.999), Date(timeIntervalSince1970: -86_401),
                             Date(timeIntervalSince1970: 253_402_300_799)]  // 9999-12-31T23:59:59Z
        var seed: UInt64 = 0x5EED
        for _ in 0..<2_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            dates.append(Date(timeIntervalSince1970: Double(seed >> 33) / 2 + Double(seed % 1000) / 1000))
        }
        for d in dates { XCTAssertEqual(Replica.timestamp(d), f.string(from: d), "\(d.timeIntervalSince1970)") }
    }
}
