import Dispatch
import Foundation

/// Signals taken by dispatch sources, the Linux way, with no moment they are lost. libdispatch
/// takes a signal over on a thread of its own some time after its source is resumed; until then
/// a signal set to be ignored was lost — `systemctl stop` on a busy machine, and the daemon merged
/// on; a web app stopped just after it printed its address, and it served on. So the signals are
/// blocked in the calling thread (and in the threads it starts after) first: one sent meanwhile
/// waits. `install` returns once libdispatch holds each of them.
public enum SignalSources {
    public static let stop: [(Int32, String)] = [(SIGTERM, "TERM"), (SIGINT, "INT")]

    /// A source for each of `signals`; `handler` gets the signal's name and its source (whose
    /// `data` counts the signals coalesced into one call). Keep the sources as long as they serve.
    public static func install(_ signals: [(Int32, String)] = stop,
                               handler: @escaping (_ name: String, _ source: DispatchSourceSignal) -> Void) -> [DispatchSourceSignal] {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for (sig, _) in signals { sigaddset(&blocked, sig) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        let sources = signals.map { sig, name -> DispatchSourceSignal in
            signal(sig, SIG_IGN)  // the default action (exit at once) never runs
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { handler(name, source) }
            source.resume()
            return source
        }
        let deadline = Date().addingTimeInterval(10)
        while !signals.allSatisfy({ handled($0.0) }), Date() < deadline { usleep(1000) }
        return sources
    }

    /// Whether a handler other than the default or «ignore» holds `sig` now (libdispatch's, once
    /// it has taken the signal over).
    public static func handled(_ sig: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(sig, nil, &current) == 0 else { return false }
        let handler = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        return handler != unsafeBitCast(SIG_IGN, to: Int.self) && handler != unsafeBitCast(SIG_DFL, to: Int.self)
    }
}

/// SIGTERM or SIGINT, held from the moment it is made (before a server says where it listens),
/// waited for later.
public final class StopSignals: @unchecked Sendable {
    // Sendable by its parts: the semaphore is thread-safe; `sources` is set once, in `init`.
    private let stopped = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []

    public init() {
        sources = SignalSources.install { [stopped] _, _ in stopped.signal() }
    }

    /// Blocks until one of them comes.
    public func wait() {
        stopped.wait()
        sources.forEach { $0.cancel() }
    }
}
