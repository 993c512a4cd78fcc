// swift-tools-version: 6.0
import PackageDescription

/// Release builds link Foundation statically (see the Makefile); LLVM's linker does not
/// repeat glibc's link-time note about Foundation's use of mktemp.
let staticReleaseLinking: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"], .when(platforms: [.linux], configuration: .release))]

let package = Package(
    name: "diary",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "diary", targets: ["diary"]),
        .executable(name: "diary-serve", targets: ["diary-serve"]),
        .library(name: "DiaryKit", targets: ["DiaryKit"]),
        .library(name: "DiaryMath", targets: ["DiaryMath"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // diary serve's HTTP server: no dependencies of its own (Hummingbird brings swift-nio
        // and a dozen packages, about 16 times the code to compile).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [
                .apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]),
                .brew(["cmark-gfm"]),
            ]
        ),
        // The atomic directory exchange that publishes a site (renameat2 is not in Glibc's module).
        .target(name: "CFileSwap"),
        // The math core: no dependencies, no I/O.
        .target(name: "DiaryMath"),
        // Located errors and warnings: the one way every layer reports a problem.
        .target(name: "Diagnostics"),
        .target(name: "Calc", dependencies: ["DiaryMath", "Diagnostics"]),
        .target(
            name: "DiaryKit",
            dependencies: [
                "CMarkGFM", "CFileSwap", "Diagnostics", "Calc",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [
                // Symlinks to the repository's templates/: the defaults ship inside the tool.
                .embedInCode("Resources/page.mustache"),
                .embedInCode("Resources/index.mustache"),
                .embedInCode("Resources/head.mustache"),
                .embedInCode("Resources/header.mustache"),
                .embedInCode("Resources/footer.mustache"),
                .embedInCode("Resources/summary.mustache"),
                .embedInCode("Resources/archive.mustache"),
                .embedInCode("Resources/tag.mustache"),
                .embedInCode("Resources/tags.mustache"),
                // templates/404.mustache (a resource name must not start with a digit).
                .embedInCode("Resources/not_found.mustache"),
                .embedInCode("Resources/favicon.svg"),
                .embedInCode("Resources/style.css"),
                .embedInCode("Resources/note.md"),
            ]
        ),
        // The preview server: HTTP, the change watcher and live reload over the in-memory site.
        .target(
            name: "DiaryServe",
            dependencies: [
                "DiaryKit", "Diagnostics",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        // What `diary serve` starts in its place: kept out of `diary`, so the HTTP library's
        // libcurl is not loaded by every run of `diary` (see ServeOptions).
        .executableTarget(name: "diary-serve", dependencies: ["DiaryServe", "DiaryKit"], linkerSettings: staticReleaseLinking),
        .executableTarget(
            name: "diary",
            dependencies: [
                "DiaryKit", "Diagnostics", "Calc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticReleaseLinking
        ),
        // Oracle/cases.json is read from the source tree (see OracleTests).
        // `make bench-math`: DiaryMath against NumPy (bench/math.py drives it).
        .executableTarget(name: "DiaryMathBench", dependencies: ["DiaryMath"], path: "bench/DiaryMathBench",
                          linkerSettings: staticReleaseLinking),
        // Fuzz targets (`make fuzz`): libFuzzer entry points over the calc language, TeX,
        // whole notes and the block scanner (differential against cmark-gfm). Built without
        // libFuzzer (-DFUZZING), each replays the files it is given.
        .target(name: "FuzzSupport", path: "fuzz/FuzzSupport"),
        .executableTarget(name: "FuzzCalc", dependencies: ["Calc", "Diagnostics", "FuzzSupport"], path: "fuzz/FuzzCalc"),
        .executableTarget(name: "FuzzTeX", dependencies: ["DiaryKit", "FuzzSupport"], path: "fuzz/FuzzTeX"),
        .executableTarget(name: "FuzzNote", dependencies: ["DiaryKit", "Calc", "FuzzSupport"], path: "fuzz/FuzzNote"),
        .executableTarget(name: "FuzzBlocks", dependencies: ["DiaryKit", "FuzzSupport"], path: "fuzz/FuzzBlocks"),
        // Golden files, shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DiaryMathTests", dependencies: ["DiaryMath"], exclude: ["Oracle"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "DiaryServeTests", dependencies: ["DiaryServe", "DiaryKit"]),
        .testTarget(name: "CalcTests", dependencies: ["Calc", "DiaryMath", "Diagnostics"]),
        .testTarget(name: "DiaryKitTests", dependencies: ["DiaryKit", "Calc", "Diagnostics", "FuzzSupport", "TestSupport"], exclude: ["Golden"]),
        // Runs the built `diary` (and `diary-serve`); depending on them makes `swift test` build them.
        .testTarget(name: "EndToEndTests", dependencies: ["diary", "diary-serve", "TestSupport"], exclude: ["Golden"]),
    ]
)
