import Foundation

/// The part of a bundle file past the record encoder: zlib, the body's encryption (format 2), the
/// CRC, the MAC and the file itself. `BundleWriter` hands it the encoded records in chunks; a chunk
/// is compressed, sealed and written on a serial queue of its own while the writer reads and
/// encodes the next rows, so a large export uses a second core for zlib (38% of writing a bundle
/// on one). At most two chunks are in flight, so memory stays bounded.
///
/// Every stored property is touched only on that queue, or by the writer's thread after `drain()`
/// (a synchronous call on the queue, which orders all earlier work before it).
final class BundleBodyStream: @unchecked Sendable {
    let temporaryURL: URL
    private let file: FileHandle
    private let deflater: DeflateStream
    private var mac: HMACSHA256
    private let sealer: ChaChaPolySealer?
    private var crc: UInt32 = 0
    private var out = [UInt8]()
    /// Bytes of the file so far (all of them counted even when the disk filled up).
    private(set) var bytesWritten = 0
    /// Set when the disk filled up: the partial file is gone and the rest is only counted, so the
    /// writer can say how much room the whole bundle needs.
    private(set) var outOfRoom = false
    private let queue = DispatchQueue(label: "mentorsync.bundle-body")
    /// Room for chunks in flight: made at 0 and raised to 2 (a semaphore freed below the value it
    /// was made with is a fault in libdispatch).
    private let slots = DispatchSemaphore(value: 0)
    private let failureLock = NSLock()
    private var failure: Error?

    init(temporaryURL: URL, file: FileHandle, deflater: DeflateStream, mac: HMACSHA256, sealer: ChaChaPolySealer?) {
        self.temporaryURL = temporaryURL
        self.file = file
        self.deflater = deflater
        self.mac = mac
        self.sealer = sealer
        slots.signal(); slots.signal()
    }

    /// Compresses and writes `chunk` on the body's queue; returns once it is queued. Throws the
    /// error of an earlier chunk, if one failed (nothing more is written after a failure).
    func submit(_ chunk: [UInt8]) throws {
        try throwFailure()
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard recordedFailure() == nil else { return }
            do { try compress(chunk) } catch { record(error) }
        }
    }

    /// Waits for every queued chunk; throws the first error one met.
    func drain() throws {
        queue.sync {}
        try throwFailure()
    }

    /// Compresses and writes `bytes` on the caller's thread (after `drain()`).
    func compress(_ bytes: [UInt8]) throws {
        out.removeAll(keepingCapacity: true)
        try bytes.withUnsafeBytes { input in
            try deflater.compress(input) { out.append(contentsOf: $0) }
        }
        try emitBody(out)
    }

    /// Ends the compressed body and its encryption, then writes the trailer magic and the CRC;
    /// returns the MAC over everything written, which the writer appends last.
    func finishBody(trailerMagic: [UInt8]) throws -> [UInt8] {
        out.removeAll(keepingCapacity: true)
        try deflater.finish { out.append(contentsOf: $0) }
        try emitBody(out)
        if let sealer { try emit(sealer.finish()) }
        try emit(trailerMagic)
        var crcBytes = ByteWriter(); crcBytes.u32(crc)
        try emit(crcBytes.bytes)
        return mac.finalize()
    }

    /// Writes the MAC, flushes the file to disk and closes it.
    func close(tag: [UInt8]) throws -> Int {
        let total = bytesWritten + tag.count
        if outOfRoom { throw NoRoom(total: total) }
        do { try file.write(contentsOf: tag) } catch where BundleBodyStream.isNoRoom(error) { throw NoRoom(total: total) }
        bytesWritten = total
        do { try file.synchronize() } catch where BundleBodyStream.isNoRoom(error) { throw NoRoom(total: total) }
        try file.close()
        return total
    }

    /// Waits for queued work, then closes and removes the partial file.
    func abandon() {
        queue.sync {}
        try? file.close()
        try? FileManager.default.removeItem(at: temporaryURL)
    }

    /// The disk filled up; `total` is the size the whole bundle needs.
    struct NoRoom: Error { let total: Int }

    /// Writes bytes as they are (the prefix, the body once compressed and sealed, the trailer),
    /// adding them to the MAC and the CRC.
    func emit(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { buf in
            mac.update(buf)
            crc = zlibCRC32(crc, buf)
        }
        if !outOfRoom {
            do { try file.write(contentsOf: bytes) } catch {
                guard BundleBodyStream.isNoRoom(error) else {
                    // A stick pulled out or locked mid-write: said by its folder, in the reader's language.
                    let code = DurableFile.posixCode(error)
                    if code != 0 { var e = FileError.cannotWrite(in: temporaryURL.deletingLastPathComponent(), code: code); e.isBundle = true; throw e }
                    throw BundleError.io("writing \(temporaryURL.lastPathComponent): \(error.localizedDescription)")
                }
                // Free the space at once; keep compressing to learn the whole bundle's size.
                outOfRoom = true
                try? file.close()
                unlink(temporaryURL.path)
            }
        }
        bytesWritten += bytes.count
    }

    /// Compressed body bytes, encrypted first in format 2.
    private func emitBody(_ bytes: [UInt8]) throws {
        guard let sealer else { return try emit(bytes) }
        try emit(sealer.update(bytes))
    }

    private static func isNoRoom(_ error: Error) -> Bool {
        [ENOSPC, EDQUOT].contains(DurableFile.posixCode(error))
    }

    private func record(_ error: Error) {
        failureLock.lock(); defer { failureLock.unlock() }
        if failure == nil { failure = error }
    }

    private func recordedFailure() -> Error? {
        failureLock.lock(); defer { failureLock.unlock() }
        return failure
    }

    private func throwFailure() throws {
        if let error = recordedFailure() { throw error }
    }
}
