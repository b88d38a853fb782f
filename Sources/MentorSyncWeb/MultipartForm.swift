import Foundation

/// The parts of a `multipart/form-data` body (a file upload): field name to bytes, and file names.
struct MultipartForm {
    var fields: [String: [UInt8]] = [:]
    var fileNames: [String: String] = [:]

    func text(_ name: String) -> String? { fields[name].map { String(decoding: $0, as: UTF8.self) } }

    /// Nil when the body is not multipart or is malformed.
    init?(_ r: HTTPRequest) {
        guard let type = r.header("content-type"), type.lowercased().hasPrefix("multipart/form-data"),
              let b = type.range(of: "boundary=") else { return nil }
        let boundary = Array(("--" + type[b.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))).utf8)
        let body = r.body
        var starts: [Int] = []
        var i = 0
        while let at = Self.find(boundary, in: body, from: i) { starts.append(at); i = at + boundary.count }
        guard starts.count >= 2 else { return nil }
        for (a, b) in zip(starts, starts.dropFirst()) {
            let partStart = a + boundary.count + 2    // the CRLF after the boundary
            let partEnd = b - 2                       // the CRLF before the next one
            guard partStart < partEnd, let headEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: partStart), headEnd < partEnd else { continue }
            let head = String(decoding: body[partStart..<headEnd], as: UTF8.self)
            guard let name = Self.attribute("name", in: head) else { continue }
            fields[name] = Array(body[(headEnd + 4)..<partEnd])
            if let file = Self.attribute("filename", in: head) { fileNames[name] = file }
        }
    }

    static func attribute(_ key: String, in head: String) -> String? {
        guard let r = head.range(of: " \(key)=\"") ?? head.range(of: ";\(key)=\"") else { return nil }
        return String(head[r.upperBound...].prefix { $0 != "\"" })
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        var i = from
        let first = needle[0]
        while i <= hay.count - needle.count {
            if hay[i] == first, hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
