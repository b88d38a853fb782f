import Foundation

/// The parts of a `multipart/form-data` body (a file upload): field name to bytes, and file names.
/// Read in time linear in the body: a 10 MB body of tiny parts, or a boundary that nearly matches
/// everywhere, was searched again from each part to the end of the body — hours of work under the
/// registry's lock, every other page of the app waiting.
struct MultipartForm {
    var fields: [String: [UInt8]] = [:]
    var fileNames: [String: String] = [:]
    /// RFC 2046, 5.1.1: a boundary is 1 to 70 characters.
    static let maxBoundary = 70

    func text(_ name: String) -> String? { fields[name].map { String(decoding: $0, as: UTF8.self) } }

    /// Nil when the body is not multipart or is malformed.
    init?(_ r: HTTPRequest) {
        guard let type = r.header("content-type"), type.lowercased().hasPrefix("multipart/form-data"),
              let b = type.range(of: "boundary=") else { return nil }
        let given = type[b.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard (1...Self.maxBoundary).contains(given.utf8.count) else { return nil }
        let boundary = Array(("--" + given).utf8)
        let body = r.body
        var starts: [Int] = []
        var i = 0
        while let at = Self.find(boundary, in: body, from: i, to: body.count) { starts.append(at); i = at + boundary.count }
        guard starts.count >= 2 else { return nil }
        for (a, b) in zip(starts, starts.dropFirst()) {
            let partStart = a + boundary.count + 2    // the CRLF after the boundary
            let partEnd = b - 2                       // the CRLF before the next one
            // A part's headers end inside the part: never looked for beyond it.
            guard partStart < partEnd, let headEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: partStart, to: partEnd) else { continue }
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

    /// Where `needle` first lies wholly within `hay[from..<to]`, or nil (Knuth–Morris–Pratt: each
    /// byte of `hay` is looked at a bounded number of times, whatever the needle).
    static func find(_ needle: [UInt8], in hay: [UInt8], from: Int, to: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, to <= hay.count, to - from >= needle.count else { return nil }
        // fail[i]: the length of the longest proper prefix of needle[...i] that is also its suffix.
        var fail = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in 1..<max(1, needle.count) {
            while k > 0 && needle[i] != needle[k] { k = fail[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            fail[i] = k
        }
        return hay.withUnsafeBufferPointer { h in
            var matched = 0
            for i in from..<to {
                while matched > 0 && h[i] != needle[matched] { matched = fail[matched - 1] }
                if h[i] == needle[matched] { matched += 1 }
                if matched == needle.count { return i + 1 - matched }
            }
            return nil
        }
    }
}
