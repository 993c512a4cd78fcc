// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "diary",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "diary", targets: ["diary"]),
        .library(name: "DiaryKit", targets: ["DiaryKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
        .target(name: "Calc"),
        .target(
            name: "DiaryKit",
            dependencies: [
                "CMarkGFM", "Calc",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [
                // Symlinks to the repository's templates/: the defaults ship inside the tool.
                .embedInCode("Resources/page.mustache"),
                .embedInCode("Resources/head.mustache"),
                .embedInCode("Resources/header.mustache"),
                .embedInCode("Resources/footer.mustache"),
                .embedInCode("Resources/style.css"),
            ]
        ),
        .executableTarget(
            name: "diary",
            dependencies: [
                "DiaryKit", "Calc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CalcTests", dependencies: ["Calc"]),
        .testTarget(name: "DiaryKitTests", dependencies: ["DiaryKit", "Calc"]),
        // Runs the built `diary` binary; depending on it makes `swift test` build it.
        .testTarget(name: "EndToEndTests", dependencies: ["diary"]),
    ]
)
