import MentorSyncDomain

/// The indicator report as `report --format html` writes it, served inside the app: a way back to
/// the app's pages on top (not printed), and a policy that lets the report's own inline styles
/// apply while nothing runs (it holds no script).
enum ReportPage {
    static let policy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'"

    static func response(_ report: IndicatorReport, _ ctx: PageContext) -> HTTPResponse {
        var html = report.htmlPage()
        let back = "<style>@media print{.app-back{display:none}}</style><p class=\"app-back\"><a href=\"/\">← \(ctx.t(.webBackToApp))</a></p>"
        if let body = html.range(of: "<body>") { html.insert(contentsOf: back, at: body.upperBound) }
        return HTTPResponse(html: html, headers: [("Content-Security-Policy", policy)])
    }
}
