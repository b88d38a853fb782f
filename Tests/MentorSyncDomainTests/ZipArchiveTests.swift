import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncTestSupport

/// The ZIP reader and writer (PKWARE APPNOTE 6.3): round trips, checksums, and the limits that
/// refuse zip bombs.
final class ZipArchiveTests: XCTestCase {
    func archive(_ entries: [(String, [UInt8])]) throws -> Data {
        var zip = ZipWriter()
        for (name, data) in entries { try zip.add(name, data) }
        return zip.finish()
    }

    func testWrittenEntriesReadBackStoredAndDeflated() throws {
        let text = Array(String(repeating: "Иванова Мария Петровна;1990-03-12;teacher\n", count: 200).utf8)
        let data = try archive([("xl/a.xml", text), ("b.bin", [1, 2, 3]), ("пусто.txt", []), ("имя/файл.xml", text)])
        let zip = try ZipReader(data)
        XCTAssertEqual(zip.entries.map(\.name), ["xl/a.xml", "b.bin", "пусто.txt", "имя/файл.xml"])
        XCTAssertEqual(zip.entries.map(\.method), [8, 0, 0, 8], "text is deflated, what does not shrink is stored")
        XCTAssertEqual(try zip.data(named: "xl/a.xml"), text)
        XCTAssertEqual(try zip.data(named: "XL/A.XML"), text, "part names are case-insensitive")
        XCTAssertEqual(try zip.data(named: "b.bin"), [1, 2, 3])
        XCTAssertEqual(try zip.data(named: "пусто.txt"), [])
        XCTAssertNil(try zip.data(named: "missing"))
    }

    /// Info-ZIP's unzip (when installed) agrees that the archive is sound: a second opinion on the writer.
    func testInfoZipTestsWrittenArchiveClean() throws {
        let unzip = URL(fileURLWithPath: "/usr/bin/unzip")
        guard FileManager.default.isExecutableFile(atPath: unzip.path) else { throw XCTSkip("/usr/bin/unzip is not installed") }
        let scratch = ScratchDirectory("zip")
        let file = scratch.path("t.zip")
        try archive([("a.txt", Array(String(repeating: "abc", count: 1000).utf8)), ("имя.txt", [0x41])]).write(to: file)
        let r = try ToolRunner.runProgram(unzip, ["-t", file.path])
        XCTAssertEqual(r.exitCode, 0, r.output)
        XCTAssertTrue(r.stdout.contains("No errors detected"), r.stdout)
    }

    func testChangedByteFailsItsChecksum() throws {
        var data = try archive([("a.bin", [10, 20, 30, 40])])
        // The stored bytes follow the 30-byte local header and the 5-byte name.
        data[30 + 5 + 1] ^= 0xFF
        XCTAssertThrowsError(try ZipReader(data).data(named: "a.bin")) { e in
            XCTAssertEqual(e as? ZipError, .checksumMismatch(entry: "a.bin"))
        }
    }

    func testNotAZipAndCutShort() throws {
        XCTAssertThrowsError(try ZipReader(Data("full_name;birth_date\nИванова;1990-03-12\n".utf8))) { XCTAssertEqual($0 as? ZipError, .notZip) }
        XCTAssertThrowsError(try ZipReader(Data())) { XCTAssertEqual($0 as? ZipError, .notZip) }
        let whole = try archive([("a.txt", Array("hello".utf8))])
        XCTAssertThrowsError(try ZipReader(whole.prefix(whole.count - 5))) { XCTAssertEqual($0 as? ZipError, .notZip) }
    }

    /// 4 MB of zeros pack into about 4 kB: over the 200:1 ratio, refused before unpacking.
    func testHighRatioEntryIsRefused() throws {
        let data = try archive([("xl/worksheets/sheet1.xml", [UInt8](repeating: 0x20, count: 4 << 20))])
        XCTAssertLessThan(data.count, 20_000)
        let zip = try ZipReader(data)
        XCTAssertThrowsError(try zip.data(named: "xl/worksheets/sheet1.xml")) { e in
            guard case .overLimit(let why)? = e as? ZipError else { return XCTFail("\(e)") }
            XCTAssertEqual(why.key, "zip.ratio")
            XCTAssertTrue(why.english.contains("times its packed size"), why.english)
        }
    }

    func testSizeCountAndTotalLimits() throws {
        let text = [UInt8](String(repeating: "0123456789", count: 100).utf8)
        var limits = ZipLimits()
        limits.entryBytes = 999
        XCTAssertThrowsError(try ZipReader(try archive([("a", text)]), limits: limits).data(named: "a")) { e in
            guard case .overLimit? = e as? ZipError else { return XCTFail("\(e)") }
        }
        limits = ZipLimits()
        limits.entries = 3
        XCTAssertThrowsError(try ZipReader(try archive((1...4).map { ("f\($0)", [UInt8($0)]) }), limits: limits)) { e in
            XCTAssertEqual(e as? ZipError, .overLimit(.zipEntries(4, limit: 3)))
            XCTAssertEqual((e as? ZipError)?.message.text(.en), "it is refused: it has 4 entries, more than 3 (a zip bomb?)")
            XCTAssertEqual((e as? ZipError)?.message.text(.ru), "файл отклонён: частей в нём: 4, а можно не больше 3 (zip-бомба?)")
        }
        limits = ZipLimits()
        limits.totalBytes = 1500
        let zip = try ZipReader(try archive([("a", text), ("b", text)]), limits: limits)
        XCTAssertEqual(try zip.data(named: "a"), text)
        XCTAssertThrowsError(try zip.data(named: "b")) { e in
            guard case .overLimit? = e as? ZipError else { return XCTFail("\(e)") }
        }
    }

    /// An entry whose directory understates its size is never unpacked past what it declares.
    func testEntryLyingAboutItsSizeIsRefused() throws {
        var data = try archive([("a", [UInt8](repeating: 0x41, count: 5000))])
        let zip = try ZipReader(data)
        // Patch the declared size (central directory: offset 24 of the header) from 5000 to 100.
        let central = zip.entries[0].compressedSize + 30 + 1
        data[central + 24] = 100; data[central + 25] = 0
        XCTAssertThrowsError(try ZipReader(data).data(named: "a")) { e in
            XCTAssertEqual(e as? ZipError, .damaged(.zipUnpacksMore("a", 100)))
        }
    }

    func testEncryptedEntryIsRefused() throws {
        var data = try archive([("a", [1, 2, 3])])
        let central = 30 + 1 + 3
        data[central + 8] |= 1  // general purpose flag bit 0: encrypted
        XCTAssertThrowsError(try ZipReader(data).data(named: "a")) { e in
            guard case .unsupported? = e as? ZipError else { return XCTFail("\(e)") }
        }
    }
}
