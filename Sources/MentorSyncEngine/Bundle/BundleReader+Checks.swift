import Foundation

/// Checks of a whole file without merging it; each reads the file once.
extension BundleReader {
    /// Reads the header only, without checking anything else: enough to name the sender and pick the key.
    public static func peekHeader(at url: URL) throws -> (header: BundleHeader, headerEnd: Int, fileSize: Int, version: UInt16) {
        let r = try BundleReader(url: url)
        return (r.header, r.bodyStart, r.fileSize, r.formatVersion)
    }

    /// Checks that the file is whole (signature, header, end marker, CRC-32) without a key:
    /// enough to tell a file still being copied from a finished one.
    public static func checkIntegrity(at url: URL) throws {
        try BundleReader(url: url).authenticateRest()
    }

    /// Checks the CRC and the authenticator (HMAC) over the whole file, without decoding the body.
    public static func verify(at url: URL, key: [UInt8]) throws {
        let r = try BundleReader(url: url)
        try r.begin(key: key)
        try r.authenticateRest()
    }
}
