import MentorSyncEngine

/// The notices a page shows after an action (`?done=…`, `?left=…` on the address it redirects to)
/// are sealed to the session that made them: a link from anyone else (`/t/persons?done=Данные
/// удалены, позвоните …`) would show its own words in the green box as if the app had said them.
/// The seal is an HMAC-SHA-256 of the notices under the session's secret form token.
enum NoticeSeal {
    static let fields = ["done", "left"]

    static func seal(_ notices: [String: String], secret: String) -> String {
        let message = fields.map { notices[$0] ?? "" }.joined(separator: "\u{0}")
        return HMACSHA256.authenticate(Array(message.utf8), key: Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A redirect whose address carries notices gets their seal added.
    static func sealed(_ response: HTTPResponse, secret: String) -> HTTPResponse {
        guard let i = response.headers.firstIndex(where: { $0.0 == "Location" }), let q = response.headers[i].1.firstIndex(of: "?") else { return response }
        let location = response.headers[i].1
        let notices = HTTPRequest.decodeForm(String(location[location.index(after: q)...]))
        guard fields.contains(where: { notices[$0] != nil }) else { return response }
        var r = response
        r.headers[i].1 = location + "&" + query([("seal", seal(notices, secret: secret))])
        return r
    }

    /// The request with its notices only when sealed by this session; otherwise without them.
    static func verified(_ request: HTTPRequest, secret: String) -> HTTPRequest {
        guard fields.contains(where: { request.query[$0] != nil }) else { return request }
        if constantTimeEquals(Array((request.query["seal"] ?? "").utf8), Array(seal(request.query, secret: secret).utf8)) { return request }
        var r = request
        for f in fields { r.query[f] = nil }
        return r
    }
}
