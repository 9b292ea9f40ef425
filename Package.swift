// swift-tools-version:6.0
import PackageDescription

// Layers, bottom to top (DESIGN §2). A target imports only targets listed before it.
let package = Package(
    name: "BieuMau",
    products: [
        .executable(name: "bieumau", targets: ["bieumau"]),
        .library(name: "SheetCore", targets: ["SheetCore"]),
        .library(name: "SheetZip", targets: ["SheetZip"]),
        .library(name: "SheetXML", targets: ["SheetXML"]),
        .library(name: "SheetCSV", targets: ["SheetCSV"]),
        .library(name: "SheetXLSX", targets: ["SheetXLSX"]),
        .library(name: "VietText", targets: ["VietText"]),
        .library(name: "SheetXLS", targets: ["SheetXLS"]),
        .library(name: "Forms", targets: ["Forms"]),
        .library(name: "Poverty", targets: ["Poverty"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML for the human-edited mapping files in Mappings/ (DESIGN §2: "forms are data").
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "SheetCore"),
        .target(name: "SheetZip", dependencies: ["SheetCore", "CZlib"]),
        .target(name: "SheetXML", dependencies: ["SheetCore"]),
        .target(name: "SheetCSV", dependencies: ["SheetCore"]),
        .target(name: "SheetXLSX", dependencies: ["SheetCore", "SheetZip", "SheetXML"]),
        .target(name: "VietText", dependencies: ["SheetCore"]),
        .target(name: "SheetXLS", dependencies: ["SheetCore"]),
        .target(
            name: "Forms",
            dependencies: ["SheetCore", "SheetXLSX", "VietText", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Poverty", dependencies: ["SheetCore", "Forms", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "bieumau",
            dependencies: [
                "SheetCore", "SheetCSV", "SheetXLS", "SheetXLSX", "VietText", "Forms", "Poverty",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "SheetTestSupport", dependencies: ["SheetCore"], path: "Tests/SheetTestSupport"),
        .testTarget(name: "SheetCoreTests", dependencies: ["SheetCore", "SheetTestSupport"]),
        .testTarget(name: "SheetZipTests", dependencies: ["SheetZip", "SheetTestSupport"]),
        .testTarget(name: "SheetXMLTests", dependencies: ["SheetXML", "SheetTestSupport"]),
        .testTarget(name: "SheetCSVTests", dependencies: ["SheetCSV", "SheetTestSupport"]),
        .testTarget(name: "SheetXLSXTests", dependencies: ["SheetXLSX", "SheetTestSupport"]),
        .testTarget(name: "VietTextTests", dependencies: ["VietText", "SheetTestSupport"]),
        .testTarget(name: "SheetXLSTests", dependencies: ["SheetXLS", "SheetTestSupport"]),
        .testTarget(name: "FormsTests", dependencies: ["Forms", "SheetXLSX", "SheetTestSupport"]),
        .testTarget(name: "PovertyTests", dependencies: ["Poverty", "Forms", "SheetXLSX", "SheetTestSupport"]),
        // Depends on the executable so that `swift test` builds it; the tests run the binary itself.
        .testTarget(name: "CLITests", dependencies: ["bieumau", "SheetTestSupport"]),
    ]
)
