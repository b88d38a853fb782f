/// Why a bundle was refused. Each case reads as one line a coordinator can act on.
public enum BundleError: Error, Equatable, CustomStringConvertible, Sendable {
    case notABundle(String)
    case unsupportedFormat(Int)
    case malformed(String)
    case limitExceeded(String)
    case damaged(String)
    case badSignature(sender: String)
    case unknownSender(String)
    case misaddressed(recipient: String, expected: String)
    case unsupportedSchema(Int, supported: Int)
    case revoked(sender: String, since: String)
    case expiredKey(sender: String, until: String)
    /// Signed with the key a school had when its enrollment was revoked, the school since enrolled
    /// again with a new one: the lost or stolen computer, or the school's own before it installs the
    /// new enrollment file (it cannot read the district's replies until then, and learns so there).
    case revokedKey(sender: String, revokedOn: String)
    case io(String)

    public var description: String {
        switch self {
        case .notABundle(let why): return "not a mentorsync bundle: \(why)"
        case .unsupportedFormat(let v): return "bundle format version \(v) is newer than this program understands; upgrade mentorsync"
        case .malformed(let why): return "bundle is malformed: \(why)"
        case .limitExceeded(let why): return "bundle exceeds a safety limit: \(why)"
        case .damaged(let why): return "bundle is damaged or incomplete (\(why)); copy it again from the school"
        case .badSignature(let sender): return "signature does not match the key enrolled for \(sender); re-enroll the school or check the stick"
        case .unknownSender(let sender): return "bundle comes from '\(sender)', which is not enrolled here"
        case .misaddressed(let recipient, let expected): return "bundle is addressed to '\(recipient)', not to '\(expected)'"
        case .unsupportedSchema(let v, let supported): return "bundle uses registry schema version \(v), newer than this program's \(supported); upgrade mentorsync"
        case .revoked(let sender, let since):
            return "school \(sender) was revoked on \(since.prefix(10)) and its bundles are refused; if its computer is safe again, re-enroll the school and install the new enrollment file there"
        case .expiredKey(let sender, let until):
            return "bundle is signed with \(sender)'s previous key, no longer accepted since \(until.prefix(10)); install the school's new enrollment file there with 'mentorsync-school rekey --enroll FILE'"
        case .revokedKey(let sender, let on):
            return "bundle is signed with the key \(sender) had when it was revoked on \(on.prefix(10)): a file from the lost or stolen computer, or the school has not yet installed its new enrollment file ('mentorsync-school rekey --enroll FILE')"
        case .io(let why): return "cannot read or write the bundle: \(why)"
        }
    }

    /// A short machine-readable code for logs and JSON.
    public var code: String {
        switch self {
        case .notABundle: return "not_a_bundle"
        case .unsupportedFormat: return "unsupported_format"
        case .malformed: return "malformed"
        case .limitExceeded: return "limit_exceeded"
        case .damaged: return "damaged"
        case .badSignature: return "bad_signature"
        case .unknownSender: return "unknown_sender"
        case .misaddressed: return "misaddressed"
        case .unsupportedSchema: return "unsupported_schema"
        case .revoked: return "revoked"
        case .expiredKey: return "expired_key"
        case .revokedKey: return "revoked_key"
        case .io: return "io"
        }
    }
}

extension BundleError {
    /// What is wrong with a damaged bundle, in the words `damaged` carries (a fixed set, so the
    /// reader's language can tell each; `corruptBody` is followed by zlib's own words).
    public enum Damage: String, CaseIterable, Sendable {
        case shorterThanHeader = "file is shorter than its header says"
        case headerCut = "header is cut short"
        case tooShortForBody = "file is too short for its body"
        case bodyEndsEarly = "compressed body ends early"
        case corruptBody = "compressed body is corrupt: "
        case endedWhileReading = "file ended while reading"
        case noEndMarker = "the end marker is missing"
        case checksum = "checksum mismatch"

        public var text: String { rawValue }

        /// The damage a `damaged` text names (for `corruptBody`, zlib's words follow).
        public init?(text: String) {
            if text.hasPrefix(Damage.corruptBody.rawValue) { self = .corruptBody; return }
            guard let d = Damage(rawValue: text) else { return nil }
            self = d
        }
    }

    static func damaged(_ d: Damage) -> BundleError { .damaged(d.text) }
}

