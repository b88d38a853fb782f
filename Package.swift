// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mentorsync",
    products: [
        .library(name: "MentorSyncEngine", targets: ["MentorSyncEngine"]),
        .library(name: "MentorSyncDomain", targets: ["MentorSyncDomain"]),
        .executable(name: "mentorsync-school", targets: ["mentorsync-school"]),
        .executable(name: "mentorsync-district", targets: ["mentorsync-district"]),
        .executable(name: "mentorsync-bench", targets: ["mentorsync-bench"]),
    ],
    targets: [
        // C stays at the edge: one system-library target per C library.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The sync engine: store, change capture, clocks, bundles, merge.
        .target(name: "MentorSyncEngine", dependencies: ["CSQLite", "CZlib"]),
        // The registry: schema of DOMAIN.md, district and school homes, the file-drop share, reports.
        .target(name: "MentorSyncDomain", dependencies: ["MentorSyncEngine"]),
        // Generated demo data: a realistic district for the seed-demo command, the bench and tests.
        .target(name: "MentorSyncDemo", dependencies: ["MentorSyncEngine", "MentorSyncDomain"]),
        // The web app: an HTTP/1.1 server on plain sockets and the school's and district's pages.
        .target(name: "MentorSyncWeb", dependencies: ["MentorSyncEngine", "MentorSyncDomain"]),
        // Command-line parsing and output shared by the two tools; each command is a function here.
        .target(name: "MentorSyncCLI", dependencies: ["MentorSyncEngine", "MentorSyncDomain", "MentorSyncDemo", "MentorSyncWeb"]),
        .executableTarget(name: "mentorsync-school", dependencies: ["MentorSyncCLI"]),
        .executableTarget(name: "mentorsync-district", dependencies: ["MentorSyncCLI"]),
        .executableTarget(name: "mentorsync-bench", dependencies: ["MentorSyncEngine", "MentorSyncDomain", "MentorSyncDemo", "CSQLite", "CZlib"]),
        // Shared helpers of the test suites.
        .target(name: "MentorSyncTestSupport", dependencies: ["MentorSyncEngine", "MentorSyncDomain"], path: "Sources/MentorSyncTestSupport"),
        .testTarget(name: "MentorSyncEngineTests", dependencies: ["MentorSyncEngine", "MentorSyncDomain", "MentorSyncTestSupport", "MentorSyncDemo"]),
        .testTarget(name: "MentorSyncDomainTests", dependencies: ["MentorSyncEngine", "MentorSyncDomain", "MentorSyncDemo", "MentorSyncTestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "MentorSyncCLITests", dependencies: ["MentorSyncEngine", "MentorSyncDomain", "MentorSyncCLI", "MentorSyncTestSupport", "MentorSyncDemo"]),
        .testTarget(name: "MentorSyncWebTests", dependencies: ["MentorSyncEngine", "MentorSyncDomain", "MentorSyncWeb", "MentorSyncTestSupport"]),
    ]
)
