import Foundation

/// Seconds on the monotonic clock.
enum Stopwatch {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `body` and returns how long it took, in seconds.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }
}

/// The median of several rounds and their spread.
struct Summary: Encodable {
    var median: Double
    var min: Double
    var max: Double
    /// Interquartile range (linear interpolation); equals min–max for fewer than 4 rounds.
    var q1: Double
    var q3: Double
    var rounds: Int

    init(_ values: [Double]) {
        precondition(!values.isEmpty, "a summary of nothing")
        let s = values.sorted()
        func quantile(_ q: Double) -> Double {
            let pos = q * Double(s.count - 1)
            let lo = Int(pos.rounded(.down)), hi = Int(pos.rounded(.up))
            return s[lo] + (s[hi] - s[lo]) * (pos - Double(lo))
        }
        median = quantile(0.5)
        min = s.first!
        max = s.last!
        q1 = s.count < 4 ? min : quantile(0.25)
        q3 = s.count < 4 ? max : quantile(0.75)
        rounds = s.count
    }

    init(single value: Double) { self.init([value]) }

    func map(_ f: (Double) -> Double) -> Summary {
        var r = self
        r.median = f(median); r.q1 = f(q1); r.q3 = f(q3)
        let a = f(min), b = f(max)
        r.min = Swift.min(a, b); r.max = Swift.max(a, b)
        if r.q1 > r.q3 { swap(&r.q1, &r.q3) }
        return r
    }
}

/// Timings of several sides, each run once per round, phase by phase.
struct Trials {
    /// side → phase → seconds, one per round
    private(set) var seconds: [String: [String: [Double]]] = [:]

    mutating func record(_ side: String, _ phase: String, _ value: Double) {
        seconds[side, default: [:]][phase, default: []].append(value)
    }

    func values(_ side: String, _ phase: String) -> [Double] { seconds[side]?[phase] ?? [] }

    /// Rows per second of `side` in `phase`, over the rounds.
    func rate(_ side: String, _ phase: String, rows: Int) -> Summary {
        Summary(values(side, phase).map { Double(rows) / $0 })
    }

    func time(_ side: String, _ phase: String) -> Summary { Summary(values(side, phase)) }

    /// The ratio of two sides' times measured in the same round, over the rounds: how many times
    /// longer `a` took than `b`. Pairing by round cancels most of the machine's drift.
    func timeRatio(_ a: (String, String), over b: (String, String)) -> Summary {
        let x = values(a.0, a.1), y = values(b.0, b.1)
        return Summary(zip(x, y).map { $0 / $1 })
    }
}

/// Runs every side once per round, rotating the order each round (A B C, B C A, C A B, …), so that
/// drift on a shared machine — other tenants, the page cache, frequency — falls on every side alike.
struct Alternation {
    var rounds: Int
    var label: String

    func run(sides: [String], _ body: (_ side: String, _ round: Int, _ record: (String, Double) -> Void) throws -> Void) rethrows -> Trials {
        var trials = Trials()
        for round in 0..<rounds {
            for k in 0..<sides.count {
                let side = sides[(k + round) % sides.count]
                Progress.note("\(label): round \(round + 1)/\(rounds), \(side)")
                try body(side, round) { phase, value in trials.record(side, phase, value) }
            }
        }
        return trials
    }
}

/// Progress lines on stderr, so stdout holds only the table or the JSON.
enum Progress {
    static func note(_ s: String) {
        FileHandle.standardError.write(Data("· \(s)\n".utf8))
    }
}
