extension BundleError {
    /// The error a `description` says, read back from its line (a district tells a school why it
    /// refused a bundle with this line, and keeps it in its own records): so the reader can be told
    /// in the reader's language. Nil for any other text.
    public init?(description text: String) {
        func between(_ prefix: String, _ suffix: String = "") -> String? { text.between(prefix, suffix) }
        func pair(_ s: String, _ separator: String) -> (String, String)? {
            guard let r = s.range(of: separator) else { return nil }
            return (String(s[..<r.lowerBound]), String(s[r.upperBound...]))
        }
        if let why = between("not a mentorsync bundle: ") { self = .notABundle(why) }
        else if let v = between("bundle format version ", " is newer than this program understands; upgrade mentorsync"), let n = Int(v) { self = .unsupportedFormat(n) }
        else if let why = between("bundle is malformed: ") { self = .malformed(why) }
        else if let why = between("bundle exceeds a safety limit: ") { self = .limitExceeded(why) }
        else if let why = between("bundle is damaged or incomplete (", "); copy it again from the school") { self = .damaged(why) }
        else if let s = between("signature does not match the key enrolled for ", "; re-enroll the school or check the stick") { self = .badSignature(sender: s) }
        else if let s = between("bundle comes from '", "', which is not enrolled here") { self = .unknownSender(s) }
        else if let s = between("bundle is addressed to '", "'"), let (r, e) = pair(s, "', not to '") { self = .misaddressed(recipient: r, expected: e) }
        else if let s = between("bundle uses registry schema version ", "; upgrade mentorsync"), let (v, rest) = pair(s, ", newer than this program's "),
                let n = Int(v), let m = Int(rest) { self = .unsupportedSchema(n, supported: m) }
        else if let s = between("school ", " and its bundles are refused; if its computer is safe again, re-enroll the school and install the new enrollment file there"),
                let (sender, since) = pair(s, " was revoked on ") { self = .revoked(sender: sender, since: since) }
        else if let s = between("bundle is signed with ", "; install the school's new enrollment file there with 'mentorsync-school rekey --enroll FILE'"),
                let (sender, until) = pair(s, "'s previous key, no longer accepted since ") { self = .expiredKey(sender: sender, until: until) }
        else if let s = between("bundle is signed with the key ", ": a file from the lost or stolen computer, or the school has not yet installed its new enrollment file ('mentorsync-school rekey --enroll FILE')"),
                let (sender, on) = pair(s, " had when it was revoked on ") { self = .revokedKey(sender: sender, revokedOn: on) }
        else if let why = between("cannot read or write the bundle: ") { self = .io(why) }
        else { return nil }
    }
}
