import Foundation

/// The logins of one client address go one at a time (DESIGN.md: a failed login waits about a
/// second): a fixed set of locks, an address taking one by its hash, so memory stays bounded
/// whoever connects. Two addresses that share a lock only wait for each other's failures.
final class LoginGates: @unchecked Sendable {
    private let locks = (0..<256).map { _ in NSLock() }

    /// `peer`: the IPv4 address in network byte order.
    func gate(_ peer: UInt32) -> NSLock {
        // Knuth's multiplicative hash: neighbours on one network land on different locks.
        locks[Int((UInt32(bigEndian: peer) &* 2_654_435_761) >> 24)]
    }
}
