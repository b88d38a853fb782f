import Foundation

/// Why a merge refused a row, as the reason a bundle's `rejections` carry (Protocol/bundle.md,
/// "Merging"): one English line a person can read, naming the table and the row id and no cell
/// value. Written here and read back here, so a school can tell its user in the user's language
/// and by the row's name (`init?(text:)`); a reason of another wording stays plain text.
public enum RefusalReason: Equatable, Sendable {
    /// A school changed a row another organization owns (or tried to give a row away).
    case notOwner(table: String, id: String, owner: String, sender: String)
    /// A school changed a row of a table only the district writes (organizations, indicators).
    case districtOnly(table: String, id: String)
    /// The row's owner field and its org_id cell name different owners.
    case twoOwners(table: String, id: String)
    /// The registry's own checks refused a value (SQLite's message in `detail`).
    case refusedValue(table: String, id: String, detail: String)
    /// A table the receiving site's version does not have.
    case unknownTable(table: String)
    /// A row names another school's row that is not offered to network mentoring (Protocol/shares.md).
    case notOffered(table: String, id: String, column: String, target: String, ref: String, owner: String)
    /// A row is attached to another school's row the sender is not a party to (`sender` set), or
    /// that only its owner attaches such rows to (`sender` nil) (Protocol/shares.md).
    case notParty(table: String, id: String, column: String, linked: String, ref: String, owner: String, sender: String?)
    /// Some cells of a row the district has never held, without the row itself (its existence
    /// cell): a row whose creation it refused, corrected in one cell. The sender sends it whole.
    case notWhole(table: String, id: String)

    public var text: String {
        switch self {
        case .notOwner(let t, let id, let owner, let sender): return "row \(t)/\(id) belongs to '\(owner)', not to \(sender); change refused"
        case .districtOnly(let t, let id): return "row \(t)/\(id): table \(t) is written by the district alone; change refused"
        case .twoOwners(let t, let id): return "row \(t)/\(id) names two different owners; change refused"
        case .refusedValue(let t, let id, let detail): return "row \(t)/\(id) has a value this registry refuses (\(detail)); nothing of it was stored"
        case .unknownTable(let t): return "table \(t) is unknown to this version; upgrade mentorsync"
        case .notOffered(let t, let id, let column, let target, let ref, let owner):
            return "row \(t)/\(id): its \(column) names \(target)/\(ref) of \(owner), which is not offered to network mentoring; change refused"
        case .notParty(let t, let id, let column, let linked, let ref, let owner, let sender):
            let why = sender.map { "a \(linked) row \($0) is not a party to" } ?? "only its owner adds \(t) rows to it"
            return "row \(t)/\(id): its \(column) names \(linked)/\(ref) of \(owner), \(why); change refused"
        case .notWhole(let t, let id): return "row \(t)/\(id) came as some of its cells, and this site does not hold it; send it whole"
        }
    }

    /// The row a reason names (table name and id); nil for a refusal of a whole table.
    public var row: (table: String, id: String)? {
        switch self {
        case .notOwner(let t, let id, _, _), .districtOnly(let t, let id), .twoOwners(let t, let id),
             .refusedValue(let t, let id, _), .notOffered(let t, let id, _, _, _, _), .notParty(let t, let id, _, _, _, _, _),
             .notWhole(let t, let id):
            return (t, id)
        case .unknownTable:
            return nil
        }
    }

    /// The row a refusal names, by the rule Protocol/bundle.md gives every writer: a reason that
    /// begins `row TABLE/ID`, the id running to the first space or colon. This program's own
    /// wordings are read whole (an id may hold a space there); another program's by the rule.
    public static func namedRow(_ text: String) -> (table: String, id: String)? {
        if let known = RefusalReason(text: text) { return known.row }
        guard text.hasPrefix("row ") else { return nil }
        let token = text.dropFirst(4).prefix { $0 != " " && $0 != ":" }
        guard let slash = token.firstIndex(of: "/"), slash != token.startIndex, token.index(after: slash) != token.endIndex else { return nil }
        return (String(token[..<slash]), String(token[token.index(after: slash)...]))
    }

