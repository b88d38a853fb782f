import Dispatch
import Foundation
import MentorSyncDomain

/// Signals of `serve`, the Linux way: the default action ignored first, then a dispatch source.
/// The first SIGTERM or SIGINT sets the daemon's stop flag (the bundle in hand is finished, then
/// it exits 0); a second one exits at once with status 1 — the interrupted merge is one SQLite
/// transaction, so SQLite rolls it back and nothing is half-applied.
enum DaemonSignals {
    /// Installs the handlers; keep the returned sources alive as long as the daemon runs.
    /// libdispatch takes each signal over on a thread of its own some time after its source is
    /// resumed (on a busy machine, after the daemon's first bundle was under way): until then the
    /// signal was ignored, and a SIGTERM then was lost. So the signals are blocked in this thread —
    /// and in the threads it starts — before, a signal meanwhile waits instead of being ignored,
    /// and `install` returns once each signal is taken over.
    static func install(stop: StopFlag, log: EventLog, signals: [(Int32, String)] = [(SIGTERM, "TERM"), (SIGINT, "INT")]) -> [DispatchSourceSignal] {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for (sig, _) in signals { sigaddset(&blocked, sig) }
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        let sources = signals.map { sig, name in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                // Signals that arrive before the handler runs are coalesced into one call; `data` counts them.
                if stop.isSet || source.data > 1 {
                    log.event("serve_aborted", ["reason": "second signal", "signal": name])
                    _exit(1)
                }
                log.event("stop_requested", ["signal": name])
                stop.set()
            }
            source.resume()
            return source
        }
        let deadline = Date().addingTimeInterval(10)
        while !signals.allSatisfy({ handled($0.0) }), Date() < deadline { usleep(1000) }
        return sources
    }

    /// Whether a handler other than the default or «ignore» holds `sig` now (libdispatch's, once it
    /// has taken the signal over).
    static func handled(_ sig: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(sig, nil, &current) == 0 else { return false }
        let handler = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        return handler != unsafeBitCast(SIG_IGN, to: Int.self) && handler != unsafeBitCast(SIG_DFL, to: Int.self)
    }
}
