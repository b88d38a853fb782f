import Foundation
import MentorSyncDomain

/// «Помощь»: the year as the deputy head (school) or the methodologist (district) lives it, each
/// part with links to the pages it names.
enum HelpPage {
    typealias Part = (heading: Message, text: Message, pages: [String])

    static let school: [Part] = [
        (.helpWeekly, .helpWeeklyText, ["/sync"]),
        (.helpLists, .helpListsText, ["/import", "/t/persons"]),
        (.helpPairs, .helpPairsText, ["/t/pairs", "/t/plans", "/t/meetings"]),
        (.helpMay, .helpMayText, ["/t/surveys", "/report"]),
        (.helpAgenda, .helpAgendaText, ["/"]),
        (.helpTrouble, .helpTroubleText, ["/status"]),
    ]

    static let district: [Part] = [
        (.helpMorning, .helpMorningText, ["/"]),
        (.helpConflicts, .helpConflictsText, ["/conflicts"]),
        (.helpNetwork, .helpNetworkText, ["/t/mentors"]),
        (.helpRoadmap, .helpRoadmapText, ["/t/events", "/t/indicators"]),
        (.helpAugust, .helpAugustText, ["/report"]),
        (.helpNewSchool, .helpNewSchoolText, ["/enroll"]),
        (.helpBroken, .helpBrokenText, ["/"]),
    ]

    static func respond(_ parts: [Part], _ ctx: PageContext, nav: [(href: String, label: String)]) -> HTTPResponse {
        var ctx = ctx
        ctx.title = Message.webHelp.text(ctx.language)
        let label = Dictionary(nav.map { ($0.href, $0.label) }, uniquingKeysWith: { a, _ in a })
        let body = parts.map { part in
            let links = part.pages.compactMap { href in label[href].map { "<a href=\"\(esc(href))\">\(esc($0))</a>" } }.joined(separator: " · ")
            return "<h2>\(ctx.t(part.heading))</h2><p>\(ctx.t(part.text))</p>" + (links.isEmpty ? "" : "<p class=\"muted\">\(links)</p>")
        }.joined()
        return HTTPResponse(html: ctx.page(body))
    }
}
