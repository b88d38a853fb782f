import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// The web app's passwords, kept in `web-passwords` in the home (never in registry.db):
/// one line per user, `name:iterations:salt-hex:hash-hex`, the hash PBKDF2-HMAC-SHA256.
public struct WebPasswords {
    public static let iterations = 20_000
    public let file: URL

    public init(home: URL) { file = home.appendingPathComponent("web-passwords") }

    struct Entry { var user: String; var iterations: Int; var salt: [UInt8]; var hash: [UInt8] }

    func entries() -> [Entry] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, let n = Int(f[1]), let salt = Hex.decode(f[2]), let hash = Hex.decode(f[3]) else { return nil }
            return Entry(user: f[0], iterations: n, salt: salt, hash: hash)
        }
    }

    public var isEmpty: Bool { entries().isEmpty }

    /// Sets (or replaces) the password of `user`; the file is written whole and readable by its owner only.
    public func set(user: String, password: String) throws {
        guard !user.isEmpty, !user.contains(":"), !user.contains("\n") else { throw WebError(.webBadUser) }
        guard password.count >= 8 else { throw WebError(.webShortPassword) }
        let salt = WebRandom.bytes(16)
        let hash = Self.pbkdf2(Array(password.utf8), salt: salt, iterations: Self.iterations)
        var lines = entries().filter { $0.user != user }.map { "\($0.user):\($0.iterations):\(Hex.encode($0.salt)):\(Hex.encode($0.hash))" }
        lines.append("\(user):\(Self.iterations):\(Hex.encode(salt)):\(Hex.encode(hash))")
        let tmp = file.appendingPathExtension("tmp")
        guard FileManager.default.createFile(atPath: tmp.path, contents: Data((lines.joined(separator: "\n") + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]),
              rename(tmp.path, file.path) == 0 else {
            throw WebError(.webCannotWrite(file.path, String(cString: strerror(errno))))
        }
    }

    /// Whether `password` is the password of `user` (compared in constant time).
    /// A name nobody has costs the same work as a wrong password (a hash of a stand-in entry), so
    /// the time of the answer does not tell a stranger which user names exist.
    public func check(user: String, password: String) -> Bool {
        let found = entries().first(where: { $0.user == user })
        let e = found ?? Self.standIn
        let matches = constantTimeEquals(Self.pbkdf2(Array(password.utf8), salt: e.salt, iterations: e.iterations), e.hash)
        return found != nil && matches
    }

    /// What an unknown name is checked against: the work of a real entry, matching no password.
    static let standIn = Entry(user: "", iterations: iterations, salt: [UInt8](repeating: 0, count: 16), hash: [UInt8](repeating: 0, count: 32))

    /// What a session remembers of the password it was opened with (its salt, new with every
    /// `web-password`): nil when the user has none.
    public func credential(of user: String) -> String? {
        entries().first(where: { $0.user == user }).map { Hex.encode($0.salt) }
    }

    /// PBKDF2 (RFC 8018) with HMAC-SHA256, one 32-byte block.
    static func pbkdf2(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        var u = HMACSHA256.authenticate(salt + [0, 0, 0, 1], key: password)
        var out = u
        for _ in 1..<max(iterations, 1) {
            u = HMACSHA256.authenticate(u, key: password)
            for i in 0..<out.count { out[i] ^= u[i] }
        }
        return out
    }
}

/// Random bytes from the kernel, for session ids, tokens and salts.
enum WebRandom {
    static func bytes(_ n: Int) -> [UInt8] {
        RandomBytes.make(n)
    }

    static func token() -> String { Hex.encode(bytes(32)) }
}
