import MentorSyncDomain

/// The one escaping function of the web app: every value that reaches a page goes through it.
public func esc(_ s: String) -> String { htmlEscaped(s) }

/// A query string with its values percent-encoded (then escaped where it goes into HTML).
func query(_ items: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
}

/// What every page shares: the language, the session's token, the navigation.
struct PageContext {
    var language: Language
    var csrf: String
    var title: String
    var nav: [(href: String, label: String)]
    var loggedIn: String?
    /// The rows' names, shared between requests while nothing changed.
    var names: WebNames

    func t(_ m: Message) -> String { esc(m.text(language)) }

    /// A form that posts to `action`, the session's token in its URL so it is checked before the body is read.
    func form(_ action: String, _ inner: String, multipart: Bool = false, cssClass: String? = nil) -> String {
        let sep = action.contains("?") ? "&" : "?"
        return "<form\(cssClass.map { " class=\"\($0)\"" } ?? "") method=\"post\" action=\"\(esc(action + sep + query([("csrf", csrf)])))\"\(multipart ? " enctype=\"multipart/form-data\"" : "")>\(inner)</form>"
    }

    /// The whole page around `body`.
    /// `warning`: what is done but still wants her attention (amber, between a notice and an error).
    func page(_ body: String, notice: String? = nil, warning: String? = nil, error: String? = nil) -> String {
        let links = nav.map { "<a href=\"\(esc($0.href))\">\(esc($0.label))</a>" }.joined(separator: " ")
        var html = "<!doctype html><html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>\(esc(title))</title>"
        // Who logged in can end her session (the next person at a shared computer finds the login).
        let logout = loggedIn.map { user in
            form("/logout", "<span>\(esc(user))</span> <button class=\"secondary\">\(t(.webLogout))</button>", cssClass: "logout")
        } ?? ""
        html += "<link rel=\"stylesheet\" href=\"/style.css\"></head><body><header><nav>\(links)</nav>\(logout)</header><main>"
        html += "<h1>\(esc(title))</h1>"
        if let notice { html += "<p class=\"notice\">\(esc(notice))</p>" }
        if let warning { html += "<p class=\"caution\" role=\"status\">\(esc(warning))</p>" }
        if let error { html += "<p class=\"error\" role=\"alert\">\(esc(error))</p>" }
        return html + body + "</main></body></html>"
    }

    /// A table of already escaped cells.
    func table(_ headers: [String], _ rows: [[String]]) -> String {
        // A table of names and values (all headings empty) has no heading row: an empty one would show as a grey bar.
        let heading = headers.allSatisfy(\.isEmpty) ? "" : "<thead><tr>" + headers.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead>"
        var h = "<div class=\"scroll\"><table>" + heading + "<tbody>"
        // Each cell carries its column's title, so a phone shows a row as a card of labelled lines.
        for r in rows {
            h += "<tr>" + r.enumerated().map { i, cell in
                let label = i < headers.count && !headers[i].isEmpty ? " data-label=\"\(esc(headers[i]))\"" : ""
                return "<td\(label)>\(cell)</td>"
            }.joined() + "</tr>"
        }
        return h + "</tbody></table></div>"
    }
}

import Foundation
