// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mentorsync",
    products: [
        .library(name: "MentorSyncEngine", targets: ["MentorSyncEngine"]),
        .library(name: "MentorSyncDomain", targets: ["MentorSyncDomain"]),
        .executable(name: "mentorsync-school", targets: ["mentorsync-school"]),
        .executable(name: "mentorsync-district", targets: ["mentorsync-district"]),
    ],
    targets: [
        // C stays at the edge: one system-library target per C library.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The sync engine: store, change capture, clocks, bundles, merge.
        .target(name: "MentorSyncEngine", dependencies: ["CSQLite", "CZlib"]),
        // The registry: schema of DOMAIN.md, validation, reports.
        .target(name: "MentorSyncDomain", dependencies: ["MentorSyncEngine"]),
        .executableTarget(name: "mentorsync-school", dependencies: ["MentorSyncEngine", "MentorSyncDomain"]),
        .executableTarget(name: "mentorsync-district", dependencies: ["MentorSyncEngine", "MentorSyncDomain"]),
        // Shared helpers of the test suites.
        .target(name: "MentorSyncTestSupport", dependencies: ["MentorSyncEngine", "MentorSyncDomain"], path: "Sources/MentorSyncTestSupport"),
        .testTarget(name: "MentorSyncEngineTests", dependencies: ["MentorSyncEngine", "MentorSyncDomain", "MentorSyncTestSupport"],
                    resources: [.copy("Vectors")]),
    ]
)
