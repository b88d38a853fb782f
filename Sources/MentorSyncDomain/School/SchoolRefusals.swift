import Foundation
import MentorSyncEngine

extension SchoolHome {
    /// A rejection the district sent, as the school's user reads it: a refused row by its name and
    /// table, why, and what to do (Protocol/bundle.md words these reasons; `RefusalReason` reads
    /// them); a refused bundle with its reason in the user's language when it is a bundle error;
    /// any other reason as the district wrote it. The one source of these lines for `sync`,
    /// `import`, `status` and the web app.
    public func refusalMessage(bundle: String, reason: String) -> Message {
        guard let refused = RefusalReason(text: reason) else { return .districtRefused(bundle, reason: .reason(reason)) }
        let names = ReferenceResolver(database: database)
        return .refusal(refused, to: .school, row: { (try? names.labelOrShortID($1, in: $0)) ?? ReferenceResolver.shortID($1) },
                        owner: { ((try? names.label(of: $0, in: "organizations")) ?? nil) ?? $0 })
    }
}
