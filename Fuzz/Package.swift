// swift-tools-version: 6.1
// libFuzzer targets for bulletin's parsers of hostile or hand-written text: scan documents, advisory
// front matter and STIX patterns. A package of its own, so that the main build and `swift test` are
// not compiled with the fuzzer sanitizer; `run.sh` builds it with `--sanitize=fuzzer`.
import PackageDescription

/// Each target defines `LLVMFuzzerTestOneInput` and no `main` (libFuzzer brings its own).
let fuzzTarget: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "bulletin-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "bulletin", path: "..")],
    targets: [
        .executableTarget(
            name: "fuzz-scan",
            dependencies: [
                .product(name: "ContentLoading", package: "bulletin"),
                .product(name: "BulletinModel", package: "bulletin"),
            ],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "fuzz-front-matter",
            dependencies: [
                .product(name: "ContentLoading", package: "bulletin"),
                .product(name: "BulletinModel", package: "bulletin"),
            ],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "fuzz-pattern",
            dependencies: [
                .product(name: "IndicatorEngine", package: "bulletin"),
                .product(name: "BulletinModel", package: "bulletin"),
            ],
            swiftSettings: fuzzTarget),
    ],
    swiftLanguageModes: [.v6]
)
