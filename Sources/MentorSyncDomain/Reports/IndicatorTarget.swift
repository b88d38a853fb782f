import MentorSyncEngine

/// An indicator and its target, as the `indicators` list shows it: every row of the `indicators`
/// table (edit them with `put indicators --id ID --set target_value=…`), then every indicator the
/// report computes that has no row yet, with the default target of its source document.
public struct IndicatorTarget: Codable, Equatable, Sendable {
    /// The row id; nil for a built-in indicator that has no row.
    public var id: String?
    public var orgId: String?
    public var code: String
    public var title: String?
    public var unit: String?
    public var targetValue: Double?
    public var targetText: String?
    public var formula: String?
    /// Whether `report` computes this indicator (its code is an `IndicatorCode`).
    public var computed: Bool
    /// The target the report applies: the row's `target_value`, else the default; nil when not computed.
    public var effectiveTarget: Double?

    enum CodingKeys: String, CodingKey {
        case id, orgId = "org_id", code, title, unit, targetValue = "target_value", targetText = "target_text", formula,
             computed, effectiveTarget = "effective_target"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(orgId, forKey: .orgId); try c.encode(code, forKey: .code)
        try c.encode(title, forKey: .title); try c.encode(unit, forKey: .unit); try c.encode(targetValue, forKey: .targetValue)
        try c.encode(targetText, forKey: .targetText); try c.encode(formula, forKey: .formula)
        try c.encode(computed, forKey: .computed); try c.encode(effectiveTarget, forKey: .effectiveTarget)
    }

    /// The rows of `indicators` ordered by code, then the built-in indicators that have no row.
    public static func list(database: Database) throws -> [IndicatorTarget] {
        guard try database.tableExists("indicators") else {
            throw ReportError.notARegistry(path: database.path, missingTable: "indicators")
        }
        var seen = Set<IndicatorCode>()
        var result: [IndicatorTarget] = []
        // The first row of a code (by id) sets the report's target, as in ReportQueries.targets().
        var firstTarget: [IndicatorCode: Double] = [:]
        let rows = try database.rows("SELECT id, org_id, code, title, unit, target_value, target_text, formula FROM indicators ORDER BY id")
        for r in rows {
            guard let code = IndicatorCode(rawValue: r[2].displayText), firstTarget[code] == nil else { continue }
            switch r[5] {
            case .real(let d): firstTarget[code] = d
            case .integer(let i): firstTarget[code] = Double(i)
            default: break
            }
        }
        for r in rows {
            func text(_ v: DatabaseValue) -> String? { v.isNull ? nil : v.displayText }
            let value: Double?
            switch r[5] {
            case .real(let d): value = d
            case .integer(let i): value = Double(i)
            default: value = nil
            }
            let code = IndicatorCode(rawValue: r[2].displayText)
            if let code { seen.insert(code) }
            result.append(IndicatorTarget(id: r[0].displayText, orgId: r[1].displayText, code: r[2].displayText, title: text(r[3]) ?? code?.title,
                                          unit: text(r[4]), targetValue: value, targetText: text(r[6]), formula: text(r[7]),
                                          computed: code != nil, effectiveTarget: code.flatMap { firstTarget[$0] ?? $0.defaultTarget }))
        }
        result.sort { RoadmapEvent.codeKey($0.code) == RoadmapEvent.codeKey($1.code)
            ? ($0.code, $0.id ?? "") < ($1.code, $1.id ?? "")
            : RoadmapEvent.codeKey($0.code).lexicographicallyPrecedes(RoadmapEvent.codeKey($1.code)) }
        for code in IndicatorCode.allCases where !seen.contains(code) {
            result.append(IndicatorTarget(id: nil, orgId: nil, code: code.rawValue, title: code.title, unit: code.unit.rawValue,
                                          targetValue: nil, targetText: nil, formula: nil, computed: true,
                                          effectiveTarget: code.defaultTarget))
        }
        return result
    }

    /// The list as aligned text.
    public static func tableText(_ targets: [IndicatorTarget]) -> String {
        var t = TextTable(["Код", "Показатель", "Цель", "Цель (текст)", "В отчёте", "id"],
                          alignments: [.left, .left, .right, .left, .left, .left])
        for i in targets {
            let title = (i.title ?? "").count > 70 ? String((i.title ?? "").prefix(69)) + "…" : (i.title ?? "")
            let target = i.targetValue.map { ReportText.number($0) + (i.unit == "count" ? "" : "%") } ?? ""
            let effective = i.effectiveTarget.map { ReportText.number($0) + (i.unit == "count" ? "" : "%") } ?? "—"
            let used = i.computed ? "да, цель \(effective)" : "нет"
            t.add([i.code, title, target, i.targetText ?? "", used, i.id ?? "(нет строки: цель по умолчанию)"])
        }
        return t.render() + "\n"
    }
}
