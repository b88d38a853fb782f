// mentorsync-bench: capture, export, merge, memory and a district's day, each measured side by
// side against plain SQLite and SQLite's session extension in the same run (issue 5).
import Foundation
import MentorSyncEngine

func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data("mentorsync-bench: \(message)\n".utf8))
    exit(code)
}

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == MemoryChild.command {
    do {
        let report = try MemoryChild.main(Array(arguments.dropFirst()))
        print(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        exit(0)
    } catch {
        fail("\(error)", code: 1)
    }
}

// SQLite's process-wide settings as mentorsync makes them, before any connection of either side.
Database.configureProcess

let options: BenchOptions
do { options = try BenchOptions.parse(arguments) } catch {
    if arguments.contains("-h") || arguments.contains("--help") { print(BenchOptions.usage); exit(0) }
    fail("\(error)", code: 2)
}

do {
    let scratch = try Scratch(base: options.directory, keep: options.keep)
    let info = RunInfo.current(options: options)
    let runs: [(Int, (BenchOptions, Scratch) throws -> Section)] = [
        (1, CaptureSection.run), (2, ExportSection.run), (3, MergeSection.run),
        (4, MemorySection.run), (5, DistrictDaySection.run), (6, ReportSection.run),
        (7, LargeDistrictSection.run), (8, FloorSection.run),
    ]
    var sections: [Section] = []
    let start = Stopwatch.now()
    for (number, run) in runs where options.sections.contains(number) {
        sections.append(try run(options, scratch))
    }
    Progress.note("done in \(Unit.seconds.format(Stopwatch.now() - start)) s\(options.keep ? "; scratch kept in \(scratch.url.path)" : "")")
    if let path = options.save {
        try Data(try Report.json(info, sections).utf8).write(to: URL(fileURLWithPath: path))
    }
    if options.json {
        print(try Report.json(info, sections), terminator: "")
    } else if options.markdown {
        print(Report.markdown(info, sections), terminator: "")
    } else {
        print(Report.text(info, sections), terminator: "")
    }
} catch {
    fail("\(error)", code: 1)
}
