import XCTest
import MentorSyncDomain
import MentorSyncTestSupport

/// A file the district would copy that is mostly holes is no bundle (ShareHazardTests); but a file
/// system may report few blocks for a file written whole (FUSE mounts, deduplicating stores), and
/// a school's bundle must never be left on the share for that.
final class SparseFileTests: XCTestCase {
    func testOnlyHolesFoundBySeekingMakeAFileSparse() throws {
        let scratch = ScratchDirectory("sparse")
        let dir = scratch.folder("files")
        let dense = dir.appendingPathComponent("dense.msync"), holes = dir.appendingPathComponent("holes.msync")
        XCTAssertTrue(FileManager.default.createFile(atPath: dense.path, contents: Data((0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })))
        XCTAssertTrue(FileManager.default.createFile(atPath: holes.path, contents: Data([1, 2, 3])))
        let h = try FileHandle(forWritingTo: holes)
        try h.truncate(atOffset: 8 << 20)
        try h.close()

        let holesFacts = try XCTUnwrap(FileFacts.of(holes))
        XCTAssertTrue(holesFacts.isMostlyHoles(holes))
        var denseFacts = try XCTUnwrap(FileFacts.of(dense))
        XCTAssertFalse(denseFacts.isMostlyHoles(dense))
        // Its blocks reported as next to none (as some file systems do): its data is still found.
        denseFacts.allocated = 4096
        XCTAssertFalse(denseFacts.isMostlyHoles(dense), "a file written whole is no sparse file, whatever its blocks say")
        // Small files are never judged.
        var small = holesFacts
        small.size = 1 << 20
        XCTAssertFalse(small.isMostlyHoles(holes))
    }
}