    /// The reason a `text` of this kind says; nil for any other text.
    public init?(text: String) {
        if let t = text.between("table ", " is unknown to this version; upgrade mentorsync") {
            self = .unknownTable(table: t)
            return
        }
        guard text.hasPrefix("row ") else { return nil }
        if let rest = text.between("row ", " came as some of its cells, and this site does not hold it; send it whole"), let (t, id) = Self.row(rest) {
            self = .notWhole(table: t, id: id)
        } else if let rest = text.between("row ", " names two different owners; change refused"), let (t, id) = Self.row(rest) {
            self = .twoOwners(table: t, id: id)
        } else if let rest = text.between("row ", " is written by the district alone; change refused"),
                  let cut = rest.range(of: ": table ", options: .backwards), let (t, id) = Self.row(String(rest[..<cut.lowerBound])),
                  rest[cut.upperBound...] == t {
            self = .districtOnly(table: t, id: id)
        } else if let rest = text.between("row ", "; change refused"), let link = Self.link(rest) {
            let (t, id, column, target, ref, tail) = link
            if let owner = tail.between("", ", which is not offered to network mentoring") {
                self = .notOffered(table: t, id: id, column: column, target: target, ref: ref, owner: owner)
            } else if let owner = tail.between("", ", only its owner adds \(t) rows to it") {
                self = .notParty(table: t, id: id, column: column, linked: target, ref: ref, owner: owner, sender: nil)
            } else if let cut = tail.range(of: ", a \(target) row ", options: .backwards), let sender = tail[cut.upperBound...].description.between("", " is not a party to") {
                self = .notParty(table: t, id: id, column: column, linked: target, ref: ref, owner: String(tail[..<cut.lowerBound]), sender: sender)
            } else {
                return nil
            }
        } else if let rest = text.between("row ", "; change refused"),
                  let cut = rest.range(of: " belongs to '", options: .backwards), let (t, id) = Self.row(String(rest[..<cut.lowerBound])),
                  let split = rest[cut.upperBound...].range(of: "', not to ", options: .backwards) {
            let tail = rest[cut.upperBound...]
            self = .notOwner(table: t, id: id, owner: String(tail[..<split.lowerBound]), sender: String(tail[split.upperBound...]))
        } else if let rest = text.between("row ", "); nothing of it was stored"),
                  let cut = rest.range(of: " has a value this registry refuses ("), let (t, id) = Self.row(String(rest[..<cut.lowerBound])) {
            self = .refusedValue(table: t, id: id, detail: String(rest[cut.upperBound...]))
        } else {
            return nil
        }
    }

    /// `pairs/ID: its mentor_id names mentors/REF of OWNER…` as the row, the column, the named row
    /// and what follows its `of ` (ids hold no `: its ` nor ` names ` here).
    private static func link(_ s: String) -> (String, String, String, String, String, String)? {
        guard let its = s.range(of: ": its "), let (t, id) = row(String(s[..<its.lowerBound])) else { return nil }
        let rest = s[its.upperBound...]
        guard let names = rest.range(of: " names "), let of = rest.range(of: " of ", range: names.upperBound..<rest.endIndex),
              let (target, ref) = row(String(rest[names.upperBound..<of.lowerBound])) else { return nil }
        return (t, id, String(rest[..<names.lowerBound]), target, ref, String(rest[of.upperBound...]))
    }

    /// `persons/0f6e…` as its table and id (table names hold no slash; ids may).
    private static func row(_ s: String) -> (String, String)? {
        guard let slash = s.firstIndex(of: "/"), slash != s.startIndex, s.index(after: slash) != s.endIndex else { return nil }
        return (String(s[..<slash]), String(s[s.index(after: slash)...]))
    }
}

extension String {
    /// What lies between a prefix and a suffix this text has, byte for byte, or nil (reading back
    /// the lines this program writes: refusal reasons, bundle errors).
    func between(_ prefix: String, _ suffix: String = "") -> String? {
        let b = Array(utf8), p = Array(prefix.utf8), s = Array(suffix.utf8)
        guard b.count >= p.count + s.count, b.starts(with: p), b.suffix(s.count).elementsEqual(s) else { return nil }
        return String(decoding: b[p.count..<(b.count - s.count)], as: UTF8.self)
    }
}
