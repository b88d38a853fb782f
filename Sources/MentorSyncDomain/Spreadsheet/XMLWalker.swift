import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Walks one XML part of a workbook with Foundation's XMLParser, handing element starts, ends and
/// text to closures. Element names lose their namespace prefix (`x:c` is `c`); attribute names
/// keep theirs (`r:id`). A part with a document type declaration is refused before parsing: no
/// workbook has one, and entities are how XML bombs grow.
final class XMLWalker: NSObject, XMLParserDelegate {
    var start: (_ name: String, _ attributes: [String: String]) throws -> Void = { _, _ in }
    var end: (_ name: String) throws -> Void = { _ in }
    var text: (_ characters: String) -> Void = { _ in }
    private var thrown: Error?

    /// Parses `bytes`; throws what a closure threw, or `XLSXError.badPart` for malformed XML.
    func walk(_ bytes: [UInt8], part: String, file: String) throws {
        // Excel and LibreOffice write UTF-8; the prolog check below reads bytes as UTF-8.
        if let first = bytes.first, first == 0x00 || first == 0xFE || first == 0xFF || (bytes.count > 1 && bytes[1] == 0x00) {
            throw XLSXError.badPart(file: file, part: part, reason: .xlsxNotUTF8)
        }
        if XMLWalker.declaresDocumentType(bytes) {
            throw XLSXError.badPart(file: file, part: part, reason: .xlsxDoctype)
        }
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        let ok = parser.parse()
        if let thrown { throw thrown }
        // On Linux parse() may return true after libxml2 recovered from an error; parserError tells.
        guard ok, parser.parserError == nil, malformedAt == nil else {
            throw XLSXError.badPart(file: file, part: part, reason: .xlsxMalformed(line: malformedAt ?? parser.lineNumber))
        }
    }

    /// The line of the first XML error; parsing stops there rather than read what libxml2 recovers.
    private var malformedAt: Int?

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if malformedAt == nil { malformedAt = parser.lineNumber }
        parser.abortParsing()
    }

    static func local(_ name: String) -> String {
        guard name.utf8.contains(0x3A), let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// An attribute by its local name (`id` finds `r:id`).
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let v = attributes[name] { return v }
        return attributes.first { local($0.key) == name }?.value
    }

    /// Whether the prolog (what comes before the root element) holds a `<!…>` declaration other
    /// than a comment: a DOCTYPE, where entities are declared. Only the prolog is scanned.
    static func declaresDocumentType(_ b: [UInt8]) -> Bool {
        var i = 0
        while i + 2 < b.count {
            if b[i] == 0x3C {  // <
                let next = b[i + 1]
                if next == 0x21 {
                    guard b[i + 2] == 0x2D else { return true }  // <! and not a comment: a declaration
                    // Skip the comment to its end, -->.
                    i += 4
                    while i + 2 < b.count && !(b[i] == 0x2D && b[i + 1] == 0x2D && b[i + 2] == 0x3E) { i += 1 }
                    i += 3
                    continue
                }
                if next != 0x3F { return false }  // not <?…?>: the root element starts here
            }
            i += 1
        }
        return false
    }

    private func run(_ parser: XMLParser, _ body: () throws -> Void) {
        guard thrown == nil else { return }
        do { try body() } catch {
            thrown = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        run(parser) { try start(XMLWalker.local(elementName), attributeDict) }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        run(parser) { try end(XMLWalker.local(elementName)) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if thrown == nil { text(string) }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        if thrown == nil { text(String(decoding: CDATABlock, as: UTF8.self)) }
    }
}
