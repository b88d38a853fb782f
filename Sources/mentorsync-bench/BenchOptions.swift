import Foundation

/// Command-line options of `mentorsync-bench`.
struct BenchOptions {
    var quick = false
    var json = false
    var markdown = false
    /// N: rows of the capture, export and merge sections.
    var rows = 100_000
    /// K: rounds of every side-by-side comparison.
    var rounds = 5
    var sections: Set<Int> = [1, 2, 3, 4, 5, 6, 7, 8]
    var memoryRows = 1_000_000
    var schools = 100
    var schoolRows = 5_000
    var dailyRows = 50
    /// M: rows the district already holds in the large-district section.
    var districtRows = 500_000
    /// Where the scratch databases and bundles go (removed afterwards unless --keep).
    var directory = FileManager.default.temporaryDirectory.path
    var keep = false
    /// Also write the JSON figures to this file (the table still goes to stdout).
    var save: String?

    static let usage = """
        usage: mentorsync-bench [--quick] [--json | --markdown] [--rows N] [--rounds K] [--sections 1,2,3,4,5,6,7,8]
                                [--memory-rows M] [--schools S] [--school-rows R] [--daily-rows D] [--district-rows M]
                                [--dir DIR] [--keep] [--save FILE]
          --quick        a smoke run (CI): N = 2,000, 3 rounds, memory on 50,000 rows, 10 schools × 500 rows,
                         a district of 20,000 rows
          --json         machine-readable figures on stdout (progress stays on stderr)
          --markdown     the table as Markdown (for the README)
          --rows N       rows of the capture, export and merge sections (default 100,000)
          --rounds K     rounds of each side-by-side comparison (default 5)
          --sections L   run only these sections (1 capture, 2 export, 3 merge, 4 memory, 5 district day, 6 report,
                         7 large district, 8 floor of the storage layout)
          --district-rows M  rows the district holds in section 7 (default 500,000)
          --save FILE    also write the JSON figures to FILE
          --keep         keep the scratch databases and bundles (to profile a step by hand)
        """

    static func parse(_ args: [String]) throws -> BenchOptions {
        var o = BenchOptions()
        // --quick sets the smaller defaults first, so explicit sizes given with it still win.
        if args.contains("--quick") {
            o.quick = true
            o.rows = 2_000; o.rounds = 3; o.memoryRows = 50_000; o.schools = 10; o.schoolRows = 500; o.districtRows = 20_000
        }
        var i = 0
        func value(_ flag: String) throws -> String {
            i += 1
            guard i < args.count else { throw BenchError.usage("\(flag) needs a value") }
            return args[i]
        }
        func count(_ flag: String, min: Int = 1) throws -> Int {
            let s = try value(flag)
            guard let n = Int(s.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")), n >= min else {
                throw BenchError.usage("\(flag) takes a whole number of at least \(min), not '\(s)'")
            }
            return n
        }
        while i < args.count {
            let a = args[i]
            switch a {
            case "--quick": break
            case "--json": o.json = true
            case "--markdown": o.markdown = true
            case "--rows": o.rows = try count(a, min: 10)
            case "--rounds": o.rounds = try count(a)
            case "--memory-rows": o.memoryRows = try count(a, min: 10)
            case "--schools": o.schools = try count(a)
            case "--school-rows": o.schoolRows = try count(a, min: 10)
            case "--daily-rows": o.dailyRows = try count(a)
            case "--district-rows": o.districtRows = try count(a, min: 10)
            case "--dir": o.directory = try value(a)
            case "--keep": o.keep = true
            case "--save": o.save = try value(a)
            case "--sections":
                let list = try value(a).split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !list.isEmpty, list.allSatisfy({ $0 != nil && (1...8).contains($0!) }) else {
                    throw BenchError.usage("--sections takes numbers from 1 to 8, like 1,3")
                }
                o.sections = Set(list.map { $0! })
            case "-h", "--help": throw BenchError.usage(usage)
            default: throw BenchError.usage("unknown option '\(a)'; see --help")
            }
            i += 1
        }
        guard o.dailyRows <= o.schoolRows else { throw BenchError.usage("--daily-rows cannot exceed --school-rows") }
        guard o.schoolRows <= o.districtRows else { throw BenchError.usage("--school-rows cannot exceed --district-rows") }
        if o.json && o.markdown { throw BenchError.usage("choose one of --json and --markdown") }
        return o
    }
}
