// Streaming RAW deflate / inflate (RFC 1951, no zlib or gzip wrapper) over the system zlib.
// zlib's deflateInit2/inflateInit2 are macros, so the CZlib shim provides callable wrappers.
// https://www.zlib.net/manual.html

import CZlib

public enum CompressionError: Error, Equatable {
    /// deflateInit2/inflateInit2 failed with this zlib return code.
    case initFailed(Int32)
    /// The compressed data is invalid (or zlib reported an unexpected error); the message says why.
    case corrupt(String)
    /// Decompression would produce more than `limit` bytes in total.
    case outputLimitExceeded(limit: Int)
}

/// Raw-deflate window bits: negative means "no zlib header/trailer", 15 means a 32 KiB window.
private let rawWindowBits: Int32 = -15
/// Size of the reusable output buffer of each stream.
private let outputBufferSize = 64 * 1024
/// zlib counts in uInt (32 bits); larger inputs are fed in slices of at most this size.
private let maxSliceSize = Int(UInt32.max)

/// zlib's message for the stream's last error, if any, with the return code.
private func zlibMessage(_ stream: UnsafeMutablePointer<z_stream>, _ code: Int32) -> String {
    if let msg = stream.pointee.msg {
        return "\(String(cString: msg)) (zlib code \(code))"
    }
    return "zlib code \(code)"
}

/// Allocates a zeroed z_stream at a stable address (zlib keeps a back-pointer to it, so it must
/// not move) and runs `initialize` on it; deallocates and throws if that fails.
private func makeStream(_ initialize: (UnsafeMutablePointer<z_stream>) -> Int32) throws -> UnsafeMutablePointer<z_stream> {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())  // zalloc/zfree/opaque = Z_NULL: zlib's default allocator
    let code = initialize(stream)
    guard code == Z_OK else {
        stream.deinitialize(count: 1)
        stream.deallocate()
        throw CompressionError.initFailed(code)
    }
    return stream
}

// MARK: - Deflate

/// Compresses a stream of bytes to raw deflate, chunk by chunk. Compressed bytes are handed to the
/// `output` closure in pieces of at most 64 KiB; the pieces are only valid during the call.
/// If `output` throws, the error propagates and the stream should be abandoned.
/// Not thread-safe; use from one task at a time.
public final class DeflateStream {
    private let stream: UnsafeMutablePointer<z_stream>
    private let buffer: UnsafeMutablePointer<UInt8>
    private var isFinished = false

    /// - Parameter level: zlib compression level, 0 (store) ... 9 (best); -1 is zlib's default (6).
    public init(level: Int32 = 1) throws {
        stream = try makeStream { mentorsync_deflate_init2($0, level, rawWindowBits) }
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: outputBufferSize)
    }

    deinit {
        _ = deflateEnd(stream)  // Z_DATA_ERROR here only means the stream was not finished.
        stream.deinitialize(count: 1)
        stream.deallocate()
        buffer.deallocate()
    }

    /// Compresses `input`, handing any compressed bytes produced so far to `output`.
    /// Must not be called after `finish`.
    public func compress(_ input: UnsafeRawBufferPointer, output: (UnsafeRawBufferPointer) throws -> Void) throws {
        precondition(!isFinished, "DeflateStream.compress called after finish")
        guard let base = input.baseAddress, input.count > 0 else { return }
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        var offset = 0
        while offset < input.count {
            let slice = min(input.count - offset, maxSliceSize)
            stream.pointee.next_in = UnsafeMutablePointer(mutating: (base + offset).assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(slice)
            // Run deflate until it has taken all input and no longer fills the output buffer.
            repeat {
                try run(flush: Z_NO_FLUSH, output: output)
            } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
            offset += slice
        }
    }

    /// Flushes all pending compressed bytes and ends the deflate stream. Calling it again does nothing.
    public func finish(output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !isFinished else { return }
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while try run(flush: Z_FINISH, output: output) != Z_STREAM_END {}
        isFinished = true
    }

    /// One deflate call into the output buffer; hands what it produced to `output`.
    @discardableResult
    private func run(flush: Int32, output: (UnsafeRawBufferPointer) throws -> Void) throws -> Int32 {
        stream.pointee.next_out = buffer
        stream.pointee.avail_out = uInt(outputBufferSize)
        let code = deflate(stream, flush)
        // Z_BUF_ERROR only means no progress was possible; it is not fatal.
        guard code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR else {
            throw CompressionError.corrupt("deflate failed: \(zlibMessage(stream, code))")
        }
        let produced = outputBufferSize - Int(stream.pointee.avail_out)
        if produced > 0 {
            try output(UnsafeRawBufferPointer(start: buffer, count: produced))
        }
        return code
    }
}

