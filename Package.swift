// swift-tools-version: 6.1
// The target graph is the architecture (see DESIGN.md): the CLI composes the three stage modules,
// which never import each other and share only the plain values of BulletinModel.
import PackageDescription

let package = Package(
    name: "bulletin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bulletin", targets: ["bulletin"]),
        // The stage modules, for the fuzz targets under Fuzz/ (a package of their own, built with
        // the fuzzer sanitizer, so that neither the main build nor `swift test` pays for them).
        .library(name: "BulletinModel", targets: ["BulletinModel"]),
        .library(name: "ContentLoading", targets: ["ContentLoading"]),
        .library(name: "IndicatorEngine", targets: ["IndicatorEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(name: "bulletin", dependencies: ["BulletinCLI"]),
        .executableTarget(name: "bulletin-bench", dependencies: ["IndicatorEngine", "BulletinModel", "ContentLoading", "ScanSynthesis"]),
        .target(
            name: "BulletinCLI",
            dependencies: [
                "BulletinModel", "ContentLoading", "IndicatorEngine", "ReportRendering", "ScanSynthesis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "BulletinModel"),
        .target(
            name: "ContentLoading",
            dependencies: ["BulletinModel", "CCMark", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "IndicatorEngine", dependencies: ["BulletinModel"]),
        // Writes synthetic scan corpora in the scan format, for benchmarks and tests at national scale.
        .target(name: "ScanSynthesis", dependencies: ["BulletinModel"]),
        .target(
            name: "ReportRendering",
            dependencies: ["BulletinModel", "CCMark", "CCrypto"]
        ),
        .systemLibrary(
            name: "CCMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .testTarget(name: "BulletinModelTests", dependencies: ["BulletinModel"]),
        .testTarget(name: "ContentLoadingTests", dependencies: ["ContentLoading", "BulletinModel"]),
        .testTarget(name: "IndicatorEngineTests", dependencies: ["IndicatorEngine", "BulletinModel", "ContentLoading"]),
        .testTarget(name: "ReportRenderingTests", dependencies: ["ReportRendering", "BulletinModel", "ScanSynthesis"], exclude: ["Golden"]),
        .testTarget(name: "BulletinCLITests", dependencies: ["BulletinCLI", "BulletinModel", "ScanSynthesis"]),
        .testTarget(name: "ScanSynthesisTests", dependencies: ["ScanSynthesis", "BulletinModel"]),
    ],
    swiftLanguageModes: [.v6]
)
