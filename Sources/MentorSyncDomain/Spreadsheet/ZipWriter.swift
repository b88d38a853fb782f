import Foundation
import MentorSyncEngine

/// Writes a ZIP archive in memory: each entry deflated (or stored when that is not smaller), with
/// its sizes and CRC-32 in the local header, so no data descriptors; names in UTF-8. The layout
/// ZipReader reads (PKWARE APPNOTE.TXT 6.3, sections 4.3.7, 4.3.12, 4.3.16).
public struct ZipWriter {
    private var out: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// - Parameter modified: the time every entry is stamped with (MS-DOS time, local, 2-second steps).
    public init(modified: Date = Date()) {
        let c = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day, .hour, .minute, .second], from: modified)
        let year = min(max((c.year ?? 1980) - 1980, 0), 127)
        dosDate = UInt16(year << 9 | (c.month ?? 1) << 5 | (c.day ?? 1))
        dosTime = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
    }

    public mutating func add(_ name: String, _ data: [UInt8]) throws {
        let crc = data.withUnsafeBytes { zlibCRC32(0, $0) }
        var packed: [UInt8] = []
        let deflate = try DeflateStream(level: 6)
        try data.withUnsafeBytes { raw in try deflate.compress(raw) { packed.append(contentsOf: $0) } }
        try deflate.finish { packed.append(contentsOf: $0) }
        let method: UInt16 = packed.count < data.count ? 8 : 0
        let body = method == 8 ? packed : data
        guard body.count < Int(UInt32.max), out.count < Int(UInt32.max) - body.count - 1024 else {
            throw ZipError.overLimit(.zipWriteTooLarge(name))
        }
        let nameBytes = Array(name.utf8)
        let flags: UInt16 = nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11  // bit 11: the name is UTF-8
        let offset = out.count

        // Local file header (4.3.7).
        put32(&out, ZipReader.localSignature)
        put16(&out, 20)  // version needed: 2.0, deflate
        put16(&out, flags); put16(&out, method); put16(&out, dosTime); put16(&out, dosDate)
        put32(&out, crc); put32(&out, UInt32(body.count)); put32(&out, UInt32(data.count))
        put16(&out, UInt16(nameBytes.count)); put16(&out, 0)
        out += nameBytes
        out += body

        // Central directory header (4.3.12).
        put32(&central, ZipReader.centralSignature)
        put16(&central, 20); put16(&central, 20)  // made by, needed: 2.0
        put16(&central, flags); put16(&central, method); put16(&central, dosTime); put16(&central, dosDate)
        put32(&central, crc); put32(&central, UInt32(body.count)); put32(&central, UInt32(data.count))
        put16(&central, UInt16(nameBytes.count)); put16(&central, 0); put16(&central, 0)  // name, extra, comment
        put16(&central, 0); put16(&central, 0); put32(&central, 0)  // disk, internal and external attributes
        put32(&central, UInt32(offset))
        central += nameBytes
        count += 1
    }

    /// The whole archive: entries, central directory, end record (4.3.16).
    public func finish() -> Data {
        var end: [UInt8] = []
        put32(&end, ZipReader.endSignature)
        put16(&end, 0); put16(&end, 0)
        put16(&end, UInt16(count)); put16(&end, UInt16(count))
        put32(&end, UInt32(central.count)); put32(&end, UInt32(out.count))
        put16(&end, 0)
        return Data(out + central + end)
    }
}

private func put16(_ b: inout [UInt8], _ v: UInt16) {
    b.append(UInt8(v & 0xFF)); b.append(UInt8(v >> 8))
}

private func put32(_ b: inout [UInt8], _ v: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { b.append(UInt8((v >> UInt32(shift)) & 0xFF)) }
}
