/// Where a full exchange with one peer stands: whether this site owes the peer everything it
/// should hold, and whether it has asked the peer for everything. Kept per peer in `msync_peers`
/// (`full_out`, `full_out_through`, `full_requested_at`); every change goes through the
/// transitions below, so the whole state machine is here.
///
/// - `orderFullExchange` (a resync, a restore): owed, and asked for.
/// - the peer asks (a school's `wantsFull` flag, a district's `resync` command): owed, unless
///   a full exchange is under way already.
/// - a full bundle is written: a school's debt is paid (`none`); a district's becomes
///   `sent(through:)` with the first full reply's counter, and its replies stay full until the
///   school's knowledge covers it, so a lost reply is made good by the next one.
/// - a full bundle of the peer is merged: the request is answered.
public struct FullExchange: Equatable, Sendable {
    public enum Outgoing: Equatable, Sendable {
        /// Bundles carry what the peer has not acknowledged.
        case none
        /// The next bundle carries everything the peer should hold.
        case owed
        /// A full bundle claiming this site's writes up to `through` went out; until the peer's
        /// knowledge covers it, every bundle is full.
        case sent(through: Int64)
    }

    public var outgoing: Outgoing = .none
    /// Since when (a timestamp) this site has asked the peer for a full copy; nil when it has not.
    public var requestedSince: String?

    public init(outgoing: Outgoing = .none, requestedSince: String? = nil) {
        self.outgoing = outgoing
        self.requestedSince = requestedSince
    }

    /// True while bundles for the peer carry everything.
    public var sendsFull: Bool { outgoing != .none }
    public var isRequested: Bool { requestedSince != nil }

    mutating func order(at time: String) {
        outgoing = .owed
        requestedSince = time
    }

    mutating func request(at time: String) {
        if requestedSince == nil { requestedSince = time }
    }

    mutating func peerAsked() {
        if outgoing == .none { outgoing = .owed }
    }

    /// A district keeps the claim of the first full reply: a school that merged any full reply
    /// knows at least that much. Raised to each later one, it ran ahead of the school for good on
    /// a courier's round (the school sends before it takes the reply, so its bundle knows one reply
    /// less) whenever the district wrote between visits: every reply stayed full.
    mutating func wroteFull(through counter: Int64, role: Replica.Role) {
        switch outgoing {
        case .none: return
        case .sent: if role == .district { return }
        case .owed: break
        }
        outgoing = role == .district ? .sent(through: counter) : .none
    }

    mutating func merged(full: Bool, theirKnowledgeOfUs: Int64) {
        if full { requestedSince = nil }
        if case .sent(let through) = outgoing, theirKnowledgeOfUs >= through { outgoing = .none }
    }

    // Stored as three columns.
    init(code: Int64, through: Int64?, requestedSince: String?) {
        switch code {
        case 1: outgoing = .owed
        case 2: outgoing = .sent(through: through ?? 0)
        default: outgoing = .none
        }
        self.requestedSince = requestedSince
    }

    var code: Int64 {
        switch outgoing { case .none: return 0; case .owed: return 1; case .sent: return 2 }
    }

    var through: Int64? {
        if case .sent(let t) = outgoing { return t }
        return nil
    }
}