// MARK: - Inflate

/// Decompresses one raw deflate stream fed in arbitrary chunks. Decompressed bytes are handed to
/// the `output` closure in pieces of at most 64 KiB; the pieces are only valid during the call.
/// If `output` throws, the error propagates and the stream should be abandoned.
/// Not thread-safe; use from one task at a time.
public final class InflateStream {
    private let stream: UnsafeMutablePointer<z_stream>
    private let buffer: UnsafeMutablePointer<UInt8>
    /// Once an error is thrown the stream is unusable; later calls rethrow it.
    private var failure: CompressionError?

    /// True once the end of the deflate stream (the final block) has been reached.
    public private(set) var isFinished = false
    /// Decompressed bytes handed to `output` so far.
    public private(set) var totalOut = 0

    public init() throws {
        stream = try makeStream { mentorsync_inflate_init2($0, rawWindowBits) }
        buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: outputBufferSize)
    }

    deinit {
        _ = inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        buffer.deallocate()
    }

    /// Feeds compressed bytes; returns how many input bytes were consumed (fewer than given once
    /// the stream has ended — the rest belongs to what follows the stream). Throws
    /// CompressionError.outputLimitExceeded when more than `limit` bytes would be produced in total.
    public func decompress(_ input: UnsafeRawBufferPointer, limit: Int, output: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        if let failure { throw failure }
        guard !isFinished, let base = input.baseAddress, input.count > 0 else { return 0 }
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        do {
            var consumed = 0
            while consumed < input.count && !isFinished {
                let slice = min(input.count - consumed, maxSliceSize)
                stream.pointee.next_in = UnsafeMutablePointer(mutating: (base + consumed).assumingMemoryBound(to: Bytef.self))
                stream.pointee.avail_in = uInt(slice)
                try inflateAvailableInput(limit: limit, output: output)
                consumed += slice - Int(stream.pointee.avail_in)
                if stream.pointee.avail_in > 0 { break }  // Stream ended; the rest is not ours.
            }
            return consumed
        } catch let error as CompressionError {
            failure = error
            throw error
        }
    }

    /// Runs inflate until the input is used up (and all its output delivered) or the stream ends.
    private func inflateAvailableInput(limit: Int, output: (UnsafeRawBufferPointer) throws -> Void) throws {
        while true {
            // Offer one byte more than the limit allows, to detect overflow without delivering it.
            let remaining = max(limit - totalOut, 0)
            let capacity = remaining < outputBufferSize ? remaining + 1 : outputBufferSize
            stream.pointee.next_out = buffer
            stream.pointee.avail_out = uInt(capacity)
            let code = inflate(stream, Z_NO_FLUSH)
            switch code {
            case Z_OK, Z_STREAM_END, Z_BUF_ERROR:  // Z_BUF_ERROR: no progress possible, not fatal.
                break
            case Z_NEED_DICT:
                throw CompressionError.corrupt("inflate: stream requires a preset dictionary")
            case Z_DATA_ERROR:
                throw CompressionError.corrupt("inflate: \(zlibMessage(stream, code))")
            default:  // Z_STREAM_ERROR, Z_MEM_ERROR
                throw CompressionError.corrupt("inflate failed: \(zlibMessage(stream, code))")
            }
            let produced = capacity - Int(stream.pointee.avail_out)
            if produced > remaining {
                throw CompressionError.outputLimitExceeded(limit: limit)
            }
            if produced > 0 {
                totalOut += produced
                try output(UnsafeRawBufferPointer(start: buffer, count: produced))
            }
            if code == Z_STREAM_END {
                isFinished = true
                return
            }
            if code == Z_BUF_ERROR { return }
            // More output may be pending only if the buffer was filled.
            if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { return }
        }
    }
}

// MARK: - CRC-32

/// CRC-32 (ISO 3309 / ITU-T V.42, as used by zip and gzip) of `buffer`, continuing from `crc`
/// (start with 0). Wraps zlib's crc32.
public func zlibCRC32(_ crc: UInt32, _ buffer: UnsafeRawBufferPointer) -> UInt32 {
    // zlib returns the initial value (0) for a NULL buffer, so an empty buffer must not reach it.
    guard let base = buffer.baseAddress, buffer.count > 0 else { return crc }
    var value = uLong(crc)
    var offset = 0
    while offset < buffer.count {
        let slice = min(buffer.count - offset, maxSliceSize)
        value = crc32(value, (base + offset).assumingMemoryBound(to: Bytef.self), uInt(slice))
        offset += slice
    }
    return UInt32(truncatingIfNeeded: value)
}
