import Foundation
import MentorSyncDomain

/// The indicator report as `report --format html` writes it, served inside the app: on top (not
/// printed) a way back to the app's pages, the school year to show — the one that ended matters in
/// August and after, when the report goes to the region — and the same report as an Excel workbook.
/// A policy lets the report's own inline styles apply while nothing runs (it holds no script).
/// At the district, one school's report too (`site`), to print or send it that school.
/// Paths: /report?period=2025-2026[&site=s017], /report.xlsx?period=2025-2026[&site=s017].
enum ReportPage {
    static let policy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
    /// School years offered: this one and the four before it.
    static let yearsOffered = 5

    /// `schools`: the schools a report may be asked for alone (the district's; none at a school).
    static func respond(_ r: HTTPRequest, _ ctx: PageContext, schools: [(site: String, name: String)] = [],
                        report make: (SchoolYear, String?) throws -> IndicatorReport) throws -> HTTPResponse? {
        guard r.method == "GET" || r.method == "HEAD", r.path == "/report" || r.path == "/report.xlsx" else { return nil }
        let period = try r.query["period"].map { try SchoolYear.parse($0) } ?? .current
        // At a school (no schools to choose) the report is the school's own, whatever the address says.
        let site = r.query["site"].flatMap { s in s.isEmpty || schools.isEmpty ? nil : s }
        // A school's code the registry does not hold (an address typed by hand) is said, not shown as
        // the municipality's report; the report itself knows which codes it holds (a revoked school's too).
        let report: IndicatorReport
        do {
            report = try make(period, site)
        } catch let e as ReportError where e == .unknownSite(site ?? "") {
            var ctx = ctx
            ctx.title = Message.webReport.text(ctx.language)
            return HTTPResponse(status: 404, html: ctx.page("<p><a href=\"/report\">\(ctx.t(.webReportAllSchools))</a></p>",
                                                            error: Message.webReportUnknownSchool(site ?? "").text(ctx.language)))
        }
        if r.path == "/report.xlsx" {
            let name = "report-\(period)\(site.map { "-\($0)" } ?? "").xlsx"
            return HTTPResponse(contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: Array(try report.xlsxData()),
                                headers: [("Content-Disposition", "attachment; filename=\"\(name)\"")])
        }
        return response(report, period, site: site, schools: schools, ctx)
    }

    static func response(_ report: IndicatorReport, _ period: SchoolYear, site: String? = nil, schools: [(site: String, name: String)] = [],
                         _ ctx: PageContext) -> HTTPResponse {
        var html = report.htmlPage()
        let current = SchoolYear.current
        var years = (0..<yearsOffered).map { SchoolYear(startYear: current.startYear - $0) }
        if !years.contains(period) { years.append(period) }   // a year asked for by its address
        let options = years.map { "<option value=\"\($0)\"\($0 == period ? " selected" : "")>\($0)</option>" }.joined()
        // The district: the whole municipality, or one school.
        let schoolChoice = schools.isEmpty ? "" : "<label>\(ctx.t(.webReportSchool)) <select name=\"site\"><option value=\"\">\(ctx.t(.webReportAllSchools))</option>"
            + schools.map { "<option value=\"\(esc($0.site))\"\($0.site == site ? " selected" : "")>\(esc($0.name))</option>" }.joined() + "</select></label>"
        let bar = """
            <style>.app-bar{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:0 0 1rem}.app-bar select,.app-bar button{font:inherit;padding:.2rem .5rem}\
            @media print{.app-bar{display:none}}</style>\
            <form class="app-bar" method="get" action="/report"><a href="/">← \(ctx.t(.webBackToApp))</a>\
            <label>\(ctx.t(.webReportYear)) <select name="period">\(options)</select></label>\(schoolChoice)<button>\(ctx.t(.webReportShow))</button>\
            <a href="\(esc("/report.xlsx?" + query([("period", "\(period)")] + (site.map { [("site", $0)] } ?? []))))">\(ctx.t(.webReportExcel))</a></form>
            """
        if let body = html.range(of: "<body>") { html.insert(contentsOf: bar, at: body.upperBound) }
        return HTTPResponse(html: html, headers: [("Content-Security-Policy", policy)])
    }
}
