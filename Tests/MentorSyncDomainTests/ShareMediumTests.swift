import Foundation
import XCTest
@testable import MentorSyncDomain

/// Where a share's files go next, told from the mount table as Linux writes it.
final class ShareMediumTests: XCTestCase {
    let table = """
        /dev/sda2 / ext4 rw,relatime 0 0
        tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
        /dev/sdb1 /media/olga/KINGSTON vfat rw,nosuid,nodev,uid=1000 0 0
        /dev/sdc1 /media/olga/Моя\\040флешка exfat rw,nosuid,nodev 0 0
        //srv-ro/obmen /mnt/obmen cifs rw,relatime,vers=3.0 0 0
        /dev/sdd1 /mnt/data ext4 rw,relatime 0 0
        srv:/export /home/olga/nfs nfs4 rw,relatime 0 0
        """

    func medium(_ path: String, roots: [String] = ["/media", "/run/media", "/mnt"]) -> ShareMedium {
        ShareMedium.of(URL(fileURLWithPath: path), mounts: ShareMedium.mounts(parsing: table), roots: roots.map { URL(fileURLWithPath: $0) })
    }

    func testSticksAreToldByTheirFileSystemOrWhereTheyAreMounted() {
        XCTAssertEqual(medium("/media/olga/KINGSTON"), .stick)
        XCTAssertEqual(medium("/media/olga/KINGSTON/mentorsync"), .stick)
        XCTAssertEqual(medium("/media/olga/Моя флешка"), .stick, "a label with a space is written \\040 in the table")
        XCTAssertEqual(medium("/mnt/data/obmen"), .stick, "a disk mounted where sticks are, whatever its file system")
        XCTAssertEqual(medium("/mnt/mentorsync-share"), .folder, "a network folder not mounted: the computer's own disk")
        XCTAssertEqual(medium("/media/olga"), .folder, "the folder sticks are mounted in is no stick")
        let atRoot = ShareMedium.mounts(parsing: "/dev/sda2 / ext4 rw 0 0\n/dev/sdb1 /mnt ext4 rw 0 0")
        XCTAssertEqual(ShareMedium.of(URL(fileURLWithPath: "/mnt/obmen"), mounts: atRoot, roots: [URL(fileURLWithPath: "/mnt")]), .stick, "a device mounted at a root")
        XCTAssertEqual(ShareMedium.of(URL(fileURLWithPath: "/tmp/walk/stick"), mounts: ShareMedium.mounts(parsing: table),
                                      roots: [URL(fileURLWithPath: "/tmp/walk")], configuredRoots: true), .stick, "roots set by hand: by path")
        XCTAssertEqual(medium("/media/olga/KINGSTON", roots: []), .stick, "a FAT file system alone says stick")
    }

    func testNetworkFoldersWinOverWhereTheyAreMounted() {
        XCTAssertEqual(medium("/mnt/obmen"), .network)
        XCTAssertEqual(medium("/mnt/obmen/2026"), .network)
        XCTAssertEqual(medium("/home/olga/nfs/share"), .network)
        // autofs first, the network file system mounted over it at the same point: the later counts.
        let stacked = ShareMedium.mounts(parsing: "/dev/sda2 / ext4 rw 0 0\nsystemd-1 /mnt/obmen autofs rw 0 0\n//srv/obmen /mnt/obmen cifs rw 0 0")
        XCTAssertEqual(ShareMedium.of(URL(fileURLWithPath: "/mnt/obmen/x"), mounts: stacked, roots: [URL(fileURLWithPath: "/mnt")]), .network)
    }

    func testAnyOtherFolderIsAFolder() {
        XCTAssertEqual(medium("/home/olga/obmen"), .folder)
        XCTAssertEqual(medium("/tmp/share"), .folder)
        XCTAssertEqual(medium("/mediashare"), .folder, "a name that only begins like a mount point is not under it")
        XCTAssertEqual(ShareMedium.of(URL(fileURLWithPath: "/srv/x"), mounts: [], roots: []), .folder, "no mount table to read")
    }

    func testTheMountTableIsReadWithItsEscapes() {
        let mounts = ShareMedium.mounts(parsing: table)
        XCTAssertEqual(mounts.count, 7)
        XCTAssertEqual(mounts[3], ShareMedium.Mount(point: "/media/olga/Моя флешка", type: "exfat"))
        XCTAssertEqual(ShareMedium.unescape("a\\011b\\134c\\012"), "a\tb\\c\n")
    }
}
