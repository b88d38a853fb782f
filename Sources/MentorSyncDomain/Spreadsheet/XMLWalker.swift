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
        if XMLWalker.contains(bytes, "<!DOCTYPE") || XMLWalker.contains(bytes, "<!ENTITY") {
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
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// An attribute by its local name (`id` finds `r:id`).
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let v = attributes[name] { return v }
        return attributes.first { local($0.key) == name }?.value
    }

    static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard bytes.count >= n.count else { return false }
        var i = 0
        while i <= bytes.count - n.count {
            if bytes[i] == n[0] && bytes[i..<(i + n.count)].elementsEqual(n) { return true }
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
