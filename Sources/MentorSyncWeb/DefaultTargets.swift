import MentorSyncDomain
import MentorSyncEngine

/// On the indicators' page: the report's indicators that have no row of their own yet and are
/// judged against their default targets, each with a link to a form filled in with its code, title
/// and default target — so a coordinator sets the region's target by changing one number.
enum DefaultTargets {
    static func html(_ db: Database, _ ctx: PageContext) throws -> String {
        let missing = try IndicatorTarget.list(database: db).filter { $0.id == nil }
        guard !missing.isEmpty else { return "" }
        func plain(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x) }
        let rows = missing.map { i -> [String] in
            // The default with the roadmap it was taken after, as the report says it.
            let known = IndicatorCode(rawValue: i.code)
            let source = known.map { "<br><span class=\"muted\">\(esc($0.source))</span>" } ?? ""
            let target = (i.effectiveTarget.map { plain($0) + (i.unit == "count" ? "" : "%") } ?? "—") + source
            var fields = [("code", i.code), ("title", i.title ?? "")]
            if let unit = i.unit { fields.append(("unit", unit)) }
            if let t = i.effectiveTarget { fields.append(("target_value", plain(t))) }
            // The indicator by its title; its number in the report small beneath (its code is the machine's).
            let beneath = known.map { ctx.t(.webIndicatorInReport($0.number)) } ?? esc(i.code)
            return ["\(esc(i.title ?? i.code))<br><span class=\"muted\">\(beneath)</span>", target,
                    "<a href=\"\(esc("/t/indicators/edit?" + query(fields)))\">\(ctx.t(.webSetTarget))</a>"]
        }
        return "<h2>\(ctx.t(.webDefaultTargets))</h2><p class=\"muted\">\(ctx.t(.webDefaultTargetsWhy))</p>"
            + ctx.table([Message.webColumn("title", table: "indicators").text(ctx.language), Message.webDefaultTarget.text(ctx.language), ""], rows)
            + "<h2>\(ctx.t(.webTargetsSet))</h2>"
    }
}
