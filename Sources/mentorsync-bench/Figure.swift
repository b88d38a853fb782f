import Foundation

/// How a figure is shown: its unit and how many digits it deserves.
enum Unit: String, Encodable {
    case rowsPerSecond = "rows/s"
    case seconds = "s"
    case bytesPerRow = "B/row"
    case mebibytes = "MiB"
    case times = "x"

    func format(_ v: Double) -> String {
        switch self {
        case .rowsPerSecond:
            return v >= 1e6 ? String(format: "%.2fM", v / 1e6) : v >= 1e4 ? String(format: "%.0fk", v / 1e3) : String(format: "%.1fk", v / 1e3)
        case .seconds: return v < 1 ? String(format: "%.3f", v) : String(format: "%.2f", v)
        case .bytesPerRow: return String(format: "%.1f", v)
        case .mebibytes: return String(format: "%.1f", v)
        case .times: return String(format: "%.2f", v)
        }
    }

    var suffix: String {
        switch self {
        case .rowsPerSecond: return " rows/s"
        case .seconds: return " s"
        case .bytesPerRow: return " B/row"
        case .mebibytes: return " MiB"
        case .times: return "×"
        }
    }
}

/// A measured quantity: the median over the rounds and the spread (min–max).
struct Quantity: Encodable {
    var unit: Unit
    var summary: Summary

    init(_ summary: Summary, _ unit: Unit) { self.summary = summary; self.unit = unit }
    init(single v: Double, _ unit: Unit) { self.init(Summary(single: v), unit) }

    var text: String {
        let m = unit.format(summary.median)
        guard summary.rounds > 1 else { return m + unit.suffix }
        return "\(m)\(unit.suffix) [\(unit.format(summary.min))–\(unit.format(summary.max))]"
    }
}

/// A target of the issue: the figure's ratio (or value) must be at most / at least a bound.
struct Target: Encodable {
    enum Bound: String, Encodable { case atMost = "<=", atLeast = ">=" }
    var bound: Bound
    var value: Double
    var unit: Unit

    static func atMost(_ v: Double, _ u: Unit = .times) -> Target { Target(bound: .atMost, value: v, unit: u) }
    static func atLeast(_ v: Double, _ u: Unit = .times) -> Target { Target(bound: .atLeast, value: v, unit: u) }

    func met(by v: Double) -> Bool { bound == .atMost ? v <= value : v >= value }
    var text: String { "\(bound == .atMost ? "≤" : "≥") \(unit.format(value))\(unit.suffix)" }
}

/// One line of the report.
struct Figure: Encodable {
    var section: Int
    var key: String
    var name: String
    var value: Quantity
    var referenceName: String?
    var reference: Quantity?
    /// value ÷ reference, per round (or what the target is checked on, when there is no reference).
    var ratio: Quantity?
    var target: Target?
    var note: String?

    /// The number the target is checked against: the median ratio, else the median value.
    var checked: Double { (ratio ?? value).summary.median }
    var passed: Bool? { target.map { $0.met(by: checked) } }
    var result: String { passed.map { $0 ? "PASS" : "MISS" } ?? "info" }

    enum CodingKeys: String, CodingKey { case section, key, name, value, referenceName = "reference_name", reference, ratio, target, note, result }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(section, forKey: .section)
        try c.encode(key, forKey: .key)
        try c.encode(name, forKey: .name)
        try c.encode(value, forKey: .value)
        try c.encodeIfPresent(referenceName, forKey: .referenceName)
        try c.encodeIfPresent(reference, forKey: .reference)
        try c.encodeIfPresent(ratio, forKey: .ratio)
        try c.encodeIfPresent(target, forKey: .target)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encode(result, forKey: .result)
    }
}

/// The figures of one section and the one-line description of how they were measured.
struct Section {
    var number: Int
    var title: String
    var method: String
    var figures: [Figure] = []
}
