import Foundation
import MentorSyncEngine

extension SchoolHome {
    /// A rejection the district sent, as the school's user reads it: a refused row by its name and
    /// table, why, and what to do (Protocol/bundle.md words these reasons; `RefusalReason` reads
    /// them); a refused bundle with its reason in the user's language when it is a bundle error;
    /// any other reason as the district wrote it. The one source of these lines for `sync`,
    /// `import`, `status` and the web app.
    public func refusalMessage(bundle: String, reason: String) -> Message {
        // A bundle that reached the district damaged: the school has nothing to copy again — every
        // later bundle carries what the district has not confirmed, this one's changes among them.
        if case .damaged(let why)? = BundleError(description: reason) { return .districtGotDamaged(bundle, why: why) }
        guard let refused = RefusalReason(text: reason) else { return .districtRefused(bundle, reason: .reason(reason)) }
        let names = ReferenceResolver(database: database)
        return .refusal(refused, to: .school, row: { (try? names.labelOrShortID($1, in: $0)) ?? ReferenceResolver.shortID($1) },
                        owner: { ((try? names.label(of: $0, in: "organizations")) ?? nil) ?? $0 })
    }
}

extension SchoolHome {
    /// A refused file (not a row: a file that failed its checks) that the district's newest reply no
    /// longer repeats is settled: the district repeats such a file only until a bundle of the school's
    /// own is accepted after it — it was a stranger's (another district's school of the same code, a
    /// forgery), or is old news. Status said «подключите школу заново» for 60 days.
    func settleFileRefusalsNoLongerTold(_ told: [BundleHeader.Rejection]) throws {
        let still = Set(told.map { [$0.bundle, $0.reason] })
        for r in try database.rows("SELECT bundle, reason FROM school_rejections WHERE NOT settled") {
            let (bundle, reason) = (r[0].displayText, r[1].displayText)
            guard BundleError(description: reason) != nil, !still.contains([bundle, reason]) else { continue }
            try database.execute("UPDATE school_rejections SET settled = 1 WHERE bundle = ? AND reason = ?", [.text(bundle), .text(reason)])
        }
    }
}

/// True when a reason the district sent is a bundle that reached it damaged.
func isDamagedBundle(_ reason: String) -> Bool {
    if case .damaged? = BundleError(description: reason) { return true }
    return false
}
