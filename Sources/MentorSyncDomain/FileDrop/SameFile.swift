import Foundation

/// Whether two files hold the same bytes, told by their sizes first and then read side by side a
/// mebibyte at a time: a file planted on a share, as large as a bundle may be, is never held whole
/// in memory to be compared (a revoked computer's genuine multi-gigabyte file did, at every pass).
enum SameFile {
    static let chunk = 1 << 20

    static func contents(_ a: URL, _ b: URL) -> Bool {
        guard let sizeA = FileFacts.of(a)?.size, sizeA == FileFacts.of(b)?.size,
              let ha = try? FileHandle(forReadingFrom: a), let hb = try? FileHandle(forReadingFrom: b) else { return false }
        defer { try? ha.close(); try? hb.close() }
        do {
            while true {
                // nil at the end of a file; a folder of the name throws on the first read
                let x = try ha.read(upToCount: chunk) ?? Data(), y = try hb.read(upToCount: chunk) ?? Data()
                if x != y { return false }
                if x.isEmpty { return true }
            }
        } catch {
            return false
        }
    }
}
