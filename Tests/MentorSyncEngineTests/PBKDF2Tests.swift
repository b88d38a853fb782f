import XCTest
@testable import MentorSyncEngine
import MentorSyncTestSupport

/// PBKDF2-HMAC-SHA256, the first 32-byte block (the web app's passwords): RFC 7914 section 11.
final class PBKDF2Tests: XCTestCase {
    func testRFC7914Vectors() {
        XCTAssertEqual(Hex.encode(PBKDF2.sha256(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1)),
                       "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
        XCTAssertEqual(Hex.encode(PBKDF2.sha256(password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 80_000)),
                       "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56")
    }

    /// A key longer than SHA-256's block is hashed first (RFC 2104); the same as HMAC's own loop.
    func testALongPasswordAndTheHMACLoopAgree() {
        let password = [UInt8](repeating: 0x6b, count: 100), salt = Array("salt".utf8)
        XCTAssertEqual(Hex.encode(PBKDF2.sha256(password: password, salt: salt, iterations: 3)),
                       "219c68bb88f1010f4a763b7c8fd58639c2280baf6820814c6d404891fcd85c3d")
        var u = HMACSHA256.authenticate(salt + [0, 0, 0, 1], key: password), sum = u
        for _ in 1..<3 {
            u = HMACSHA256.authenticate(u, key: password)
            for i in 0..<32 { sum[i] ^= u[i] }
        }
        XCTAssertEqual(PBKDF2.sha256(password: password, salt: salt, iterations: 3), sum)
    }
}
